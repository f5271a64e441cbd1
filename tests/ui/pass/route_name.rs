#![deny(warnings)]

use actix_web::{App, HttpRequest, Responder, get};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
#[get("/items/{id}", name = "item_detail")]
async fn handler(req: HttpRequest) -> impl Responder {
    req.url_for("item_detail", ["1"])
        .map(|url| url.to_string())
        .unwrap_or_default()
}

fn main() {
    let _app = App::new().service(handler);
}

#![deny(warnings)]

use actix_web::middleware::DefaultHeaders;
use actix_web::{App, Responder, get};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
#[get("/items", wrap = "DefaultHeaders::new().add((\"x-version\", \"1\"))")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

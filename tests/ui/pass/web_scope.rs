#![deny(warnings)]

use actix_web::{App, Responder, get, web};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
#[get("/items")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(web::scope("/api").service(handler));
}

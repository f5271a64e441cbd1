#![deny(warnings)]

use actix_web::{App, Responder, route};
use cors_actix::cors;

#[cors(origins = ["https://app.example"], methods = [GET, POST])]
#[route("/items", method = "GET", method = "POST")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

#![deny(warnings)]

use actix_web::{App, Responder, head};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
#[head("/items")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

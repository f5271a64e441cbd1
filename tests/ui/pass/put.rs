#![deny(warnings)]

use actix_web::{App, Responder, put};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
#[put("/items")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

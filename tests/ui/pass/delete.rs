#![deny(warnings)]

use actix_web::{App, Responder, delete};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
#[delete("/items")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

#![deny(warnings)]

// `#[routes]` consumes its inner method attributes by name, so `get`, `post` and `delete` need
// no import (importing them warns `unused_imports`, exactly as with plain actix-web).
use actix_web::{App, Responder, routes};
use cors_actix::cors;

#[cors(origins = ["https://app.example"], credentials = true)]
#[routes]
#[get("/items")]
#[post("/items")]
#[delete("/items/{id}")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

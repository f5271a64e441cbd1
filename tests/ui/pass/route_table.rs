#![deny(warnings)]

use actix_web::{App, Responder, get, post};
use cors_actix::{cors, routes};

#[cors(origins = ["https://app.example"])]
#[get("/items")]
async fn list() -> impl Responder {
    ""
}

#[cors(origins = ["https://admin.example"], credentials = true)]
#[post("/items")]
async fn create() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(routes![list, create]);
}

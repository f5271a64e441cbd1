#![deny(warnings)]

use actix_web::{App, Responder};

#[cors_actix::cors(origins = ["https://app.example"])]
#[actix_web::get("/items")]
async fn list() -> impl Responder {
    ""
}

#[cors_actix::cors(origins = ["https://app.example"])]
#[actix_web::route("/items", method = "PUT")]
async fn replace() -> impl Responder {
    ""
}

#[cors_actix::cors(origins = ["https://app.example"])]
// actix's `#[routes]` reads its inner attributes by bare name only.
#[actix_web::routes]
#[post("/items")]
#[patch("/items")]
async fn change() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(list).service(replace).service(change);
}

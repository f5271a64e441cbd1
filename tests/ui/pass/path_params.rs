#![deny(warnings)]

use actix_web::{App, Responder, get, web};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
#[get("/items/{id}/parts/{part}")]
async fn handler(path: web::Path<(u32, String)>) -> impl Responder {
    let (id, part) = path.into_inner();
    format!("{id}/{part}")
}

fn main() {
    let _app = App::new().service(handler);
}

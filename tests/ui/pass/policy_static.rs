#![deny(warnings)]

use actix_web::{App, Responder, get, post};
use cors_actix::{Policy, cors, policy};

static PARTNERS: Policy = policy!(
    origins = ["https://partner.example", "https://*.partner.example"],
    credentials = true,
    allow_headers = ["content-type"],
);

#[cors(policy = PARTNERS)]
#[get("/items")]
async fn list() -> impl Responder {
    ""
}

#[cors(policy = crate::PARTNERS)]
#[post("/items")]
async fn create() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(list).service(create);
}

#![deny(warnings)]

use std::sync::LazyLock;

use actix_web::{App, Responder, get};
use cors_actix::{Policy, cors};

static FROM_ENV: LazyLock<Policy> = LazyLock::new(|| {
    Policy::builder()
        .allow_origins(["https://a.example"])
        .build()
        .expect("valid CORS policy")
});

#[cors(policy = FROM_ENV)]
#[get("/items")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

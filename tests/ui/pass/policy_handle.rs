#![deny(warnings)]

use std::sync::LazyLock;

use actix_web::{App, Responder, get};
use cors_actix::{Cors, Policy, PolicyHandle, cors};

static LIVE: LazyLock<PolicyHandle> = LazyLock::new(|| {
    PolicyHandle::new(
        Policy::builder()
            .allow_origins(["https://a.example"])
            .build()
            .expect("valid CORS policy"),
    )
});

#[cors(policy = LIVE)]
#[get("/items")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new()
        .wrap(Cors::new(LIVE.clone()))
        .service(cors_actix::routes![handler]);
}

#![deny(warnings)]

use actix_web::{App, HttpResponse, web};
use cors_actix::{Cors, Policy, policy};

static EVERYONE: Policy = policy!(
    origins = "*",
    methods = "*",
    allow_headers = "*",
    expose_headers = ["x-request-id"],
    max_age = 600,
);

static NULL_AND_LOCAL: Policy = policy!(
    origins = ["null", "http://localhost:*"],
    allow_null_origin = true,
    private_network = true,
);

fn main() {
    let _app = App::new()
        .wrap(Cors::new(&EVERYONE))
        .service(web::scope("/local").wrap(Cors::new(&NULL_AND_LOCAL)))
        .route("/", web::get().to(HttpResponse::Ok));
}

#![deny(warnings)]

use actix_web::{App, Responder, get};
use cors_actix::{Policy, cors};

static PARTNERS: Policy = cors_actix::policy!(origins = ["https://partner.example"]);
// A static reference to a policy, as `policy = ..` took before `PolicyHandle`.
static CHOSEN: &Policy = &PARTNERS;

#[cors(policy = CHOSEN)]
#[get("/items")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

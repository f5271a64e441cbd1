use actix_web::{App, Responder, get};
use cors_actix::{Policy, cors, policy};

static PARTNERS: Policy = policy!(origins = ["https://partner.example"]);

#[cors(polcy = PARTNERS)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

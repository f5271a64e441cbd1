#![deny(warnings)]

use actix_web::{App, Responder, get};
use cors_actix::cors;

#[cors(off)]
#[get("/internal")]
async fn internal() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(internal);
}

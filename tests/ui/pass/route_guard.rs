#![deny(warnings)]

use actix_web::guard::GuardContext;
use actix_web::{App, Responder, get};
use cors_actix::cors;

fn has_token(ctx: &GuardContext<'_>) -> bool {
    ctx.head().headers().contains_key("x-token")
}

#[cors(origins = ["https://app.example"])]
#[get("/items", guard = "has_token")]
async fn handler() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new().service(handler);
}

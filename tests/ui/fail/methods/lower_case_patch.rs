use actix_web::{App, Responder, patch};
use cors_actix::cors;

#[cors(origins = ["https://app.example"], methods = [patch])]
#[patch("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

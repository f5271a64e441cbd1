use actix_web::{App, Responder, get};
use cors_actix::cors;

#[cors(off, origins = ["https://app.example"])]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

use actix_web::{App, Responder, get};
use cors_actix::cors;

#[get("/items")]
#[cors(origins = ["https://app.example"])]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

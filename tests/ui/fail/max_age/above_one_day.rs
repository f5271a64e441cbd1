use actix_web::{App, Responder, get};
use cors_actix::cors;

#[cors(origins = ["https://app.example"], max_age = 86401)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

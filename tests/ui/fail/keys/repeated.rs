use actix_web::{App, Responder, get};
use cors_actix::cors;

#[cors(origins = ["https://app.example"], max_age = 60, max_age = 600)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

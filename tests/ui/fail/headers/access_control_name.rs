use actix_web::{App, Responder, get};
use cors_actix::cors;

#[cors(origins = ["https://app.example"], allow_headers = ["content-type", "Access-Control-Allow-Origin"])]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

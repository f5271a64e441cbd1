use actix_web::{App, Responder, web};
use cors_actix::cors;

#[cors(origins = ["https://app.example"])]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().route("/items", web::get().to(handler));
}

use actix_web::{App, Responder, web};
use cors_actix::cors;

#[cors(origins = ["https://app.example/"], methods = [DELETE], max_age = 100000)]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().route("/items", web::get().to(handler));
}

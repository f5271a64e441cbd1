use actix_web::{App, Responder, get};
use cors_actix::cors;

fn is_tenant(origin: &str) -> bool {
    origin.ends_with(".example")
}

#[cors(origins = ["https://app.example"], origin_fn = is_tenant)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

use actix_web::{App, HttpRequest, Responder, get};
use cors_actix::cors;

fn is_tenant(_: &str, _: &HttpRequest) -> bool {
    true
}

#[cors(origins = "*", origin_fn = is_tenant)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

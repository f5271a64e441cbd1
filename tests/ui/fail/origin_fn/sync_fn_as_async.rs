use actix_web::{App, HttpRequest, Responder, get};
use cors_actix::cors;

fn is_tenant(origin: String, _: HttpRequest) -> bool {
    origin.ends_with(".example")
}

#[cors(origin_fn_async = is_tenant)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

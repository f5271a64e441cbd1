use actix_web::{App, HttpRequest, Responder, get};
use cors_actix::cors;

fn is_tenant(_: &str, _: &HttpRequest) -> bool {
    true
}

async fn is_tenant_async(_: String, _: HttpRequest) -> bool {
    true
}

#[cors(origin_fn = is_tenant, origin_fn_async = is_tenant_async)]
#[get("/items")]
async fn handler() -> impl Responder {
    "[]"
}

fn main() {
    let _app = App::new().service(handler);
}

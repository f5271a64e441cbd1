#![deny(warnings)]

use actix_web::{App, HttpRequest, Responder, get, post};
use cors_actix::{Policy, cors};

fn is_tenant(origin: &str, req: &HttpRequest) -> bool {
    origin.ends_with(".tenants.example") && req.path().starts_with('/')
}

async fn is_tenant_in_db(origin: String, _req: HttpRequest) -> bool {
    origin.ends_with(".tenants.example")
}

// Any function returning a future of `bool` fits.
fn boxed_lookup(
    origin: String,
    _req: HttpRequest,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool>>> {
    Box::pin(async move { origin.is_empty() })
}

static SHARED: Policy = cors_actix::policy!(origins = ["https://app.example"]);

#[cors(origins = ["https://app.example"], origin_fn = is_tenant, credentials = true)]
#[get("/sync")]
async fn sync_check() -> impl Responder {
    ""
}

#[cors(origin_fn_async = is_tenant_in_db)]
#[post("/async")]
async fn async_check() -> impl Responder {
    ""
}

#[cors(policy = SHARED, origin_fn = is_tenant)]
#[get("/shared")]
async fn shared_check() -> impl Responder {
    ""
}

#[cors(origin_fn_async = boxed_lookup)]
#[get("/boxed")]
async fn boxed_check() -> impl Responder {
    ""
}

fn main() {
    let _app = App::new()
        .service(sync_check)
        .service(async_check)
        .service(shared_check)
        .service(boxed_check);
}

//! Tenants on subdomains, plus any localhost port for development.
//!
//! ```sh
//! cargo run -p cors-examples --bin subdomains     # http://127.0.0.1:8080/api/tenant
//! ```
//!
//! `https://*.example.com` admits `https://acme.example.com` and `https://eu.acme.example.com`,
//! never `https://example.com` itself, `http://` tenants, or `https://evil-example.com`.
//! `http://localhost:*` admits every port of `http://localhost`, for dev servers.

use actix_web::{App, HttpRequest, HttpServer, Responder, get, put};
use cors_actix::cors;

#[cors(
    origins = ["https://*.example.com", "http://localhost:*"],
    credentials = true,
    expose_headers = ["x-tenant"],
)]
#[get("/api/tenant")]
async fn greet_tenant(req: HttpRequest) -> impl Responder {
    // CORS decides who may *read* the answer; the tenant still comes from your own logic.
    let origin = req.headers().get("origin").and_then(|v| v.to_str().ok());
    let tenant = origin
        .and_then(|o| o.strip_prefix("https://"))
        .and_then(|host| host.strip_suffix(".example.com"))
        .unwrap_or("dev");
    actix_web::HttpResponse::Ok()
        .insert_header(("x-tenant", tenant.to_owned()))
        .body(format!("hello, {tenant}"))
}

/// Writes: the same origins, JSON bodies (preflighted), a one-hour preflight cache.
#[cors(
    origins = ["https://*.example.com", "http://localhost:*"],
    credentials = true,
    allow_headers = ["content-type"],
    max_age = 3600,
)]
#[put("/api/settings")]
async fn settings(body: String) -> impl Responder {
    format!("saved {body}")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    println!("tenant API on http://127.0.0.1:8080/api/tenant");
    HttpServer::new(|| App::new().service(greet_tenant).service(settings))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}

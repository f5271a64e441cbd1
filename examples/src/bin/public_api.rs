//! A public, read-only API: any web page may read it, nobody may send credentials to it.
//!
//! ```sh
//! cargo run -p cors-examples --bin public_api     # http://127.0.0.1:8080/v1/rates
//! ```
//!
//! `origins = "*"` without credentials sends a static `Access-Control-Allow-Origin: *` on every
//! response (no `Vary: Origin` needed). Adding `credentials = true` next to `"*"` is a compile
//! error: browsers refuse that combination anyway.

use actix_web::{App, HttpResponse, HttpServer, Responder, get, web};
use cors_actix::cors;

/// Read-only data. Browsers cache the preflight (for `x-client-version`) for a day.
#[cors(
    origins = "*",
    allow_headers = ["x-client-version"],
    expose_headers = ["x-rate-limit-remaining"],
    max_age = 86400,
)]
#[get("/v1/rates")]
async fn rates() -> impl Responder {
    HttpResponse::Ok()
        .insert_header(("x-rate-limit-remaining", "99"))
        .json([("EUR", 1.0), ("USD", 1.08)])
}

/// The same policy on a second route; `methods` defaults to the route's own (`GET`).
#[cors(origins = "*", max_age = 86400)]
#[get("/v1/rates/{currency}")]
async fn rate(currency: web::Path<String>) -> impl Responder {
    match currency.as_str() {
        "EUR" => HttpResponse::Ok().body("1.00"),
        "USD" => HttpResponse::Ok().body("1.08"),
        // Errors carry the CORS headers too, so the page sees the real 404.
        _ => HttpResponse::NotFound().body("unknown currency"),
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    println!("public API on http://127.0.0.1:8080/v1/rates");
    // Each #[cors] handler brings its own preflight (OPTIONS) route.
    HttpServer::new(|| App::new().service(rates).service(rate))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}

//! One single-page app, cookies, and an auth middleware that lets preflights through.
//!
//! ```sh
//! cargo run -p cors-examples --bin spa_credentials   # API on http://127.0.0.1:8080
//! ```
//!
//! The SPA runs on `http://localhost:5173` (a Vite dev server, say) and calls this API as
//! `http://localhost:8080` with `fetch(url, { credentials: "include" })`. Same host, other port:
//! another origin but the same site, so the browser sends the `SameSite=Lax` cookie.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{Next, from_fn};
use actix_web::{App, Error, HttpResponse, HttpServer, Responder, error, get, post, web};
use cors_actix::{Cors, Policy, cors};

/// One policy for the whole API, checked at compile time. Credentials need exact origins.
static SPA: Policy = cors_actix::policy!(
    origins = ["http://localhost:5173"],
    credentials = true,
    allow_headers = ["content-type", "x-csrf-token"],
    max_age = 600,
);

#[cors(policy = SPA)]
#[post("/login")]
async fn login() -> impl Responder {
    HttpResponse::Ok()
        .insert_header((
            header::SET_COOKIE,
            "session=alice; Path=/; SameSite=Lax; HttpOnly",
        ))
        .body("signed in")
}

#[cors(policy = SPA)]
#[get("/me")]
async fn me() -> impl Responder {
    "alice"
}

#[cors(policy = SPA)]
#[post("/orders")]
async fn create_order(body: String) -> impl Responder {
    HttpResponse::Created().body(format!("order: {body}"))
}

fn has_session(req: &ServiceRequest) -> bool {
    let cookies = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok());
    cookies.is_some_and(|c| c.split(';').any(|c| c.trim().starts_with("session=")))
}

/// Auth runs before routing, so it sees preflights first. Preflights never carry cookies: let
/// them through with `is_preflight`, or every preflight gets 401 and the browser blocks the call.
async fn require_session(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if cors_actix::is_preflight(&req) || req.path() == "/api/login" || has_session(&req) {
        next.call(req).await
    } else {
        Err(error::ErrorUnauthorized("sign in first"))
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    println!("API for the SPA on http://localhost:5173: http://localhost:8080/api");
    HttpServer::new(|| {
        App::new().service(
            web::scope("/api")
                .service(login)
                .service(me)
                .service(create_order)
                .wrap(from_fn(require_session))
                // Outside the auth middleware, the same policy puts CORS headers on its 401s,
                // so the SPA reads "401" instead of a CORS error. Routes' own #[cors] still win.
                .wrap(Cors::new(&SPA)),
        )
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}

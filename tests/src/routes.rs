//! The app that the hostile-input tests (`tests/hostile_input.rs`, `tests/bounded_work.rs`) and
//! the soak server (`src/bin/soak_server.rs`) run: one route per kind of policy.
//!
//! | path | methods | policy |
//! |---|---|---|
//! | `/items` | GET, POST | [`PARTNERS`]: a list with a subdomain pattern and an IPv6 origin, credentials, two allowed headers, max age |
//! | `/echo` | PUT | `https://app.example`, any request header (echoed) |
//! | `/public` | GET | any origin |
//! | `/sandboxed` | GET | `https://app.example` and the `null` origin |

use actix_web::{HttpResponse, Responder, get, put, routes, web};
use cors_actix::{Policy, cors};

/// The allowed origin every route lists.
pub const APP: &str = "https://app.example";

/// The policy of `/items`.
pub static PARTNERS: Policy = cors_actix::policy!(
    origins = [
        "https://app.example",
        "https://*.example.org",
        "http://[::1]:8080"
    ],
    allow_headers = ["content-type", "x-api-key"],
    expose_headers = ["x-request-id"],
    credentials = true,
    max_age = 600,
);

#[cors(policy = PARTNERS)]
#[routes]
#[get("/items")]
#[post("/items")]
async fn items() -> impl Responder {
    HttpResponse::Ok().body("[]")
}

#[cors(origins = ["https://app.example"], allow_headers = "*")]
#[put("/echo")]
async fn echo() -> impl Responder {
    HttpResponse::Ok().body("put")
}

#[cors(origins = "*")]
#[get("/public")]
async fn public() -> impl Responder {
    HttpResponse::Ok().body("public")
}

#[cors(origins = ["https://app.example"], allow_null_origin = true)]
#[get("/sandboxed")]
async fn sandboxed() -> impl Responder {
    HttpResponse::Ok().body("sandboxed")
}

/// Registers every route (and its preflight route): `App::new().configure(routes::configure)`.
pub fn configure(config: &mut web::ServiceConfig) {
    config
        .service(items)
        .service(echo)
        .service(public)
        .service(sandboxed);
}

/// `Access-Control-Request-Headers` of 1 MiB: `a,a,a,...`, so a parser that scanned before
/// checking the length would stop at the 65th name, not at the byte bound.
pub fn megabyte_header_list() -> String {
    "a,".repeat(512 * 1024)
}

/// An `Origin` of 64 KiB that starts with an allowed origin.
pub fn huge_origin() -> String {
    let mut origin = String::from(APP);
    origin.extend(std::iter::repeat_n('a', 64 * 1024 - APP.len()));
    origin
}

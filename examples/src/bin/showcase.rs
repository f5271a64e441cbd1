//! Showcase: a page on one origin calls an API on another, one button per CORS case, and shows
//! what the browser allowed, the status, and why.
//!
//! ```sh
//! cargo run -p cors-examples --bin showcase      # then open http://127.0.0.1:8080
//! cargo run -p cors-examples --bin showcase -- --page-port 3000 --api-port 3001
//! SHOWCASE_PAGE_PORT=3000 SHOWCASE_API_PORT=3001 cargo run -p cors-examples --bin showcase
//! ```
//!
//! The page is `http://127.0.0.1:<page port>`; it calls the API as `http://localhost:<api port>`
//! (another origin: another host). Both servers listen on 127.0.0.1 only.

use actix_web::http::header;
use actix_web::{
    App, HttpRequest, HttpResponse, HttpServer, Responder, delete, get, post, put, web,
};
use cors_actix::cors;

// The page's origin is `http://127.0.0.1:<page port>`; `:*` admits any port, so the ports can
// change without touching the policies. In production, list your exact origins.

/// A simple request: no preflight.
#[cors(origins = ["http://127.0.0.1:*"])]
#[get("/api/items")]
async fn list_items() -> impl Responder {
    web::Json(["pen", "ink"])
}

/// `content-type: application/json` is not a simple content type: the browser preflights, and the
/// policy must allow the header.
#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["content-type"])]
#[post("/api/items")]
async fn create_item(body: String) -> impl Responder {
    HttpResponse::Created().body(format!("created {body}"))
}

/// PUT and DELETE are not simple methods: preflighted. `methods` defaults to the route's own.
#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["content-type"])]
#[put("/api/items/{id}")]
async fn replace_item(id: web::Path<u32>) -> impl Responder {
    format!("replaced item {id}")
}

#[cors(origins = ["http://127.0.0.1:*"])]
#[delete("/api/items/{id}")]
async fn delete_item() -> impl Responder {
    HttpResponse::NoContent().finish()
}

/// A custom request header is preflighted and must be listed.
#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["x-api-key"])]
#[get("/api/search")]
async fn search(req: HttpRequest) -> impl Responder {
    let key = req.headers().get("x-api-key").and_then(|v| v.to_str().ok());
    format!("searched with key {}", key.unwrap_or("(none)"))
}

/// Cookies cross origins only with `credentials = true` (and `credentials: "include"` in fetch).
#[cors(origins = ["http://127.0.0.1:*"], credentials = true)]
#[post("/api/login")]
async fn login() -> impl Responder {
    HttpResponse::Ok()
        .insert_header((
            header::SET_COOKIE,
            "session=demo; Path=/; SameSite=Lax; HttpOnly",
        ))
        .body("signed in")
}

#[cors(origins = ["http://127.0.0.1:*"], credentials = true)]
#[get("/api/me")]
async fn me(req: HttpRequest) -> impl Responder {
    let cookies = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok());
    match cookies.is_some_and(|c| c.split(';').any(|c| c.trim() == "session=demo")) {
        true => HttpResponse::Ok().body("you are demo (the cookie came along)"),
        false => HttpResponse::Unauthorized().body("no session cookie"),
    }
}

/// Only listed response headers are readable by the page (besides the safelisted ones).
#[cors(origins = ["http://127.0.0.1:*"], expose_headers = ["x-request-id"])]
#[get("/api/report")]
async fn report() -> impl Responder {
    HttpResponse::Ok()
        .insert_header(("x-request-id", "req-42"))
        .insert_header(("x-internal", "not for the page"))
        .body("report")
}

/// A policy that does not allow this page: the handler runs, the browser hides the answer.
#[cors(origins = ["https://admin.example"])]
#[get("/api/admin")]
async fn admin() -> impl Responder {
    "admin only"
}

/// Public, read-only data: any origin, no credentials.
#[cors(origins = "*")]
#[get("/api/public")]
async fn public() -> impl Responder {
    "public data"
}

/// The API: a route table, one merged preflight route per path; printed, it lists the CORS
/// surface. `examples/tests/showcase_verdicts.rs` runs each of the page's cases against it in
/// `cargo test`, through `cors_actix::test`.
pub fn api() -> cors_actix::RouteTable {
    #[rustfmt::skip]
    let table = cors_actix::routes![
        list_items, create_item, replace_item, delete_item, search, login, me, report, admin, public
    ];
    table
}

// What only `main` uses lives in it: `tests/showcase_verdicts.rs` includes this file for `api()`.
#[actix_web::main]
async fn main() -> std::io::Result<()> {
    // `--flag value`, else the environment variable, else the default.
    let port = |flag: &str, env: &str, default: u16| {
        let args: Vec<String> = std::env::args().collect();
        let given = args
            .iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1));
        let value = given.cloned().or_else(|| std::env::var(env).ok());
        value.map_or(default, |v| v.parse().expect("a port is a number"))
    };
    // The page, with the API's two addresses filled in.
    let page = |api: web::Data<(String, String)>| async move {
        let html = include_str!("showcase.html")
            .replace("__API__", &api.0)
            .replace("__SAME_SITE_API__", &api.1);
        HttpResponse::Ok()
            .content_type("text/html; charset=utf-8")
            .body(html)
    };
    let page_port = port("--page-port", "SHOWCASE_PAGE_PORT", 8080);
    let api_port = port("--api-port", "SHOWCASE_API_PORT", 8081);
    let api_origin = format!("http://localhost:{api_port}");
    // Browsers block third-party cookies: the credentialed case calls the API on the page's own
    // host (another port: another origin, but the same site), as app.example.com would call
    // api.example.com.
    let same_site_api = format!("http://127.0.0.1:{api_port}");

    println!("CORS routes:\n{}", api());
    println!("page: http://127.0.0.1:{page_port}   API: {api_origin}");

    let data = web::Data::new((api_origin, same_site_api));
    let page_server = HttpServer::new(move || {
        App::new()
            .app_data(data.clone())
            .route("/", web::get().to(page))
    })
    .bind(("127.0.0.1", page_port))?
    .run();
    let api_server = HttpServer::new(move || App::new().service(api()))
        .bind(("127.0.0.1", api_port))?
        .run();
    actix_web::rt::spawn(page_server);
    api_server.await
}

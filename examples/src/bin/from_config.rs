//! A policy read from the environment at startup, with the run-time builder, and reloaded while
//! the app runs through a `PolicyHandle`. A bad value stops startup, or is refused by a reload,
//! with every problem listed, worded as the compile-time errors are; a refused reload leaves the
//! policy in force as it was.
//!
//! ```sh
//! CORS_ORIGINS="https://app.example,https://*.example.org" cargo run -p cors-examples --bin from_config
//! CORS_ORIGINS="https://app.example/,*" CORS_CREDENTIALS=true cargo run -p cors-examples --bin from_config
//! #   -> invalid CORS configuration: ... has a path ... `*` ... credentials ...
//! # reload, from the admin page (http://127.0.0.1:8080/admin) or its form's POST:
//! curl -d CORS_ORIGINS=https://other.example http://127.0.0.1:8080/admin/reload
//! ```
//!
//! Variables: `CORS_ORIGINS` (comma-separated, required), `CORS_CREDENTIALS` (`true`/`false`),
//! `CORS_MAX_AGE` (seconds); `CORS_PORT` (default 8080). A reload posts the same names as form
//! fields (an empty field is an unset variable); the new policy is built from them alone.

use std::collections::HashMap;
use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, Responder, get, post, web};
use cors_actix::{Policy, PolicyHandle, cors};

/// The policy in force. Built once, on first use; `main` forces it before binding, so a bad
/// configuration never serves a single request. `/admin/reload` replaces it: every worker uses
/// the new one from its next request on.
static LIVE: LazyLock<PolicyHandle> = LazyLock::new(|| match policy_from(env) {
    Ok(policy) => PolicyHandle::new(policy),
    Err(problems) => {
        eprintln!("invalid CORS configuration:\n{problems}");
        std::process::exit(2);
    }
});

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// Builds a policy from the variables `value` reads (the environment, or a reload's form).
fn policy_from(value: impl Fn(&str) -> Option<String>) -> Result<Policy, String> {
    let origins = value("CORS_ORIGINS").ok_or("set CORS_ORIGINS")?;
    let mut builder = Policy::builder()
        .allow_origins(origins.split(',').map(str::trim))
        .allow_headers(["content-type"]);
    if let Some(value) = value("CORS_CREDENTIALS") {
        let on = value
            .parse()
            .map_err(|_| format!("CORS_CREDENTIALS: `{value}` is not true or false"))?;
        builder = builder.allow_credentials(on);
    }
    if let Some(value) = value("CORS_MAX_AGE") {
        let seconds = value
            .parse()
            .map_err(|_| format!("CORS_MAX_AGE: `{value}` is not seconds"))?;
        builder = builder.max_age(seconds);
    }
    // `PolicyError` lists every problem, one per line.
    builder.build().map_err(|e| e.to_string())
}

#[cors(policy = LIVE)]
#[get("/api/notes")]
async fn notes() -> impl Responder {
    "[]"
}

#[cors(policy = LIVE)]
#[post("/api/notes")]
async fn add_note(body: String) -> impl Responder {
    format!("added {body}")
}

/// True when a browser says the request comes from this very origin, so a page elsewhere cannot
/// reload the policy: a cross-origin form POST is a simple request, sent without a preflight, and its
/// handler runs whatever CORS says. A request with neither `Origin` nor `Sec-Fetch-Site` is not
/// a browser's POST (curl); any other is judged as `enforce` judges it.
fn same_origin(req: &HttpRequest) -> bool {
    let headers = req.headers();
    let from_browser =
        headers.contains_key(header::ORIGIN) || headers.contains_key("sec-fetch-site");
    !from_browser || !cors_actix::is_cross_origin(req)
}

/// The admin page: a form that posts new values to `/admin/reload`. No CORS: this origin only.
#[get("/admin")]
async fn admin() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(
            r#"<!doctype html><title>CORS policy</title>
<h1>Reload the CORS policy</h1>
<form method="post" action="/admin/reload">
  <label>CORS_ORIGINS <input name="CORS_ORIGINS" placeholder="https://app.example" required></label>
  <label>CORS_CREDENTIALS <input name="CORS_CREDENTIALS" placeholder="false"></label>
  <label>CORS_MAX_AGE <input name="CORS_MAX_AGE" placeholder="seconds"></label>
  <button>Reload</button>
</form>"#,
        )
}

/// Builds the new policy from the form and puts it in force, or refuses it, listing every problem
/// in the answer and the log; then the old policy stays.
#[post("/admin/reload")]
async fn reload(req: HttpRequest, form: web::Form<HashMap<String, String>>) -> HttpResponse {
    if !same_origin(&req) {
        return HttpResponse::Forbidden().body("the admin form is for this origin only");
    }
    let field = |name: &str| {
        form.get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    match policy_from(field) {
        Ok(policy) => {
            let origins = policy.origins().to_string();
            LIVE.replace(policy);
            println!("CORS policy reloaded; origins: {origins}");
            HttpResponse::Ok().body(format!("reloaded; origins: {origins}\n"))
        }
        Err(problems) => {
            eprintln!("CORS reload refused, the policy in force is unchanged:\n{problems}");
            HttpResponse::UnprocessableEntity().body(format!(
                "reload refused, the policy in force is unchanged:\n{problems}\n"
            ))
        }
    }
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let port: u16 = env("CORS_PORT").map_or(8080, |p| p.parse().expect("CORS_PORT is a port"));
    println!("CORS origins: {}", LIVE.current().origins());
    println!("notes API on http://127.0.0.1:{port}/api/notes, admin on /admin");
    HttpServer::new(|| {
        App::new()
            .service(cors_actix::routes![notes, add_note])
            .service(admin)
            .service(reload)
    })
    .bind(("127.0.0.1", port))?
    .run()
    .await
}

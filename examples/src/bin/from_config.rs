//! A policy read from the environment at startup, with the run-time builder. A bad value stops
//! startup with every problem listed, worded as the compile-time errors are.
//!
//! ```sh
//! CORS_ORIGINS="https://app.example,https://*.example.org" cargo run -p cors-examples --bin from_config
//! CORS_ORIGINS="https://app.example/,*" CORS_CREDENTIALS=true cargo run -p cors-examples --bin from_config
//! #   -> invalid CORS configuration: ... has a path ... `*` ... credentials ...
//! ```
//!
//! Variables: `CORS_ORIGINS` (comma-separated, required), `CORS_CREDENTIALS` (`true`/`false`),
//! `CORS_MAX_AGE` (seconds).

use std::sync::LazyLock;

use actix_web::{App, HttpServer, Responder, get, post};
use cors_actix::{Policy, cors};

/// Built once, on first use; `main` forces it before binding, so a bad configuration never
/// serves a single request.
static FROM_ENV: LazyLock<Policy> = LazyLock::new(|| match policy_from_env() {
    Ok(policy) => policy,
    Err(problems) => {
        eprintln!("invalid CORS configuration:\n{problems}");
        std::process::exit(2);
    }
});

fn policy_from_env() -> Result<Policy, String> {
    let origins = std::env::var("CORS_ORIGINS").map_err(|_| "set CORS_ORIGINS".to_owned())?;
    let mut builder = Policy::builder()
        .allow_origins(origins.split(',').map(str::trim))
        .allow_headers(["content-type"]);
    if let Ok(value) = std::env::var("CORS_CREDENTIALS") {
        let on = value
            .parse()
            .map_err(|_| format!("CORS_CREDENTIALS: `{value}` is not true or false"))?;
        builder = builder.allow_credentials(on);
    }
    if let Ok(value) = std::env::var("CORS_MAX_AGE") {
        let seconds = value
            .parse()
            .map_err(|_| format!("CORS_MAX_AGE: `{value}` is not seconds"))?;
        builder = builder.max_age(seconds);
    }
    // `PolicyError` lists every problem, one per line.
    builder.build().map_err(|e| e.to_string())
}

#[cors(policy = FROM_ENV)]
#[get("/api/notes")]
async fn notes() -> impl Responder {
    "[]"
}

#[cors(policy = FROM_ENV)]
#[post("/api/notes")]
async fn add_note(body: String) -> impl Responder {
    format!("added {body}")
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let policy = LazyLock::force(&FROM_ENV);
    println!("CORS origins: {}", policy.origins());
    println!("notes API on http://127.0.0.1:8080/api/notes");
    HttpServer::new(|| App::new().service(cors_actix::routes![notes, add_note]))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}

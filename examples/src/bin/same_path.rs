//! One path, two methods, two policies: anyone on the partner list may read `/api/articles`,
//! only the newsroom may write to it. Registered with `routes![]`, which gives the path one
//! preflight route that answers each method with its own policy.
//!
//! ```sh
//! cargo run -p cors-examples --bin same_path      # prints the route table, then serves
//! ```
//!
//! A preflight from `https://partner.example` for `POST` gets `403`; for `GET` it gets `204` with
//! `Access-Control-Allow-Methods: GET`. The newsroom's preflight lists `GET, POST`: every method
//! the path serves under a policy that allows it.

use actix_web::{App, HttpResponse, HttpServer, Responder, get, post};
use cors_actix::{Policy, cors};

/// Shared by several routes, checked at compile time.
static NEWSROOM: Policy = cors_actix::policy!(
    origins = ["https://newsroom.example"],
    credentials = true,
    allow_headers = ["content-type"],
);

#[cors(origins = ["https://newsroom.example", "https://partner.example", "https://*.partners.example"])]
#[get("/api/articles")]
async fn list_articles() -> impl Responder {
    r#"[{"id":1,"title":"Hello"}]"#
}

#[cors(policy = NEWSROOM)]
#[post("/api/articles")]
async fn publish_article(body: String) -> impl Responder {
    HttpResponse::Created().body(body)
}

#[cors(policy = NEWSROOM)]
#[post("/api/articles/{id}/retract")]
async fn retract_article() -> impl Responder {
    HttpResponse::NoContent().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let table = || cors_actix::routes![list_articles, publish_article, retract_article];
    // One line per route: methods, path, handler, origins (and credentials).
    print!("{}", table());
    println!("serving on http://127.0.0.1:8080");
    HttpServer::new(move || App::new().service(table()))
        .bind(("127.0.0.1", 8080))?
        .run()
        .await
}

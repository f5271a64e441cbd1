//! Tenants: each customer's front end runs on its own origin, and the origins live in a database,
//! so no list written in the code can know them. The API asks the database, through
//! `origin_fn_async`, for every origin its static list refuses; a short cache keeps that off most
//! requests. An admin page served by the app itself adds a tenant, admitted at once, no restart.
//!
//! ```sh
//! cargo run -p cors-examples --bin tenants        # then open http://127.0.0.1:8080/admin
//! TENANTS_DB=tenants.db TENANTS_PORT=8080 cargo run -p cors-examples --bin tenants
//! curl -i -H 'Origin: https://acme.example' http://127.0.0.1:8080/api/projects
//! ```
//!
//! `TENANTS_DB`: an SQLite file, created when missing (default: an in-memory database, empty
//! again at each start but for the demo tenant). `TENANTS_PORT`: the port (default 8080).

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::http::header;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, Responder, get, post, web};
use cors_actix::{Policy, cors};
use moka::future::Cache;
use rusqlite::{Connection, OptionalExtension};

/// How long an answer of the database is trusted. The trade-off: a removed tenant keeps access
/// for up to this long (on every instance), while the database sees at most one query per
/// origin per instance in that time, however many requests arrive, concurrent ones included. A
/// tenant *added* here is admitted at once (`Tenants::add` drops its cached answer); on other
/// instances behind the same load balancer, within this time.
const CACHE_TTL: Duration = Duration::from_secs(5);

/// The cache never holds more origins than this: `Origin` is written by whoever sends the
/// request, so its distinct values are unbounded. Past it, the cache evicts the answers least
/// likely to be asked again; the cost of a flood of made-up origins is a query each, never memory.
const CACHE_CAPACITY: u64 = 1024;

/// The tenants' origins, in SQLite, and the cached answers to "is this origin a tenant's?".
pub struct Tenants {
    db: Arc<Database>,
    /// Answers by origin (moka's cache: bounded, expiring, and one look-up per origin however
    /// many requests wait for it). Refusals are cached too: without that, a script sending
    /// made-up origins would cost one query each, and every cross-origin request from a
    /// non-tenant (a crawler, a page that embeds us) would reach the database. The price, that a
    /// just-added tenant could be refused for up to the TTL, is paid only by other instances: the
    /// add on this one drops the cached refusal.
    answers: Cache<String, bool>,
}

/// One connection: SQLite serialises writers anyway, and a lookup takes microseconds.
struct Database {
    connection: Mutex<Connection>,
    /// Look-ups of an origin that reached the database: what the cache saves shows here (and on
    /// the admin page).
    queries: AtomicU64,
}

impl Database {
    /// Whether `origin` is a tenant's. Blocking: call it from `web::block`.
    fn is_tenant(&self, origin: &str) -> rusqlite::Result<bool> {
        let db = self.connection.lock().unwrap();
        self.queries.fetch_add(1, Ordering::Relaxed);
        db.query_row("SELECT 1 FROM tenants WHERE origin = ?1", [origin], |_| {
            Ok(())
        })
        .optional()
        .map(|found| found.is_some())
    }

    /// Stores a tenant. Blocking.
    fn insert(&self, origin: &str, name: &str) -> Result<(), String> {
        let db = self.connection.lock().unwrap();
        let inserted = db
            .execute(
                "INSERT OR IGNORE INTO tenants (origin, name) VALUES (?1, ?2)",
                [origin, name],
            )
            .map_err(|e| format!("cannot store the tenant: {e}"))?;
        if inserted == 0 {
            return Err(format!("`{origin}` is already a tenant"));
        }
        Ok(())
    }

    /// Every tenant, by name. Blocking.
    fn list(&self) -> Vec<(String, String)> {
        let db = self.connection.lock().unwrap();
        let mut query = db
            .prepare("SELECT name, origin FROM tenants ORDER BY name")
            .expect("a valid query");
        query
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .and_then(|rows| rows.collect())
            .unwrap_or_default()
    }
}

impl Tenants {
    /// Opens (or creates) the database at `path`; `:memory:` for one that lives with the process.
    pub fn open(path: &str) -> rusqlite::Result<Tenants> {
        let db = Connection::open(path)?;
        db.execute_batch(
            "CREATE TABLE IF NOT EXISTS tenants (
                 origin TEXT PRIMARY KEY NOT NULL,
                 name   TEXT NOT NULL
             )",
        )?;
        Ok(Tenants {
            db: Arc::new(Database {
                connection: Mutex::new(db),
                queries: AtomicU64::new(0),
            }),
            answers: Cache::builder()
                .max_capacity(CACHE_CAPACITY)
                .time_to_live(CACHE_TTL)
                .build(),
        })
    }

    /// Whether `origin` is a tenant's: the cached answer, or the database's. Concurrent calls
    /// for one origin share one query (`try_get_with` runs one look-up, the others await it).
    /// The query is blocking work, so it runs on actix's blocking pool (`web::block`), never on
    /// the worker's event loop, where it would stall every request the worker holds. A failed
    /// query refuses and is not cached: the next request asks again.
    pub async fn admits(&self, origin: &str) -> bool {
        let db = Arc::clone(&self.db);
        let key = origin.to_owned();
        let look_up = async move {
            match web::block(move || db.is_tenant(&key)).await {
                Ok(answer) => answer.map_err(|e| e.to_string()),
                Err(blocking) => Err(blocking.to_string()),
            }
        };
        self.answers
            .try_get_with_by_ref(origin, look_up)
            .await
            .unwrap_or_else(|e| {
                eprintln!("tenants: lookup of {origin} failed: {e}");
                false
            })
    }

    /// Adds a tenant; its origin must be a serialized origin, checked by the same rules as a
    /// policy's (`https://acme.example`, no path, lower case).
    pub async fn add(&self, origin: &str, name: &str) -> Result<(), String> {
        if origin.contains('*') {
            return Err(format!("`{origin}` is a pattern; a tenant has one origin"));
        }
        // The policy builder's origin rules, the very ones `#[cors]` applies at compile time.
        Policy::builder()
            .allow_origins([origin])
            .build()
            .map_err(|e| e.to_string())?;
        let db = Arc::clone(&self.db);
        let (key, name) = (origin.to_owned(), name.to_owned());
        web::block(move || db.insert(&key, &name))
            .await
            .map_err(|e| e.to_string())??;
        // A refusal cached a moment ago must not outlive the add. A look-up that read the table
        // before the insert may still be on its way to the cache: `admits` joins it (or reads
        // the cached answer), and only then is the answer dropped; a look-up begun after the
        // insert finds the tenant.
        self.admits(origin).await;
        self.answers.invalidate(origin).await;
        Ok(())
    }

    /// How many look-ups reached the database since the app started.
    pub fn queries(&self) -> u64 {
        self.db.queries.load(Ordering::Relaxed)
    }
}

/// The check beside the static list: only origins the list refuses get here, well-formed ones.
async fn is_tenant(origin: String, req: HttpRequest) -> bool {
    match req.app_data::<web::Data<Tenants>>() {
        Some(tenants) => tenants.admits(&origin).await,
        None => false,
    }
}

// The company's own front end is listed (answered without the check); tenants are asked about.

#[cors(origins = ["https://app.example.com"], origin_fn_async = is_tenant)]
#[get("/api/projects")]
async fn projects() -> impl Responder {
    web::Json(["website", "newsletter"])
}

#[cors(
    origins = ["https://app.example.com"],
    origin_fn_async = is_tenant,
    allow_headers = ["content-type"],
)]
#[post("/api/projects")]
async fn create_project(body: String) -> impl Responder {
    HttpResponse::Created().body(format!("created {body}"))
}

/// True when a browser says the request comes from this very origin, so a page elsewhere cannot
/// add a tenant: a cross-origin form POST is a simple request, sent without a preflight, and its
/// handler runs whatever CORS says. A request with neither `Origin` nor `Sec-Fetch-Site` is not
/// a browser's POST (curl); any other is judged as `enforce` judges it.
fn same_origin(req: &HttpRequest) -> bool {
    let headers = req.headers();
    let from_browser =
        headers.contains_key(header::ORIGIN) || headers.contains_key("sec-fetch-site");
    !from_browser || !cors_actix::is_cross_origin(req)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The admin page: the tenants, and a form that adds one. No CORS: it is for this origin only.
#[get("/admin")]
async fn admin(tenants: web::Data<Tenants>) -> actix_web::Result<HttpResponse> {
    let queries = tenants.queries();
    let db = Arc::clone(&tenants.db);
    let rows = web::block(move || db.list()).await?;
    let rows: String = rows
        .iter()
        .map(|(name, origin)| {
            format!(
                "<tr><td>{}</td><td>{}</td></tr>",
                escape(name),
                escape(origin)
            )
        })
        .collect();
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(format!(
            r#"<!doctype html><title>Tenants</title>
<h1>Tenants</h1>
<table><tr><th>name</th><th>origin</th></tr>{rows}</table>
<p>{queries} origin look-ups reached the database since the start.</p>
<form method="post" action="/admin/tenants">
  <label>name <input name="name" required></label>
  <label>origin <input name="origin" placeholder="https://acme.example" required></label>
  <button>Add</button>
</form>"#
        )))
}

#[post("/admin/tenants")]
async fn add_tenant(
    req: HttpRequest,
    tenants: web::Data<Tenants>,
    form: web::Form<HashMap<String, String>>,
) -> actix_web::Result<HttpResponse> {
    if !same_origin(&req) {
        return Ok(HttpResponse::Forbidden().body("the admin form is for this origin only"));
    }
    let field = |name: &str| form.get(name).map_or("", |v| v.trim()).to_owned();
    let (origin, name) = (field("origin"), field("name"));
    Ok(match tenants.add(&origin, &name).await {
        Ok(()) => {
            println!("tenant added: {origin}");
            HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/admin"))
                .finish()
        }
        Err(problems) => HttpResponse::UnprocessableEntity().body(problems),
    })
}

/// Every route; the app also needs `web::Data<Tenants>`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(cors_actix::routes![projects, create_project])
        .service(admin)
        .service(add_tenant);
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let path = std::env::var("TENANTS_DB").unwrap_or_else(|_| ":memory:".to_owned());
    let port: u16 = std::env::var("TENANTS_PORT").map_or(8080, |p| p.parse().expect("a port"));
    let tenants = Tenants::open(&path).map_err(std::io::Error::other)?;
    // A first tenant, so `curl -H 'Origin: https://acme.example'` shows an admitted origin.
    let _ = tenants.add("https://acme.example", "Acme").await;
    println!("tenants in {path}; admin page on http://127.0.0.1:{port}/admin");
    println!("API on http://127.0.0.1:{port}/api/projects");

    // Created once and shared by every worker: one database, one cache.
    let tenants = web::Data::new(tenants);
    HttpServer::new(move || App::new().app_data(tenants.clone()).configure(routes))
        .bind(("127.0.0.1", port))?
        .run()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_is_bounded_and_expires() {
        let tenants = Tenants::open(":memory:").unwrap();
        let policy = tenants.answers.policy();
        assert_eq!(policy.max_capacity(), Some(CACHE_CAPACITY));
        assert_eq!(policy.time_to_live(), Some(CACHE_TTL));
    }
}

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
use std::sync::Mutex;
use std::time::{Duration, Instant};

use actix_web::http::header;
use actix_web::{App, HttpRequest, HttpResponse, HttpServer, Responder, get, post, web};
use cors_actix::{Policy, cors};
use rusqlite::{Connection, OptionalExtension};

/// How long an answer of the database is trusted. The trade-off: a removed tenant keeps access
/// for up to this long (on every instance), while the database sees at most one query per
/// origin per instance in that time, however many requests arrive. A tenant *added* here is
/// admitted at once (`Tenants::add` drops its cached answer); on other instances behind the same
/// load balancer, within this time.
const CACHE_TTL: Duration = Duration::from_secs(5);

/// The cache never holds more origins than this: `Origin` is written by whoever sends the
/// request, so its distinct values are unbounded.
const CACHE_CAPACITY: usize = 1024;

/// The tenants' origins, in SQLite, and the cached answers to "is this origin a tenant's?".
pub struct Tenants {
    /// One connection: SQLite serialises writers anyway, and a lookup takes microseconds.
    db: Mutex<Connection>,
    cache: Mutex<Answers>,
}

/// Answers by origin, with when they were read. Refusals are cached too: without that, a script
/// sending made-up origins would cost one query each, and every cross-origin request from a
/// non-tenant (a crawler, a page that embeds us) would reach the database. The price, that a
/// just-added tenant could be refused for up to the TTL, is paid only by other instances: the
/// add on this one drops the cached refusal.
#[derive(Default)]
struct Answers(HashMap<String, (bool, Instant)>);

impl Answers {
    fn get(&self, origin: &str) -> Option<bool> {
        let (answer, read) = self.0.get(origin)?;
        (read.elapsed() < CACHE_TTL).then_some(*answer)
    }

    fn put(&mut self, origin: String, answer: bool) {
        if self.0.len() >= CACHE_CAPACITY {
            self.0.retain(|_, (_, read)| read.elapsed() < CACHE_TTL);
            // Still full of fresh answers: a flood of distinct origins. Start over rather than
            // grow; the cost is a query per origin again, never memory.
            if self.0.len() >= CACHE_CAPACITY {
                self.0.clear();
            }
        }
        self.0.insert(origin, (answer, Instant::now()));
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
            db: Mutex::new(db),
            cache: Mutex::default(),
        })
    }

    /// The cached answer, if still fresh. Cheap: callable on the async executor.
    fn cached(&self, origin: &str) -> Option<bool> {
        self.cache.lock().unwrap().get(origin)
    }

    /// Asks the database and caches the answer. Blocking: call it from `web::block`.
    fn look_up(&self, origin: &str) -> bool {
        // The database's lock is held until the answer is cached (always database, then cache):
        // an `add` of this origin then comes wholly before the query or wholly after the
        // caching, so a refusal read just before the add can never be cached after it.
        let db = self.db.lock().unwrap();
        let found = db
            .query_row("SELECT 1 FROM tenants WHERE origin = ?1", [origin], |_| {
                Ok(())
            })
            .optional();
        let answer = match found {
            Ok(found) => found.is_some(),
            Err(e) => {
                // Refuse, and do not cache: the next request asks again.
                eprintln!("tenants: lookup of {origin} failed: {e}");
                return false;
            }
        };
        self.cache.lock().unwrap().put(origin.to_owned(), answer);
        answer
    }

    /// Adds a tenant; its origin must be a serialized origin, checked by the same rules as a
    /// policy's (`https://acme.example`, no path, lower case). Blocking.
    pub fn add(&self, origin: &str, name: &str) -> Result<(), String> {
        if origin.contains('*') {
            return Err(format!("`{origin}` is a pattern; a tenant has one origin"));
        }
        // The policy builder's origin rules, the very ones `#[cors]` applies at compile time.
        Policy::builder()
            .allow_origins([origin])
            .build()
            .map_err(|e| e.to_string())?;
        let db = self.db.lock().unwrap();
        let inserted = db
            .execute(
                "INSERT OR IGNORE INTO tenants (origin, name) VALUES (?1, ?2)",
                [origin, name],
            )
            .map_err(|e| format!("cannot store the tenant: {e}"))?;
        if inserted == 0 {
            return Err(format!("`{origin}` is already a tenant"));
        }
        // A refusal cached a moment ago must not outlive the add (dropped under the database's
        // lock, as `look_up` caches under it).
        self.cache.lock().unwrap().0.remove(origin);
        Ok(())
    }

    /// Every tenant, by name. Blocking.
    fn list(&self) -> Vec<(String, String)> {
        let db = self.db.lock().unwrap();
        let mut query = db
            .prepare("SELECT name, origin FROM tenants ORDER BY name")
            .expect("a valid query");
        query
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .and_then(|rows| rows.collect())
            .unwrap_or_default()
    }
}

/// The check beside the static list: only origins the list refuses get here, well-formed ones.
/// The database is blocking work, so it runs on actix's blocking pool (`web::block`), never on
/// the worker's event loop, where it would stall every request the worker holds.
async fn is_tenant(origin: String, req: HttpRequest) -> bool {
    let Some(tenants) = req.app_data::<web::Data<Tenants>>().cloned() else {
        return false;
    };
    if let Some(answer) = tenants.cached(&origin) {
        return answer;
    }
    web::block(move || tenants.look_up(&origin))
        .await
        .unwrap_or(false)
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
    let rows = web::block(move || tenants.list()).await?;
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
    let added = web::block(move || tenants.add(&origin, &name).map(|()| origin)).await?;
    Ok(match added {
        Ok(origin) => {
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
    let _ = tenants.add("https://acme.example", "Acme");
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

    fn aged(answer: bool, age: Duration) -> (bool, Instant) {
        (
            answer,
            Instant::now().checked_sub(age).expect("a past instant"),
        )
    }

    #[test]
    fn admissions_and_refusals_are_cached_until_the_ttl() {
        let mut answers = Answers::default();
        assert_eq!(answers.get("https://a.example"), None);
        answers.put("https://a.example".to_owned(), true);
        answers.put("https://b.example".to_owned(), false);
        assert_eq!(answers.get("https://a.example"), Some(true));
        assert_eq!(answers.get("https://b.example"), Some(false));
        answers
            .0
            .insert("https://a.example".to_owned(), aged(true, CACHE_TTL));
        assert_eq!(answers.get("https://a.example"), None, "expired");
    }

    #[test]
    fn a_full_cache_drops_expired_answers_first_then_starts_over() {
        let mut answers = Answers::default();
        for i in 0..CACHE_CAPACITY {
            let age = if i % 2 == 0 {
                CACHE_TTL
            } else {
                Duration::ZERO
            };
            answers
                .0
                .insert(format!("https://{i}.example"), aged(false, age));
        }
        answers.put("https://new.example".to_owned(), true);
        assert_eq!(
            answers.0.len(),
            CACHE_CAPACITY / 2 + 1,
            "the expired half went"
        );
        assert_eq!(answers.get("https://1.example"), Some(false));

        for i in 0..CACHE_CAPACITY {
            answers.put(format!("https://fresh-{i}.example"), false);
        }
        assert!(answers.0.len() <= CACHE_CAPACITY, "{}", answers.0.len());
        assert_eq!(answers.get("https://fresh-0.example"), None, "started over");
    }
}

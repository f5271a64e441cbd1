//! The app under test: one actix app served on two loopback listeners. The page is loaded from
//! `http://127.0.0.1:<page port>` and calls the API as `http://localhost:<api port>`, a different
//! origin (and a different site). Every request and every handler run is written to [`LOG`],
//! keyed by the scenario name the page puts in the query string (`?s=<scenario>`).

use std::collections::HashMap;
use std::net::TcpListener;
use std::sync::{LazyLock, Mutex, OnceLock};

use actix_web::body::MessageBody;
use actix_web::dev::{ServerHandle, Service, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{
    App, HttpRequest, HttpResponse, HttpServer, Responder, delete, error, get, patch, post, put,
    route, routes, web,
};
use cors_actix::{Cors, Policy, PolicyHandle, cors};

use crate::engines::Engine;

/// What the server saw, in arrival order.
#[derive(Clone, Debug)]
pub enum Event {
    /// A CORS preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`).
    Preflight {
        scenario: String,
        method: String,
        headers: String,
    },
    /// A handler ran, with or without the session cookie.
    Handler { scenario: String, cookie: bool },
}

impl Event {
    pub fn scenario(&self) -> &str {
        match self {
            Event::Preflight { scenario, .. } | Event::Handler { scenario, .. } => scenario,
        }
    }
}

pub static LOG: Mutex<Vec<Event>> = Mutex::new(Vec::new());

/// The page's origin, known once the listener is bound; read by the run-time policies.
pub static PAGE_ORIGIN: OnceLock<String> = OnceLock::new();

/// The same page under the other name of loopback, `http://localhost:<page port>`: a second page
/// origin, for policies that switch from one page to the other.
pub static OTHER_PAGE_ORIGIN: OnceLock<String> = OnceLock::new();

/// The session cookie's value: `/login` sets it on the same-site API origin
/// (`http://127.0.0.1:<api port>`), `/login-third-party` on the cross-site one. A handler that
/// receives it in any cookie counts as having received the session.
pub const SESSION: &str = "s3cr3t";

fn scenario(req: &HttpRequest) -> String {
    req.query_string()
        .split('&')
        .find_map(|pair| pair.strip_prefix("s="))
        .unwrap_or_default()
        .to_owned()
}

fn header_str(req: &HttpRequest, name: header::HeaderName) -> String {
    req.headers()
        .get_all(name)
        .map(|v| v.to_str().unwrap_or("<non-ascii>"))
        .collect::<Vec<_>>()
        .join(",")
}

/// Every handler calls this first: the proof that the request reached application code.
fn ran(req: &HttpRequest) {
    let cookie = header_str(req, header::COOKIE).contains(SESSION);
    LOG.lock().unwrap().push(Event::Handler {
        scenario: scenario(req),
        cookie,
    });
}

// --- origins -----------------------------------------------------------------------------

#[cors(origins = ["http://127.0.0.1:*"])]
#[get("/api/simple")]
async fn simple(req: HttpRequest) -> impl Responder {
    ran(&req);
    "simple"
}

#[cors(origins = ["https://app.example"])]
#[route("/api/closed", method = "GET", method = "POST", method = "DELETE")]
async fn closed(req: HttpRequest) -> impl Responder {
    ran(&req);
    "closed"
}

#[cors(origins = "*")]
#[get("/api/public")]
async fn public(req: HttpRequest) -> impl Responder {
    ran(&req);
    "public"
}

/// A run-time policy naming the page origin exactly (port included), built from "configuration".
static PAGE_EXACT: LazyLock<Policy> = LazyLock::new(|| {
    Policy::builder()
        .allow_origins([PAGE_ORIGIN
            .get()
            .expect("page origin set before the app is built")])
        .build()
        .expect("valid CORS policy")
});

#[cors(policy = PAGE_EXACT)]
#[get("/api/exact")]
async fn exact(req: HttpRequest) -> impl Responder {
    ran(&req);
    "exact"
}

// --- simple vs preflighted -----------------------------------------------------------------

#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["content-type"])]
#[post("/api/items")]
async fn create_item(req: HttpRequest, body: String) -> impl Responder {
    ran(&req);
    HttpResponse::Created().body(format!("created {body}"))
}

#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["content-type"])]
#[put("/api/items/{id}")]
async fn replace_item(req: HttpRequest, id: web::Path<u32>) -> impl Responder {
    ran(&req);
    format!("replaced {id}")
}

#[cors(origins = ["http://127.0.0.1:*"])]
#[delete("/api/items/{id}")]
async fn delete_item(req: HttpRequest) -> impl Responder {
    ran(&req);
    HttpResponse::NoContent().finish()
}

/// No `allow_headers`: a JSON content type needs a preflight that this policy refuses.
#[cors(origins = ["http://127.0.0.1:*"])]
#[post("/api/strict")]
async fn strict(req: HttpRequest) -> impl Responder {
    ran(&req);
    "strict"
}

#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["x-api-key"])]
#[get("/api/keyed")]
async fn keyed(req: HttpRequest) -> impl Responder {
    ran(&req);
    format!(
        "key={}",
        header_str(&req, header::HeaderName::from_static("x-api-key"))
    )
}

#[cors(origins = ["http://127.0.0.1:*"], allow_headers = "*")]
#[get("/api/any-header")]
async fn any_header(req: HttpRequest) -> impl Responder {
    ran(&req);
    format!("authorization={}", header_str(&req, header::AUTHORIZATION))
}

// --- credentials ---------------------------------------------------------------------------

#[cors(origins = ["http://127.0.0.1:*"], credentials = true, allow_headers = ["x-csrf"])]
#[routes]
#[get("/api/account")]
#[put("/api/account")]
async fn account(req: HttpRequest) -> impl Responder {
    ran(&req);
    "account"
}

#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["x-csrf"])]
#[routes]
#[get("/api/no-credentials")]
#[put("/api/no-credentials")]
async fn no_credentials(req: HttpRequest) -> impl Responder {
    ran(&req);
    "no credentials"
}

/// Top-level navigation target that sets the session cookie on the API origin.
async fn login() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((
            header::SET_COOKIE,
            format!("session={SESSION}; Path=/; SameSite=Lax; HttpOnly"),
        ))
        .body("logged in")
}

/// Top-level navigation target that sets the session on the cross-site API origin
/// (`http://localhost:<api port>`) as a third party's cookie would be: `SameSite=None`. Twice,
/// because engines disagree on storing either over plain http: Chromium and Firefox store the
/// `Secure` one (`localhost` is a secure context) and refuse `SameSite=None` without `Secure`;
/// WebKit refuses `Secure` over http, even on `localhost`.
async fn login_third_party() -> HttpResponse {
    HttpResponse::Ok()
        .append_header((
            header::SET_COOKIE,
            format!("session={SESSION}; Path=/; SameSite=None; Secure; HttpOnly"),
        ))
        .append_header((
            header::SET_COOKIE,
            format!("session_http={SESSION}; Path=/; SameSite=None; HttpOnly"),
        ))
        .body("logged in as a third party")
}

// --- exposed headers -----------------------------------------------------------------------

fn with_extra_headers(body: &'static str) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("x-request-id", "req-7"))
        .insert_header(("x-internal", "hidden"))
        .insert_header((header::CONTENT_TYPE, "text/plain; charset=utf-8"))
        .body(body)
}

#[cors(origins = ["http://127.0.0.1:*"], expose_headers = ["x-request-id"])]
#[get("/api/exposed")]
async fn exposed(req: HttpRequest) -> impl Responder {
    ran(&req);
    with_extra_headers("exposed")
}

#[cors(origins = ["http://127.0.0.1:*"], expose_headers = "*")]
#[get("/api/expose-all")]
async fn expose_all(req: HttpRequest) -> impl Responder {
    ran(&req);
    with_extra_headers("expose all")
}

#[cors(origins = ["http://127.0.0.1:*"])]
#[get("/api/unexposed")]
async fn unexposed(req: HttpRequest) -> impl Responder {
    ran(&req);
    with_extra_headers("unexposed")
}

// --- preflight cache -----------------------------------------------------------------------

#[cors(origins = ["http://127.0.0.1:*"], max_age = 600)]
#[put("/api/cached")]
async fn cached(req: HttpRequest) -> impl Responder {
    ran(&req);
    "cached"
}

#[cors(origins = ["http://127.0.0.1:*"], max_age = 0)]
#[put("/api/uncached")]
async fn uncached(req: HttpRequest) -> impl Responder {
    ran(&req);
    "uncached"
}

// --- methods ---------------------------------------------------------------------------------

#[cors(origins = ["http://127.0.0.1:*"])]
#[patch("/api/patchable")]
async fn patchable(req: HttpRequest) -> impl Responder {
    ran(&req);
    "patched"
}

/// The route serves GET and PUT; the policy allows only GET cross-origin.
#[cors(origins = ["http://127.0.0.1:*"], methods = [GET])]
#[routes]
#[get("/api/read-only")]
#[put("/api/read-only")]
async fn read_only(req: HttpRequest) -> impl Responder {
    ran(&req);
    "read only"
}

// --- one path, two policies (route table) ----------------------------------------------------

#[cors(origins = ["http://127.0.0.1:*"])]
#[get("/api/shared")]
async fn shared_get(req: HttpRequest) -> impl Responder {
    ran(&req);
    "shared get"
}

#[cors(origins = ["https://app.example"], allow_headers = ["content-type"])]
#[post("/api/shared")]
async fn shared_post(req: HttpRequest) -> impl Responder {
    ran(&req);
    "shared post"
}

#[cors(origins = ["http://127.0.0.1:*"], credentials = true)]
#[delete("/api/shared")]
async fn shared_delete(req: HttpRequest) -> impl Responder {
    ran(&req);
    "shared delete"
}

// --- scope-wide Cors with per-route overrides ------------------------------------------------

static SCOPE_POLICY: LazyLock<Policy> = LazyLock::new(|| {
    Policy::builder()
        .allow_origins([PAGE_ORIGIN
            .get()
            .expect("page origin set before the app is built")])
        .allow_methods(["GET", "PUT"])
        .expose_headers(["x-scope"])
        .build()
        .expect("valid CORS policy")
});

async fn scoped_plain(req: HttpRequest) -> HttpResponse {
    ran(&req);
    HttpResponse::Ok()
        .insert_header(("x-scope", "scope"))
        .body("scoped plain")
}

/// Inside the scope, but only `https://app.example` may read it: the route's policy wins.
#[cors(origins = ["https://app.example"])]
#[get("/override")]
async fn scoped_override(req: HttpRequest) -> impl Responder {
    ran(&req);
    "scoped override"
}

/// Inside the scope with its own expose list: `x-route` is readable, `x-scope` is not.
#[cors(origins = ["http://127.0.0.1:*"], expose_headers = ["x-route"])]
#[get("/own")]
async fn scoped_own(req: HttpRequest) -> impl Responder {
    ran(&req);
    HttpResponse::Ok()
        .insert_header(("x-scope", "scope"))
        .insert_header(("x-route", "route"))
        .body("scoped own")
}

// --- a Cors whose policy lists only PUT, and a GET that needs a preflight -----------------------

static PUT_ONLY_POLICY: LazyLock<Policy> = LazyLock::new(|| {
    Policy::builder()
        .allow_origins([PAGE_ORIGIN
            .get()
            .expect("page origin set before the app is built")])
        .allow_methods(["PUT"])
        .allow_headers(["x-custom"])
        .build()
        .expect("valid CORS policy")
});

async fn put_only_scope_get(req: HttpRequest) -> HttpResponse {
    ran(&req);
    HttpResponse::Ok().body("safelisted get")
}

// --- what a bare `*` covers (not our library: how engines read another server's answer) ---

/// A hand-written preflight answer with a bare `Access-Control-Allow-Headers: *`, which
/// `#[cors(allow_headers = "*")]` never sends (it echoes the requested names instead).
async fn bare_star_preflight() -> HttpResponse {
    HttpResponse::NoContent()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, page_origin()))
        .insert_header((header::ACCESS_CONTROL_ALLOW_METHODS, "GET"))
        .insert_header((header::ACCESS_CONTROL_ALLOW_HEADERS, "*"))
        .finish()
}

async fn bare_star_get(req: HttpRequest) -> HttpResponse {
    ran(&req);
    HttpResponse::Ok()
        .insert_header((header::ACCESS_CONTROL_ALLOW_ORIGIN, page_origin()))
        .body(format!(
            "authorization={}",
            header_str(&req, header::AUTHORIZATION)
        ))
}

fn page_origin() -> &'static str {
    PAGE_ORIGIN.get().map_or("", String::as_str)
}

// --- errors ----------------------------------------------------------------------------------

#[cors(origins = ["http://127.0.0.1:*"])]
#[get("/api/fails")]
async fn fails(req: HttpRequest) -> Result<HttpResponse, error::Error> {
    ran(&req);
    Err(error::ErrorServiceUnavailable("down for maintenance"))
}

#[cors(origins = ["http://127.0.0.1:*"], allow_headers = ["content-type"])]
#[post("/api/typed")]
async fn typed(req: HttpRequest, body: web::Json<u32>) -> impl Responder {
    ran(&req);
    format!("{body}")
}

#[cors(origins = ["http://127.0.0.1:*"])]
#[get("/api/missing/{id}")]
async fn missing(req: HttpRequest) -> impl Responder {
    ran(&req);
    HttpResponse::NotFound().body("no such item")
}

// --- enforcement (opt-in) --------------------------------------------------------------------

#[cors(origins = ["https://app.example"], enforce = true)]
#[post("/api/enforced")]
async fn enforced(req: HttpRequest) -> impl Responder {
    ran(&req);
    "enforced"
}

// --- run-time decisions: tenant checks, a reloadable policy, CORS off ------------------------

/// The tenants known from "configuration" when the app starts: the page's origin.
fn known_tenant(origin: &str, _req: &HttpRequest) -> bool {
    origin == page_origin()
}

#[cors(origins = ["https://app.example"], origin_fn = known_tenant)]
#[get("/api/tenant/sync")]
async fn tenant_sync(req: HttpRequest) -> impl Responder {
    ran(&req);
    "tenant sync"
}

/// The page's origin as a database would answer it: off the event loop, then awaited.
async fn stored_tenant(origin: String, _req: HttpRequest) -> bool {
    web::block(move || origin == page_origin())
        .await
        .unwrap_or(false)
}

#[cors(origin_fn_async = stored_tenant, allow_headers = ["content-type"])]
#[put("/api/tenant/async")]
async fn tenant_async(req: HttpRequest) -> impl Responder {
    ran(&req);
    "tenant async"
}

/// Tenants the page registers at run time with the same-origin admin form, by scenario key: the
/// engines run side by side on one app, and one engine's tenant must not admit another's calls.
static REGISTERED: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

async fn registered_tenant(origin: String, req: HttpRequest) -> bool {
    let key = scenario(&req);
    web::block(move || REGISTERED.lock().unwrap().contains(&(key, origin)))
        .await
        .unwrap_or(false)
}

#[cors(origin_fn_async = registered_tenant, allow_headers = ["content-type"])]
#[routes]
#[get("/api/tenant/registered")]
#[put("/api/tenant/registered")]
async fn tenant_registered(req: HttpRequest) -> impl Responder {
    ran(&req);
    "tenant registered"
}

/// The admin form: `origin=<origin>` registers a tenant for this scenario. Only from the page
/// itself, as an admin form is (browsers send `Origin` on every POST, same-origin ones too).
async fn register_tenant(
    req: HttpRequest,
    form: web::Form<HashMap<String, String>>,
) -> HttpResponse {
    if header_str(&req, header::ORIGIN) != page_origin() {
        return HttpResponse::Forbidden().finish();
    }
    let origin = form.get("origin").cloned().unwrap_or_default();
    REGISTERED.lock().unwrap().push((scenario(&req), origin));
    HttpResponse::Ok().body("registered")
}

/// One reloadable policy per engine (`/reloadable/<engine>`), and per engine the simulator
/// models (`/reloadable/simulator-<engine>`), so that one run's reload does not change what
/// another's scenario sees. Each starts allowing the page.
static RELOADABLE: LazyLock<HashMap<String, PolicyHandle>> = LazyLock::new(|| {
    Engine::ALL
        .into_iter()
        .flat_map(|engine| [engine.name().to_owned(), simulated(engine)])
        .map(|name| (name, PolicyHandle::new(only(page_origin()))))
        .collect()
});

/// The name the simulator's run modelling `engine` goes by, in paths and in the log's keys.
pub fn simulated(engine: Engine) -> String {
    format!("simulator-{}", engine.name())
}

fn only(origin: &str) -> Policy {
    Policy::builder()
        .allow_origins([origin])
        .build()
        .expect("valid CORS policy")
}

async fn reloadable(req: HttpRequest) -> HttpResponse {
    ran(&req);
    HttpResponse::Ok().body("reloadable")
}

/// The reload trigger: `allow=page` or `allow=other` replaces the engine's policy with one that
/// allows only that page. Only from the page itself.
async fn reload(
    req: HttpRequest,
    engine: web::Path<String>,
    form: web::Form<HashMap<String, String>>,
) -> HttpResponse {
    if header_str(&req, header::ORIGIN) != page_origin() {
        return HttpResponse::Forbidden().finish();
    }
    let origin = match form.get("allow").map(String::as_str) {
        Some("page") => page_origin(),
        Some("other") => OTHER_PAGE_ORIGIN.get().map_or("", String::as_str),
        _ => return HttpResponse::BadRequest().finish(),
    };
    match RELOADABLE.get(engine.as_str()) {
        Some(handle) => {
            handle.replace(only(origin));
            HttpResponse::Ok().body("reloaded")
        }
        None => HttpResponse::NotFound().finish(),
    }
}

/// Inside the `/scoped` Cors (which allows the page for GET and PUT), but without CORS.
#[cors(off)]
#[routes]
#[get("/off")]
#[put("/off")]
async fn scoped_off(req: HttpRequest) -> impl Responder {
    ran(&req);
    "scoped off"
}

/// The page: an empty document whose origin the scenarios fetch from.
async fn page() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static("text/html")))
        .body("<!doctype html><title>cors-actix browser suite</title><p>ready</p>")
}

/// Every route of the suite; the page origin is allowed as `http://127.0.0.1:*` (checked at compile
/// time) or exactly (run-time policies).
fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(page))
        .route("/login", web::get().to(login))
        .route("/login-third-party", web::get().to(login_third_party))
        .route("/raw/bare-star", web::get().to(bare_star_get))
        .route(
            "/raw/bare-star",
            web::method(Method::OPTIONS).to(bare_star_preflight),
        )
        .service(simple)
        .service(closed)
        .service(public)
        .service(exact)
        .service(create_item)
        .service(replace_item)
        .service(delete_item)
        .service(strict)
        .service(keyed)
        .service(any_header)
        .service(account)
        .service(no_credentials)
        .service(exposed)
        .service(expose_all)
        .service(unexposed)
        .service(cached)
        .service(uncached)
        .service(patchable)
        .service(read_only)
        .service(cors_actix::routes![shared_get, shared_post, shared_delete])
        .service(
            web::scope("/scoped")
                .wrap(Cors::new(&*SCOPE_POLICY))
                .service(scoped_override)
                .service(scoped_own)
                .service(scoped_off)
                .route("/plain", web::put().to(scoped_plain)),
        )
        .service(
            web::scope("/put-only")
                .wrap(Cors::new(&*PUT_ONLY_POLICY))
                .route("/get", web::get().to(put_only_scope_get)),
        )
        .service(fails)
        .service(typed)
        .service(missing)
        .service(enforced)
        .service(tenant_sync)
        .service(tenant_async)
        .service(tenant_registered)
        .route("/admin/tenants", web::post().to(register_tenant))
        .route("/admin/reload/{engine}", web::post().to(reload));
    for (engine, handle) in RELOADABLE.iter() {
        cfg.service(
            web::scope(&format!("/reloadable/{engine}"))
                .wrap(Cors::new(handle.clone()))
                .route("", web::get().to(reloadable)),
        );
    }
}

pub fn app() -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    App::new()
        // Outermost: records every preflight before any CORS code sees it.
        .wrap_fn(|req, srv| {
            if cors_actix::is_preflight(&req) {
                LOG.lock().unwrap().push(Event::Preflight {
                    scenario: scenario(req.request()),
                    method: header_str(req.request(), header::ACCESS_CONTROL_REQUEST_METHOD),
                    headers: header_str(req.request(), header::ACCESS_CONTROL_REQUEST_HEADERS),
                });
            }
            srv.call(req)
        })
        .configure(routes)
}

/// The running app: the page origin, the API origin, and the handle that stops it.
pub struct Servers {
    pub page_origin: String,
    /// The page under `localhost`: another origin, served by the same listener.
    pub other_page_origin: String,
    pub api_origin: String,
    /// The API's port under the page's host: another origin, but the same site.
    pub same_site_api_origin: String,
    handle: ServerHandle,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Servers {
    /// Binds two free loopback ports and starts the app on its own actix system thread.
    pub fn start() -> std::io::Result<Servers> {
        let page = TcpListener::bind("127.0.0.1:0")?;
        let api = TcpListener::bind("127.0.0.1:0")?;
        let page_origin = format!("http://127.0.0.1:{}", page.local_addr()?.port());
        let other_page_origin = format!("http://localhost:{}", page.local_addr()?.port());
        let api_origin = format!("http://localhost:{}", api.local_addr()?.port());
        let same_site_api_origin = format!("http://127.0.0.1:{}", api.local_addr()?.port());
        PAGE_ORIGIN
            .set(page_origin.clone())
            .expect("servers start once");
        OTHER_PAGE_ORIGIN
            .set(other_page_origin.clone())
            .expect("servers start once");
        let (tx, rx) = std::sync::mpsc::channel();
        let thread = std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(app)
                    .workers(1)
                    .disable_signals()
                    .listen(page)
                    .and_then(|s| s.listen(api));
                match server {
                    Ok(server) => {
                        let server = server.run();
                        tx.send(Ok(server.handle())).unwrap();
                        let _ = server.await;
                    }
                    Err(e) => tx.send(Err(e)).unwrap(),
                }
            })
        });
        let handle = rx.recv().expect("server thread reports")?;
        Ok(Servers {
            page_origin,
            other_page_origin,
            api_origin,
            same_site_api_origin,
            handle,
            thread: Some(thread),
        })
    }

    pub fn stop(mut self) {
        actix_web::rt::System::new().block_on(self.handle.stop(false));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Every logged event of one scenario.
pub fn events(scenario_name: &str) -> Vec<Event> {
    LOG.lock()
        .unwrap()
        .iter()
        .filter(|e| e.scenario() == scenario_name)
        .cloned()
        .collect()
}

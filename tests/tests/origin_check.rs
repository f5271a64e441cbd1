//! Run-time origin checks (`origin_fn`, `origin_fn_async`, `Cors::origin_fn[_async]`): the list
//! answers first; the check is asked only about a well-formed origin the list refuses, on
//! preflights and actual requests, in route tables' method union and under `enforce`; `true`
//! admits exactly as a listed origin; every response varies on `Origin`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, HttpRequest, HttpResponse, Responder, get, post, put, web};
use cors_actix::{Cors, Policy, cors};
use cors_testkit::{all, from_origin, has_no_cors_headers, header, preflight};

const TENANT: &str = "https://acme.tenants.example";
const STRANGER: &str = "https://stranger.example";

static SYNC_CALLS: AtomicUsize = AtomicUsize::new(0);
static ASYNC_CALLS: AtomicUsize = AtomicUsize::new(0);

fn is_tenant(origin: &str, req: &HttpRequest) -> bool {
    SYNC_CALLS.fetch_add(1, Ordering::SeqCst);
    // The request is at hand: here, a header the test sets stands for app data.
    let host = origin
        .rsplit_once(':')
        .filter(|(_, port)| port.bytes().all(|b| b.is_ascii_digit()))
        .map_or(origin, |(host, _)| host);
    host.ends_with(".tenants.example") && req.headers().get("x-deny").is_none()
}

async fn is_tenant_async(origin: String, req: HttpRequest) -> bool {
    ASYNC_CALLS.fetch_add(1, Ordering::SeqCst);
    std::future::ready(()).await;
    origin.ends_with(".tenants.example") && req.path().starts_with("/async")
}

#[cors(origins = ["https://app.example"], origin_fn = is_tenant, credentials = true, expose_headers = ["x-total"])]
#[get("/sync")]
async fn sync_checked() -> impl Responder {
    "sync"
}

#[cors(origin_fn_async = is_tenant_async, credentials = true)]
#[put("/async")]
async fn async_checked() -> impl Responder {
    "async"
}

static SHARED: Policy = cors_actix::policy!(origins = ["https://app.example"]);

#[cors(policy = SHARED, origin_fn = is_tenant)]
#[post("/shared")]
async fn shared_checked() -> impl Responder {
    "shared"
}

/// Calls the service with a request under construction.
macro_rules! call {
    ($app:expr, $req:expr $(,)?) => {
        call_service($app, $req.to_request())
    };
}

#[actix_web::test]
async fn sync_check_admits_a_tenant_as_a_listed_origin() {
    let app = init_service(App::new().service(sync_checked)).await;
    let before = SYNC_CALLS.load(Ordering::SeqCst);

    let res = call!(&app, from_origin(Method::GET, "/sync", TENANT)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-total")
    );
    assert_eq!(all(&res, "vary"), ["Origin"]);

    let res = call!(&app, preflight("/sync", TENANT, "GET")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert!(SYNC_CALLS.load(Ordering::SeqCst) >= before + 2);

    // The check has the request: it refuses this one.
    let res = call!(
        &app,
        from_origin(Method::GET, "/sync", TENANT).insert_header(("x-deny", "1")),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "the handler still runs");
    assert!(has_no_cors_headers(&res));
    assert_eq!(all(&res, "vary"), ["Origin"]);

    let res = call!(&app, preflight("/sync", STRANGER, "GET")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(has_no_cors_headers(&res));
}

#[actix_web::test]
async fn acao_mirrors_the_origin_byte_for_byte() {
    let app = init_service(App::new().service(sync_checked)).await;
    for origin in [
        "https://x-1.tenants.example:8443",
        "http://127.0.0.1.tenants.example",
        "https://xn--bcher-kva.tenants.example",
    ] {
        let res = call!(&app, from_origin(Method::GET, "/sync", origin)).await;
        assert_eq!(header(&res, "access-control-allow-origin"), Some(origin));
        assert_ne!(header(&res, "access-control-allow-origin"), Some("*"));
    }
}

/// The check is not asked about a listed origin, a malformed one, `null`, or several `Origin`
/// lines; it is asked once per request about a well-formed unlisted origin.
#[actix_web::test]
async fn check_runs_only_for_a_well_formed_origin_the_list_refuses() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let policy = Policy::builder()
        .allow_origins(["https://app.example"])
        .build()
        .unwrap();
    let app = init_service(
        App::new()
            .wrap(Cors::new(policy).origin_fn(|_, _| {
                CALLS.fetch_add(1, Ordering::SeqCst);
                true
            }))
            .route("/x", web::get().to(|| async { "x" })),
    )
    .await;
    for origin in [
        "https://app.example",
        "null",
        "https://Upper.example",
        "https://trailing.example/",
        "https://default-port.example:443",
        "app.example",
        "https://über.example",
    ] {
        call!(&app, from_origin(Method::GET, "/x", origin)).await;
        call!(&app, preflight("/x", origin, "GET")).await;
        assert_eq!(CALLS.load(Ordering::SeqCst), 0, "asked about {origin}");
    }
    let twice = TestRequest::get()
        .uri("/x")
        .append_header(("origin", TENANT))
        .append_header(("origin", TENANT));
    let res = call!(&app, twice).await;
    assert_eq!(
        CALLS.load(Ordering::SeqCst),
        0,
        "asked about repeated Origin lines"
    );
    assert!(has_no_cors_headers(&res));

    let res = call!(&app, from_origin(Method::GET, "/x", TENANT)).await;
    assert_eq!(CALLS.load(Ordering::SeqCst), 1);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    call!(&app, preflight("/x", TENANT, "GET")).await;
    assert_eq!(CALLS.load(Ordering::SeqCst), 2);
}

#[actix_web::test]
async fn null_is_admitted_by_the_list_alone() {
    static CALLS: AtomicUsize = AtomicUsize::new(0);
    let policy = Policy::builder()
        .origin_check(true)
        .allow_origins(["null"])
        .allow_null_origin()
        .build()
        .unwrap();
    let app = init_service(
        App::new()
            .wrap(Cors::new(policy).origin_fn(|_, _| {
                CALLS.fetch_add(1, Ordering::SeqCst);
                false
            }))
            .route("/x", web::get().to(|| async { "x" })),
    )
    .await;
    let res = call!(&app, from_origin(Method::GET, "/x", "null")).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some("null"));
    assert_eq!(CALLS.load(Ordering::SeqCst), 0);
}

#[actix_web::test]
async fn async_check_admits_and_refuses_on_preflights_and_actual_requests() {
    let app = init_service(App::new().service(async_checked)).await;
    let before = ASYNC_CALLS.load(Ordering::SeqCst);

    let res = call!(&app, preflight("/async", TENANT, "PUT")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some("PUT"));

    let res = call!(&app, from_origin(Method::PUT, "/async", TENANT)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    assert_eq!(all(&res, "vary"), ["Origin"]);
    assert_eq!(ASYNC_CALLS.load(Ordering::SeqCst), before + 2);

    let res = call!(&app, preflight("/async", STRANGER, "PUT")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(has_no_cors_headers(&res));
    let res = call!(&app, from_origin(Method::PUT, "/async", STRANGER)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(has_no_cors_headers(&res));
    assert_eq!(all(&res, "vary"), ["Origin"]);

    // Malformed and null origins never reach the check, even with no list at all.
    let asked = ASYNC_CALLS.load(Ordering::SeqCst);
    for origin in [
        "null",
        "https://acme.tenants.example/",
        "HTTPS://acme.tenants.example",
    ] {
        let res = call!(&app, from_origin(Method::PUT, "/async", origin)).await;
        assert!(has_no_cors_headers(&res));
        let res = call!(&app, preflight("/async", origin, "PUT")).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(ASYNC_CALLS.load(Ordering::SeqCst), asked);

    // No `Origin`: not CORS, but the response still varies on it.
    let res = call!(&app, TestRequest::put().uri("/async")).await;
    assert_eq!(all(&res, "vary"), ["Origin"]);
    assert!(has_no_cors_headers(&res));
}

#[actix_web::test]
async fn check_beside_a_shared_policy() {
    let app = init_service(App::new().service(shared_checked)).await;
    let res = call!(&app, from_origin(Method::POST, "/shared", TENANT)).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    let res = call!(
        &app,
        from_origin(Method::POST, "/shared", "https://app.example")
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
}

#[actix_web::test]
async fn app_wide_async_closure_with_an_empty_list() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = calls.clone();
    let policy = Policy::builder()
        .origin_check(true)
        .allow_credentials(true)
        .build()
        .unwrap();
    let cors = Cors::new(policy).origin_fn_async(move |origin, _req| {
        counted.fetch_add(1, Ordering::SeqCst);
        async move { origin == TENANT }
    });
    let app = init_service(
        App::new()
            .wrap(cors)
            .route("/x", web::post().to(|| async { "x" })),
    )
    .await;
    let res = call!(&app, from_origin(Method::POST, "/x", TENANT)).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    let res = call!(&app, preflight("/x", TENANT, "POST")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    let res = call!(&app, preflight("/x", STRANGER, "POST")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[actix_web::test]
async fn enforce_asks_the_check_before_refusing() {
    let policy = Policy::builder()
        .allow_origins(["https://app.example"])
        .enforce(true)
        .build()
        .unwrap();
    let app = init_service(
        App::new()
            .wrap(Cors::new(policy).origin_fn_async(|origin, _| async move { origin == TENANT }))
            .route(
                "/x",
                web::post().to(|| async { HttpResponse::Created().finish() }),
            ),
    )
    .await;
    let res = call!(&app, from_origin(Method::POST, "/x", TENANT)).await;
    assert_eq!(res.status(), StatusCode::CREATED, "admitted by the check");
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    let res = call!(&app, from_origin(Method::POST, "/x", STRANGER)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "refused by the check");
    assert_eq!(all(&res, "vary"), ["Origin"]);

    // The same with a sync check.
    let policy = Policy::builder()
        .allow_origins(["https://app.example"])
        .enforce(true)
        .build()
        .unwrap();
    let app = init_service(
        App::new()
            .wrap(Cors::new(policy).origin_fn(|origin, _| origin == TENANT))
            .route(
                "/x",
                web::post().to(|| async { HttpResponse::Created().finish() }),
            ),
    )
    .await;
    let res = call!(&app, from_origin(Method::POST, "/x", TENANT)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let res = call!(&app, from_origin(Method::POST, "/x", STRANGER)).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
}

// A route table: one path, two routes, the checked one allowing the tenant.
#[cors(origins = ["https://app.example"], origin_fn = is_tenant)]
#[get("/table")]
async fn table_get() -> impl Responder {
    "get"
}

#[cors(origins = ["https://app.example"])]
#[post("/table")]
async fn table_post() -> impl Responder {
    "post"
}

async fn tenant_only_async(origin: String, _req: HttpRequest) -> bool {
    origin == TENANT
}

#[cors(origins = ["https://app.example"], origin_fn_async = tenant_only_async)]
#[put("/table")]
async fn table_put() -> impl Responder {
    "put"
}

#[actix_web::test]
async fn route_table_union_counts_the_check() {
    let app =
        init_service(App::new().service(cors_actix::routes![table_get, table_post, table_put]))
            .await;

    // The tenant is admitted by the GET route's sync check and the PUT route's async one, not
    // by the POST route: the union lists GET and PUT only.
    let res = call!(&app, preflight("/table", TENANT, "PUT")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(TENANT));
    assert_eq!(
        header(&res, "access-control-allow-methods"),
        Some("GET, PUT")
    );
    let res = call!(&app, preflight("/table", TENANT, "GET")).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-methods"),
        Some("GET, PUT")
    );

    // The listed origin: every route.
    let res = call!(&app, preflight("/table", "https://app.example", "POST")).await;
    assert_eq!(
        header(&res, "access-control-allow-methods"),
        Some("GET, POST, PUT")
    );

    let res = call!(&app, preflight("/table", STRANGER, "PUT")).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(has_no_cors_headers(&res));
}

#[test]
#[should_panic(expected = "an origin check beside an any-origin policy never runs")]
fn a_check_beside_an_any_origin_policy_stops_the_app_being_built() {
    let any = Policy::builder().allow_any_origin().build().unwrap();
    let _ = Cors::new(any).origin_fn(|_, _| true);
}

#[test]
#[should_panic(expected = "an origin check beside an any-origin policy never runs")]
fn an_async_check_beside_an_any_origin_policy_stops_the_app_being_built() {
    let any = Policy::builder().allow_any_origin().build().unwrap();
    let _ = Cors::new(any).origin_fn_async(|_, _| async { true });
}

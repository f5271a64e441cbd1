//! `#[cors(policy = PATH)]`: a compile-time `policy!` static, or a run-time one behind `LazyLock`
//! that is forced when the App is built, never on a request.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::http::{Method, StatusCode};
use actix_web::test::{call_service, init_service};
use actix_web::{App, Responder, get, put};
use cors_actix::{Policy, cors};
use cors_testkit::{from_origin, header, preflight};

static BUILT: AtomicUsize = AtomicUsize::new(0);

static FROM_CONFIG: LazyLock<Policy> = LazyLock::new(|| {
    BUILT.fetch_add(1, Ordering::SeqCst);
    Policy::builder()
        .allow_origins(["https://config.example"])
        .allow_headers(["x-api-key"])
        .build()
        .expect("valid CORS policy")
});

static BROKEN: LazyLock<Policy> = LazyLock::new(|| {
    Policy::builder()
        .allow_origins(["https://a.example/", "*"])
        .build()
        .unwrap_or_else(|e| panic!("{e}"))
});

#[cors(policy = FROM_CONFIG)]
#[put("/configured")]
async fn configured() -> impl Responder {
    "configured"
}

#[cors(policy = BROKEN)]
#[get("/broken")]
async fn broken() -> impl Responder {
    "broken"
}

#[actix_web::test]
async fn lazy_policy_is_forced_when_the_app_is_built() {
    assert_eq!(BUILT.load(Ordering::SeqCst), 0);
    let app = init_service(App::new().service(configured)).await;
    assert_eq!(
        BUILT.load(Ordering::SeqCst),
        1,
        "forced at startup, before any request"
    );
    let req = preflight("/configured", "https://config.example", "PUT")
        .insert_header(("access-control-request-headers", "X-Api-Key"))
        .to_request();
    let res = call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // The policy names no methods: the route's own are allowed.
    assert_eq!(header(&res, "access-control-allow-methods"), Some("PUT"));
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("x-api-key")
    );
    let res = call_service(
        &app,
        from_origin(Method::PUT, "/configured", "https://config.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://config.example")
    );
}

#[actix_web::test]
#[should_panic(expected = "invalid CORS policy (2 problems)")]
async fn bad_runtime_policy_fails_at_startup_listing_every_problem() {
    let _app = init_service(App::new().service(broken)).await;
}

//! Opt-in enforcement: disallowed cross-origin state-changing requests get `403` before the
//! handler runs; same-origin requests and non-browser clients are never blocked.

use std::cell::Cell;

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, Responder, get, post, web};
use cors_actix::{Cors, Policy, cors};
use cors_testkit::{from_origin, header};

thread_local! {
    /// Handler runs, per test: each `#[actix_web::test]` runs on a thread of its own, and tests run
    /// in parallel, so a process-wide count would see the other tests' runs.
    static RAN: Cell<usize> = const { Cell::new(0) };
}

#[cors(origins = ["https://app.example"], enforce = true)]
#[post("/transfer")]
async fn transfer() -> impl Responder {
    RAN.set(RAN.get() + 1);
    "done"
}

#[cors(origins = ["https://app.example"], enforce = true)]
#[get("/balance")]
async fn balance() -> impl Responder {
    "42"
}

fn ran() -> usize {
    RAN.get()
}

fn post_to(origin: Option<&str>) -> TestRequest {
    let req = TestRequest::post()
        .uri("/transfer")
        .insert_header(("host", "bank.example"));
    match origin {
        Some(origin) => req.insert_header(("origin", origin)),
        None => req,
    }
}

#[actix_web::test]
async fn cross_origin_disallowed_post_is_refused_before_the_handler() {
    let app = init_service(App::new().service(transfer).service(balance)).await;
    let before = ran();
    let res = call_service(&app, post_to(Some("https://evil.example")).to_request()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "vary"), Some("Origin"));
    let req = post_to(Some("https://evil.example")).insert_header(("sec-fetch-site", "cross-site"));
    assert_eq!(
        call_service(&app, req.to_request()).await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(ran(), before, "the handler never ran");

    // GET never changes state: not refused, just no ACAO.
    let res = call_service(
        &app,
        from_origin(Method::GET, "/balance", "https://evil.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[actix_web::test]
async fn same_origin_allowed_and_non_browser_requests_pass() {
    let app = init_service(App::new().service(transfer)).await;
    let cases = [
        // A same-origin form post carries Origin too.
        post_to(Some("http://bank.example")),
        // The browser says so, whatever the Origin looks like behind a proxy.
        post_to(Some("https://bank.internal")).insert_header(("sec-fetch-site", "same-origin")),
        // curl, servers: no Origin.
        post_to(None),
        // An allowed cross-origin caller.
        post_to(Some("https://app.example")),
    ];
    for req in cases {
        let before = ran();
        let res = call_service(&app, req.to_request()).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(ran(), before + 1);
    }
}

#[actix_web::test]
async fn app_wide_enforcement_from_the_builder() {
    let policy = Policy::builder()
        .allow_origins(["https://app.example"])
        .enforce(true)
        .build()
        .unwrap();
    let app = init_service(
        App::new()
            .wrap(Cors::new(policy))
            .route("/t", web::delete().to(|| async { "gone" })),
    )
    .await;
    let res = call_service(
        &app,
        from_origin(Method::DELETE, "/t", "https://evil.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = call_service(
        &app,
        from_origin(Method::DELETE, "/t", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
}

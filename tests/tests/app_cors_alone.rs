//! `Cors::new(policy)` over an app without `#[cors]` routes: it answers preflights itself,
//! before routing, and decorates every response. (`app_independence.rs` shows the same app
//! answers the same once other apps of the process register `#[cors]` routes.)

use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use actix_web::{App, HttpResponse, error, web};
use cors_actix::{Cors, Policy};
use cors_testkit::{assert_headers, assert_refused, from_origin, header, preflight};

static HANDLED: AtomicUsize = AtomicUsize::new(0);

fn policy() -> Policy {
    Policy::builder()
        .allow_origins(["https://app.example"])
        .allow_methods(["GET", "PUT"])
        .allow_headers(["content-type"])
        .expose_headers(["x-request-id"])
        .max_age(600)
        .build()
        .unwrap()
}

async fn counted() -> HttpResponse {
    HANDLED.fetch_add(1, Ordering::SeqCst);
    HttpResponse::Ok()
        .insert_header(("x-request-id", "7"))
        .insert_header(("vary", "accept-encoding"))
        .body("handled")
}

async fn failing() -> Result<HttpResponse, error::Error> {
    Err(error::ErrorServiceUnavailable("down"))
}

#[actix_web::test]
async fn app_wide_policy_answers_before_routing_and_decorates_every_response() {
    let app = init_service(
        App::new()
            .wrap(Cors::new(policy()))
            .route("/items", web::put().to(counted))
            .route("/items", web::method(Method::OPTIONS).to(counted))
            .route("/down", web::get().to(failing)),
    )
    .await;

    // Preflights: answered by the policy, no handler (not even the app's OPTIONS route) runs.
    let before = HANDLED.load(Ordering::SeqCst);
    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "PUT")
            .insert_header(("access-control-request-headers", "content-type"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_headers(
        &res,
        &[
            ("access-control-allow-origin", Some("https://app.example")),
            ("access-control-allow-methods", Some("GET, PUT")),
            ("access-control-allow-headers", Some("content-type")),
            ("access-control-max-age", Some("600")),
            (
                "vary",
                Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers"),
            ),
        ],
    );
    for refused in [
        preflight("/items", "https://evil.example", "PUT"),
        preflight("/items", "https://app.example", "DELETE"),
        preflight("/items", "https://app.example", "PUT")
            .insert_header(("access-control-request-headers", "x-other")),
        // A path no route serves is answered by the policy all the same.
        preflight("/nowhere", "https://evil.example", "GET"),
    ] {
        let res = call_service(&app, refused.to_request()).await;
        assert_refused(&res);
        assert!(read_body(res).await.is_empty());
    }
    assert_eq!(
        HANDLED.load(Ordering::SeqCst),
        before,
        "no handler ran for a preflight"
    );

    // OPTIONS without Access-Control-Request-Method is not a preflight: the app's route answers.
    let res = call_service(
        &app,
        from_origin(Method::OPTIONS, "/items", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(read_body(res).await, "handled");
    assert_eq!(HANDLED.load(Ordering::SeqCst), before + 1);

    // Actual responses: ACAO, ACEH, Vary appended to the handler's; refused origins only Vary.
    let res = call_service(
        &app,
        from_origin(Method::PUT, "/items", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        Some("x-request-id")
    );
    assert_eq!(
        cors_testkit::all(&res, "vary"),
        ["accept-encoding", "Origin"]
    );
    let res = call_service(
        &app,
        from_origin(Method::PUT, "/items", "https://evil.example").to_request(),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(
        cors_testkit::all(&res, "vary"),
        ["accept-encoding", "Origin"]
    );
    let res = call_service(&app, TestRequest::put().uri("/items").to_request()).await;
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(
        cors_testkit::all(&res, "vary"),
        ["accept-encoding", "Origin"]
    );

    // Handler errors keep the CORS headers, so the browser can read the real status.
    let res = call_service(
        &app,
        from_origin(Method::GET, "/down", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
}

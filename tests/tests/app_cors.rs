//! `Cors::new(policy)` on an App or Scope covers routes without `#[cors]`; a route's own policy wins.

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use actix_web::{App, HttpResponse, Responder, get, web};
use cors_actix::{Cors, Policy, cors};
use cors_testkit::{all, assert_refused, from_origin, has_no_cors_headers, header, preflight};

#[cors(origins = ["https://route.example"], max_age = 60)]
#[get("/special")]
async fn special() -> impl Responder {
    "special"
}

fn app_policy() -> Policy {
    Policy::builder()
        .allow_origins(["https://app.example"])
        .allow_methods(["GET", "PUT"])
        .expose_headers(["x-request-id"])
        .build()
        .unwrap()
}

async fn plain() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("x-request-id", "1"))
        .body("plain")
}

#[actix_web::test]
async fn app_wide_policy_for_plain_routes() {
    let app = init_service(
        App::new()
            .wrap(Cors::new(app_policy()))
            .route("/plain", web::put().to(plain)),
    )
    .await;
    let res = call_service(
        &app,
        preflight("/plain", "https://app.example", "PUT").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
    assert_eq!(
        header(&res, "access-control-allow-methods"),
        Some("GET, PUT")
    );
    let res = call_service(
        &app,
        preflight("/plain", "https://evil.example", "PUT").to_request(),
    )
    .await;
    assert_refused(&res);

    let res = call_service(
        &app,
        from_origin(Method::PUT, "/plain", "https://app.example").to_request(),
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
    assert_eq!(read_body(res).await, "plain");
}

#[actix_web::test]
async fn route_policy_wins_over_app_policy() {
    let app = init_service(App::new().wrap(Cors::new(app_policy())).service(special)).await;
    let res = call_service(
        &app,
        preflight("/special", "https://route.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        all(&res, "access-control-allow-origin"),
        ["https://route.example"]
    );
    assert_eq!(header(&res, "access-control-max-age"), Some("60"));
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));

    // The app's origin is not the route's: the route's refusal stands.
    let res = call_service(
        &app,
        preflight("/special", "https://app.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let res = call_service(
        &app,
        from_origin(Method::GET, "/special", "https://route.example").to_request(),
    )
    .await;
    assert_eq!(
        all(&res, "access-control-allow-origin"),
        ["https://route.example"]
    );
    assert_eq!(all(&res, "vary"), ["Origin"]);
    assert_eq!(
        header(&res, "access-control-expose-headers"),
        None,
        "the app policy stays out"
    );

    let res = call_service(
        &app,
        from_origin(Method::GET, "/special", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

#[actix_web::test]
async fn scope_wide_policy() {
    static PUBLIC: Policy = cors_actix::policy!(origins = "*");
    let app = init_service(
        App::new()
            .service(
                web::scope("/public")
                    .wrap(Cors::new(&PUBLIC))
                    .route("/x", web::get().to(plain)),
            )
            .route("/private", web::get().to(plain)),
    )
    .await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/public/x", "https://any.example").to_request(),
    )
    .await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    assert_eq!(header(&res, "vary"), None, "a static `*` needs no Vary");
    let res = call_service(&app, TestRequest::get().uri("/public/x").to_request()).await;
    assert_eq!(header(&res, "access-control-allow-origin"), Some("*"));
    let res = call_service(
        &app,
        from_origin(Method::GET, "/private", "https://any.example").to_request(),
    )
    .await;
    assert!(has_no_cors_headers(&res));
}

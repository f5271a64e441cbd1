//! `#[cors(off)]`: the route has no CORS, even inside a `Cors` scope: no CORS headers on its
//! responses, and `403` with none for its preflights.

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, Responder, get, post, web};
use cors_actix::{Cors, Policy, cors};
use cors_testkit::{from_origin, has_no_cors_headers, header, preflight};

#[cors(off)]
#[post("/internal")]
async fn internal() -> impl Responder {
    "internal"
}

#[cors(off)]
#[get("/hidden")]
async fn hidden() -> impl Responder {
    "hidden"
}

fn app_policy() -> Policy {
    Policy::builder()
        .allow_origins(["https://app.example"])
        .allow_credentials(true)
        .build()
        .unwrap()
}

#[actix_web::test]
async fn off_route_inside_an_app_wide_cors() {
    let app = init_service(
        App::new()
            .wrap(Cors::new(app_policy()))
            .service(internal)
            .route("/open", web::post().to(|| async { "open" })),
    )
    .await;

    let res = call_service(
        &app,
        from_origin(Method::POST, "/internal", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK, "the handler runs");
    assert!(has_no_cors_headers(&res));
    assert_eq!(header(&res, "vary"), None);

    let res = call_service(
        &app,
        preflight("/internal", "https://app.example", "POST").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(has_no_cors_headers(&res));

    // A request without `Origin`: nothing either.
    let res = call_service(&app, TestRequest::post().uri("/internal").to_request()).await;
    assert!(has_no_cors_headers(&res));
    assert_eq!(header(&res, "vary"), None);

    // The app's other routes keep the app's policy.
    let res = call_service(
        &app,
        from_origin(Method::POST, "/open", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
    let res = call_service(
        &app,
        preflight("/open", "https://app.example", "POST").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[actix_web::test]
async fn off_route_inside_a_cors_scope_and_a_route_table() {
    let app = init_service(
        App::new().service(
            web::scope("/api")
                .wrap(Cors::new(app_policy()))
                .service(cors_actix::routes![hidden])
                .route("/open", web::get().to(|| async { "open" })),
        ),
    )
    .await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/api/hidden", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert!(has_no_cors_headers(&res));
    let res = call_service(
        &app,
        preflight("/api/hidden", "https://app.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(has_no_cors_headers(&res));
    let res = call_service(
        &app,
        from_origin(Method::GET, "/api/open", "https://app.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
}

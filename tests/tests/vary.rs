//! `Vary` is appended to what the handler set, deduplicated, and `Vary: *` is respected;
//! singleton CORS headers the handler set are replaced, never duplicated.

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, HttpResponse, get};
use cors_actix::cors;
use cors_testkit::{all, from_origin, preflight};

const APP: &str = "https://app.example";

#[cors(origins = ["https://app.example"], credentials = true)]
#[get("/encoded")]
async fn encoded() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("vary", "Accept-Encoding"))
        .finish()
}

#[cors(origins = ["https://app.example"])]
#[get("/already")]
async fn already() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("vary", "accept-encoding, origin"))
        .finish()
}

#[cors(origins = ["https://app.example"])]
#[get("/star")]
async fn star() -> HttpResponse {
    HttpResponse::Ok().insert_header(("vary", "*")).finish()
}

#[cors(origins = ["https://app.example"], credentials = true, max_age = 5)]
#[get("/sets-its-own")]
async fn sets_its_own() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("access-control-allow-origin", "https://stale.example"))
        .insert_header(("access-control-allow-credentials", "true"))
        .finish()
}

#[actix_web::test]
async fn vary_is_appended_deduplicated_and_star_respected() {
    let app = init_service(App::new().service(encoded).service(already).service(star)).await;
    let res = call_service(&app, from_origin(Method::GET, "/encoded", APP).to_request()).await;
    assert_eq!(all(&res, "vary"), ["Accept-Encoding", "Origin"]);
    let res = call_service(&app, TestRequest::get().uri("/encoded").to_request()).await;
    assert_eq!(
        all(&res, "vary"),
        ["Accept-Encoding", "Origin"],
        "no Origin: still varies"
    );
    let res = call_service(&app, from_origin(Method::GET, "/already", APP).to_request()).await;
    assert_eq!(all(&res, "vary"), ["accept-encoding, origin"]);
    let res = call_service(&app, from_origin(Method::GET, "/star", APP).to_request()).await;
    assert_eq!(all(&res, "vary"), ["*"]);
}

#[actix_web::test]
async fn singletons_are_replaced() {
    let app = init_service(App::new().service(sets_its_own)).await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/sets-its-own", APP).to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(all(&res, "access-control-allow-origin"), [APP]);
    assert_eq!(all(&res, "access-control-allow-credentials"), ["true"]);
    let res = call_service(&app, preflight("/sets-its-own", APP, "GET").to_request()).await;
    assert_eq!(all(&res, "access-control-max-age"), ["5"]);
}

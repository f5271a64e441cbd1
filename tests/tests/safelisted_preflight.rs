//! A preflight whose `Access-Control-Request-Method` is `GET`, `HEAD` or `POST` passes the method
//! check whatever the policy lists, as the browser's own check does (Fetch, CORS-preflight fetch,
//! step 7.5); it is judged on origin and headers. Browsers send such preflights when a safelisted
//! call needs one anyway: a custom header, an upload listener, a streamed body.
//!
//! Routing decides first which policy answers: a `#[cors]` route claims preflights for the
//! methods it serves, so it answers one asking for `GET` only if it serves `GET`.

use actix_web::http::StatusCode;
use actix_web::test::{call_service, init_service};
use actix_web::{App, HttpResponse, Responder, put, route, web};
use cors_actix::{Cors, Policy, cors};
use cors_testkit::{assert_headers, assert_no_cors, assert_refused, preflight};

const APP: &str = "https://app.example";

/// Serves GET and PUT; the policy names PUT only.
#[cors(origins = ["https://app.example"], methods = [PUT], allow_headers = ["x-custom"])]
#[route("/both", method = "GET", method = "PUT")]
async fn both() -> impl Responder {
    "both"
}

/// Serves PUT only.
#[cors(origins = ["https://app.example"], allow_headers = ["x-custom"])]
#[put("/put-only")]
async fn put_only() -> impl Responder {
    "put"
}

fn put_policy() -> Policy {
    Policy::builder()
        .allow_origins([APP])
        .allow_methods(["PUT"])
        .allow_headers(["x-custom"])
        .build()
        .unwrap()
}

async fn plain() -> HttpResponse {
    HttpResponse::Ok().body("plain")
}

#[actix_web::test]
async fn a_route_serving_the_method_answers_whatever_its_policy_lists() {
    let app = init_service(App::new().service(both)).await;
    for method in ["GET", "HEAD", "POST"] {
        let res = call_service(
            &app,
            preflight("/both", APP, method)
                .insert_header(("access-control-request-headers", "x-custom"))
                .to_request(),
        )
        .await;
        // HEAD and POST are not served here, so no resource claims them: actix answers 404.
        if method != "GET" {
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{method}");
            continue;
        }
        assert_eq!(res.status(), StatusCode::NO_CONTENT);
        assert_headers(
            &res,
            &[
                ("access-control-allow-origin", Some(APP)),
                ("access-control-allow-methods", Some("PUT")),
                ("access-control-allow-headers", Some("x-custom")),
            ],
        );
    }
    // Origin and headers are still judged.
    for refused in [
        preflight("/both", "https://evil.example", "GET"),
        preflight("/both", APP, "GET").insert_header(("access-control-request-headers", "x-other")),
    ] {
        let res = call_service(&app, refused.to_request()).await;
        assert_refused(&res);
    }
}

#[actix_web::test]
async fn a_route_not_serving_the_method_does_not_claim_it() {
    // Registered one by one: the PUT route's preflight resource claims PUT only, so a GET
    // preflight meets no resource (the known limit: 404, as for any unserved method).
    let app = init_service(App::new().service(put_only)).await;
    let res = call_service(&app, preflight("/put-only", APP, "GET").to_request()).await;
    assert_no_cors(&res, StatusCode::NOT_FOUND, "no route claims the preflight");
    let res = call_service(&app, preflight("/put-only", APP, "PUT").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // A route table claims every preflight on its paths and refuses an unserved method: 403.
    let app = init_service(App::new().service(cors_actix::routes![put_only])).await;
    let res = call_service(&app, preflight("/put-only", APP, "GET").to_request()).await;
    assert_refused(&res);
}

#[actix_web::test]
async fn app_wide_policy_listing_only_put_answers_safelisted_preflights() {
    // `Cors::new` answers preflights no route claims, here for a plain GET route and for the
    // GET preflight the PUT-only `#[cors]` route leaves unclaimed.
    let app = init_service(
        App::new()
            .wrap(Cors::new(put_policy()))
            .service(put_only)
            .route("/plain", web::get().to(plain)),
    )
    .await;
    for path in ["/plain", "/put-only"] {
        let res = call_service(
            &app,
            preflight(path, APP, "GET")
                .insert_header(("access-control-request-headers", "x-custom"))
                .to_request(),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{path}");
        assert_headers(
            &res,
            &[
                ("access-control-allow-origin", Some(APP)),
                ("access-control-allow-methods", Some("PUT")),
                ("access-control-allow-headers", Some("x-custom")),
            ],
        );
    }
    let res = call_service(&app, preflight("/plain", APP, "DELETE").to_request()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = call_service(&app, preflight("/plain", APP, "get").to_request()).await;
    assert_eq!(
        res.status(),
        StatusCode::FORBIDDEN,
        "byte-exact: `get` is not safelisted"
    );
}

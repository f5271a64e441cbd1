//! The showcase's ten cases as a team would test its own API's CORS: each call the page makes,
//! sent through the app with `cors_actix::test` in `cargo test`, no browser, with the verdict the
//! page shows in one (`examples/tests/showcase.rs` presses its buttons in Chromium, Firefox and
//! WebKit).

// The showcase binary's API, as a team's test would `use my_api::api`.
#[path = "../src/bin/showcase.rs"]
mod showcase;

use actix_web::http::StatusCode;
use actix_web::{App, test};
use cors_actix::test::{Blocked, CorsFailure, Fetch};

/// The page's origin, and the API as the page calls it: another host (`localhost`), and the same
/// host on another port (same site, where its cookie is not a third party's).
const PAGE: &str = "http://127.0.0.1:8080";
const API: &str = "http://localhost:8081";
const SAME_SITE_API: &str = "http://127.0.0.1:8081";

fn call(method: &str, path: &str) -> Fetch {
    Fetch::new(PAGE, method, &format!("{API}{path}"))
}

fn body(verdict: &cors_actix::test::Verdict) -> String {
    String::from_utf8_lossy(verdict.body().expect("allowed")).into_owned()
}

#[actix_web::test]
async fn simple_get_needs_no_preflight() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let verdict = call("GET", "/api/items").send(&app).await;
    assert!(verdict.is_allowed(), "{verdict}");
    assert!(!verdict.preflight_sent());
    assert_eq!(verdict.status(), Some(StatusCode::OK));
    assert_eq!(body(&verdict), r#"["pen","ink"]"#);
}

#[actix_web::test]
async fn json_post_is_preflighted_and_allowed() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let verdict = call("POST", "/api/items")
        .header("content-type", "application/json")
        .body(r#"{"name":"pen"}"#)
        .send(&app)
        .await;
    assert!(verdict.is_allowed(), "{verdict}");
    assert!(verdict.preflight_sent());
    assert_eq!(verdict.status(), Some(StatusCode::CREATED));
    assert_eq!(body(&verdict), r#"created {"name":"pen"}"#);
}

#[actix_web::test]
async fn put_and_delete_are_preflighted_and_allowed() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let put = call("PUT", "/api/items/7")
        .header("content-type", "application/json")
        .body("{}")
        .send(&app)
        .await;
    assert!(put.is_allowed() && put.preflight_sent(), "{put}");
    assert_eq!(body(&put), "replaced item 7");
    let delete = call("DELETE", "/api/items/7").send(&app).await;
    assert!(delete.is_allowed() && delete.preflight_sent(), "{delete}");
    assert_eq!(delete.status(), Some(StatusCode::NO_CONTENT));
    assert_eq!(body(&delete), "");
}

#[actix_web::test]
async fn listed_custom_header_is_allowed_and_another_is_blocked() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let listed = call("GET", "/api/search")
        .header("x-api-key", "demo")
        .send(&app)
        .await;
    assert!(listed.is_allowed() && listed.preflight_sent(), "{listed}");
    assert_eq!(body(&listed), "searched with key demo");

    let unlisted = call("GET", "/api/items")
        .header("x-debug", "1")
        .send(&app)
        .await;
    assert!(!unlisted.is_allowed());
    assert!(unlisted.preflight_sent());
    assert_eq!(unlisted.status(), None);
    assert_eq!(
        unlisted.to_string(),
        "Access to fetch at 'http://localhost:8081/api/items' from origin \
         'http://127.0.0.1:8080' has been blocked by CORS policy: Response to preflight request \
         doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present \
         on the requested resource. If an opaque response serves your needs, set the request's \
         mode to 'no-cors' to fetch the resource with CORS disabled."
    );
}

#[actix_web::test]
async fn credentialed_call_carries_the_cookie() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let login = Fetch::new(PAGE, "POST", &format!("{SAME_SITE_API}/api/login"))
        .credentials()
        .send(&app)
        .await;
    assert!(login.is_allowed(), "{login}");
    assert!(!login.can_read("set-cookie"), "no page reads set-cookie");
    // The cookie /api/login set, which the browser now holds for the API's site.
    let me = Fetch::new(PAGE, "GET", &format!("{SAME_SITE_API}/api/me"))
        .credentials()
        .cookie("session=demo")
        .send(&app)
        .await;
    assert!(me.is_allowed(), "{me}");
    assert_eq!(me.status(), Some(StatusCode::OK));
    assert!(body(&me).contains("the cookie came along"));
}

#[actix_web::test]
async fn only_the_exposed_header_is_readable() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let verdict = call("GET", "/api/report").send(&app).await;
    assert!(verdict.is_allowed(), "{verdict}");
    assert_eq!(verdict.header("x-request-id").as_deref(), Some("req-42"));
    assert!(!verdict.can_read("x-internal"));
}

#[actix_web::test]
async fn route_for_another_origin_is_blocked_after_its_handler_ran() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let verdict = call("GET", "/api/admin").send(&app).await;
    assert!(!verdict.is_allowed());
    assert!(
        !verdict.preflight_sent(),
        "a simple request: sent, read by no one"
    );
    assert_eq!(
        verdict.reason(),
        Some(&Blocked::Actual(CorsFailure::MissingAllowOrigin))
    );
}

#[actix_web::test]
async fn public_route_is_readable_from_any_page() {
    let app = test::init_service(App::new().service(showcase::api())).await;
    let verdict = call("GET", "/api/public").send(&app).await;
    assert!(verdict.is_allowed(), "{verdict}");
    assert_eq!(body(&verdict), "public data");
    let elsewhere = Fetch::new("https://any.example", "GET", &format!("{API}/api/public"))
        .send(&app)
        .await;
    assert!(elsewhere.is_allowed(), "{elsewhere}");
}

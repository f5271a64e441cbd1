use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::dev::Service;
use actix_web::http::StatusCode;
use actix_web::{App, HttpRequest, HttpResponse, get, post, put, test, web};

use super::{Blocked, Browser, CorsFailure, Engine, Fetch};
use crate::cors;

const PAGE: &str = "https://app.example.com";
const API: &str = "https://api.example.com";

/// Every request the app received: method, then each header as `name: value`, sorted.
#[derive(Clone, Default)]
struct Wire(Arc<Mutex<Vec<Vec<String>>>>);

impl Wire {
    fn seen(&self) -> Vec<Vec<String>> {
        self.0.lock().unwrap().clone()
    }
    fn methods(&self) -> Vec<String> {
        self.seen().into_iter().map(|r| r[0].clone()).collect()
    }
}

macro_rules! app {
    ($wire:expr, $($service:expr),+ $(,)?) => {{
        let wire = $wire.clone();
        test::init_service(
            App::new()
                .wrap_fn(move |req, srv| {
                    let mut seen: Vec<String> = req
                        .headers()
                        .iter()
                        .map(|(n, v)| format!("{n}: {}", v.to_str().unwrap_or("?")))
                        .collect();
                    seen.sort();
                    seen.insert(0, req.method().to_string());
                    wire.0.lock().unwrap().push(seen);
                    srv.call(req)
                })
                $(.service($service))+,
        )
        .await
    }};
}

#[cors(origins = ["https://app.example.com"], allow_headers = ["content-type"], expose_headers = ["x-request-id"])]
#[put("/items/{id}")]
async fn update_item() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("x-request-id", "7"))
        .insert_header(("x-internal", "no"))
        .body("updated")
}

#[cors(origins = ["https://app.example.com"])]
#[get("/items")]
async fn list_items() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("x-internal", "no"))
        .content_type("application/json")
        .body("[]")
}

#[cors(origins = "*")]
#[get("/public")]
async fn public() -> &'static str {
    "public"
}

#[cors(origins = ["https://app.example.com"], credentials = true)]
#[get("/me")]
async fn me(req: HttpRequest) -> String {
    let cookie = req
        .headers()
        .get("cookie")
        .map(|v| v.to_str().unwrap_or("?"));
    format!("cookie={}", cookie.unwrap_or("none"))
}

#[cors(origins = ["https://app.example.com"], max_age = 600)]
#[put("/cached")]
async fn cached() -> &'static str {
    "cached"
}

#[cors(origins = ["https://app.example.com"], max_age = 0)]
#[put("/uncached")]
async fn uncached() -> &'static str {
    "uncached"
}

#[cors(origins = ["https://app.example.com"])]
#[put("/default-age")]
async fn default_age() -> &'static str {
    "default"
}

#[cors(origins = ["https://app.example.com"], max_age = 3600)]
#[put("/hour")]
async fn hour() -> &'static str {
    "hour"
}

#[cors(origins = ["https://app.example.com"])]
#[post("/typed")]
async fn typed(n: web::Json<u32>) -> String {
    n.to_string()
}

#[actix_web::test]
async fn preflighted_call_sends_what_a_browser_sends_then_the_call() {
    let wire = Wire::default();
    let app = app!(wire, update_item);
    let verdict = Fetch::new(PAGE, "put", &format!("{API}/items/7"))
        .header("Content-Type", "application/json")
        .header("X-Api-Version", "2")
        .body("{}")
        .send(&app)
        .await;
    assert!(!verdict.is_allowed(), "x-api-version is not allowed");
    assert_eq!(
        verdict.reason(),
        Some(&Blocked::Preflight(CorsFailure::MissingAllowOrigin))
    );
    assert_eq!(
        wire.seen(),
        [[
            "OPTIONS",
            "accept: */*",
            "access-control-request-headers: content-type,x-api-version",
            "access-control-request-method: PUT",
            "host: api.example.com",
            "origin: https://app.example.com",
            "sec-fetch-dest: empty",
            "sec-fetch-mode: cors",
            "sec-fetch-site: same-site",
        ]],
        "only the preflight went out"
    );

    let wire = Wire::default();
    let app = app!(wire, update_item);
    let verdict = Fetch::new(PAGE, "PUT", &format!("{API}/items/7"))
        .header("content-type", "application/json")
        .body("{}")
        .send(&app)
        .await;
    assert!(verdict.is_allowed(), "{verdict}");
    assert!(verdict.preflight_sent());
    assert_eq!(verdict.status(), Some(StatusCode::OK));
    assert_eq!(verdict.body().map(|b| &b[..]), Some(&b"updated"[..]));
    assert!(verdict.can_read("x-request-id"));
    assert_eq!(verdict.header("x-request-id").as_deref(), Some("7"));
    assert!(!verdict.can_read("x-internal"));
    assert_eq!(verdict.header("x-internal"), None);
    let seen = wire.seen();
    assert_eq!(wire.methods(), ["OPTIONS", "PUT"]);
    assert_eq!(
        seen[1],
        [
            "PUT",
            "accept: */*",
            "content-length: 2",
            "content-type: application/json",
            "host: api.example.com",
            "origin: https://app.example.com",
            "sec-fetch-dest: empty",
            "sec-fetch-mode: cors",
            "sec-fetch-site: same-site",
        ]
    );
    assert_eq!(
        verdict.to_string(),
        "PUT https://api.example.com/items/7 from origin 'https://app.example.com': allowed, \
         status 200, after a preflight"
    );
}

#[actix_web::test]
async fn refused_origin_reads_as_the_console_says() {
    let wire = Wire::default();
    let app = app!(wire, update_item, list_items);
    let put = Fetch::new("https://evil.example", "PUT", &format!("{API}/items/7"))
        .send(&app)
        .await;
    assert!(!put.is_allowed());
    assert!(put.preflight_sent());
    assert_eq!(put.status(), None);
    assert_eq!(put.body(), None);
    assert_eq!(
        put.to_string(),
        "Access to fetch at 'https://api.example.com/items/7' from origin 'https://evil.example' \
         has been blocked by CORS policy: Response to preflight request doesn't pass access \
         control check: No 'Access-Control-Allow-Origin' header is present on the requested \
         resource. If an opaque response serves your needs, set the request's mode to 'no-cors' \
         to fetch the resource with CORS disabled."
    );
    assert_eq!(
        wire.methods(),
        ["OPTIONS"],
        "no actual request after a failed preflight"
    );

    let get = Fetch::new("https://evil.example", "GET", &format!("{API}/items"))
        .send(&app)
        .await;
    assert!(!get.is_allowed());
    assert!(!get.preflight_sent());
    assert!(!get.can_read("content-type"));
    assert_eq!(
        get.reason(),
        Some(&Blocked::Actual(CorsFailure::MissingAllowOrigin))
    );
    assert_eq!(
        wire.methods(),
        ["OPTIONS", "GET"],
        "a simple request reaches the app"
    );
}

#[actix_web::test]
async fn simple_get_reads_safelisted_headers_only() {
    let wire = Wire::default();
    let app = app!(wire, list_items);
    let verdict = Fetch::new(PAGE, "GET", &format!("{API}/items"))
        .header("accept-language", "fr")
        .send(&app)
        .await;
    assert!(verdict.is_allowed(), "{verdict}");
    assert!(!verdict.preflight_sent());
    assert!(verdict.can_read("content-type"));
    assert!(!verdict.can_read("x-internal"));
    assert_eq!(wire.methods(), ["GET"]);
}

#[actix_web::test]
async fn credentials_need_a_credentialed_policy() {
    let wire = Wire::default();
    let app = app!(wire, public, me);
    let star = Fetch::new(PAGE, "GET", &format!("{API}/public"))
        .credentials()
        .send(&app)
        .await;
    assert_eq!(
        star.reason(),
        Some(&Blocked::Actual(CorsFailure::WildcardWithCredentials))
    );
    let anonymous = Fetch::new(PAGE, "GET", &format!("{API}/public"))
        .send(&app)
        .await;
    assert!(anonymous.is_allowed(), "{anonymous}");

    let with = Fetch::new(PAGE, "GET", &format!("{API}/me"))
        .credentials()
        .cookie("session=s1")
        .send(&app)
        .await;
    assert!(with.is_allowed(), "{with}");
    assert_eq!(with.body().map(|b| &b[..]), Some(&b"cookie=session=s1"[..]));
    let without = Fetch::new(PAGE, "GET", &format!("{API}/me"))
        .cookie("session=s1")
        .send(&app)
        .await;
    assert_eq!(
        without.body().map(|b| &b[..]),
        Some(&b"cookie=none"[..]),
        "cookies go cross-origin only with credentials"
    );
}

#[actix_web::test]
async fn same_origin_calls_involve_no_cors() {
    let wire = Wire::default();
    let app = app!(wire, update_item, list_items);
    let put = Fetch::new(API, "PUT", "/items/7")
        .header("x-anything", "1")
        .send(&app)
        .await;
    assert!(put.is_allowed(), "{put}");
    assert!(!put.preflight_sent());
    assert!(
        put.can_read("x-internal"),
        "a same-origin page reads every header"
    );
    let get = Fetch::new(API, "GET", &format!("{API}/items"))
        .send(&app)
        .await;
    assert!(get.is_allowed());
    let seen = wire.seen();
    assert!(
        seen[0].contains(&format!("origin: {API}")),
        "PUT carries Origin: {seen:?}"
    );
    assert!(
        !seen[1].iter().any(|h| h.starts_with("origin:")),
        "GET does not: {seen:?}"
    );
}

#[actix_web::test]
async fn browser_caches_preflights_for_max_age() {
    let wire = Wire::default();
    let app = app!(wire, cached, uncached, default_age, hour);
    let call = |path: &str| Fetch::new(PAGE, "PUT", &format!("{API}{path}"));
    let mut browser = Browser::new();
    let mut sent = Vec::new();
    for path in [
        "/cached",
        "/cached",
        "/uncached",
        "/uncached",
        "/default-age",
        "/default-age",
    ] {
        let verdict = browser.send(&app, call(path)).await;
        assert!(verdict.is_allowed(), "{verdict}");
        sent.push(verdict.preflight_sent());
    }
    assert_eq!(sent, [true, false, true, true, true, false]);
    browser.advance(Duration::from_secs(5));
    assert!(
        browser
            .send(&app, call("/default-age"))
            .await
            .preflight_sent(),
        "5 s default"
    );
    browser.advance(Duration::from_secs(594));
    assert!(!browser.send(&app, call("/cached")).await.preflight_sent());
    browser.advance(Duration::from_secs(1));
    assert!(
        browser.send(&app, call("/cached")).await.preflight_sent(),
        "600 s passed"
    );
    assert!(
        browser
            .send(&app, call("/cached").credentials())
            .await
            .preflight_sent(),
        "keyed by credentials mode"
    );

    for (engine, cached_after_hour_less_a_second) in [
        (Engine::Chromium, true),
        (Engine::Firefox, true),
        (Engine::Webkit, false),
    ] {
        let mut browser = Browser::for_engine(engine);
        assert!(browser.send(&app, call("/hour")).await.preflight_sent());
        browser.advance(Duration::from_secs(3599));
        let again = browser.send(&app, call("/hour")).await;
        assert_eq!(
            !again.preflight_sent(),
            cached_after_hour_less_a_second,
            "{engine:?}"
        );
    }
}

#[actix_web::test]
async fn fetch_refuses_what_scripts_cannot_send() {
    let wire = Wire::default();
    let app = app!(wire, list_items);
    let verdict = Fetch::new(PAGE, "trace", &format!("{API}/items"))
        .send(&app)
        .await;
    assert!(!verdict.is_allowed());
    assert_eq!(
        verdict.reason(),
        Some(&Blocked::ForbiddenMethod("trace".into()))
    );
    assert_eq!(
        verdict.to_string(),
        "TypeError: Failed to execute 'fetch' on 'Window': 'trace' HTTP method is unsupported."
    );
    let verdict = Fetch::new(PAGE, "GET", &format!("{API}/items"))
        .header("bad name", "1")
        .send(&app)
        .await;
    assert_eq!(
        verdict.reason(),
        Some(&Blocked::InvalidHeaderName("bad name".into()))
    );
    let control = Fetch::new(PAGE, "GET", &format!("{API}/items"))
        .header("x-a", "a\u{1}b")
        .send(&app)
        .await;
    assert_eq!(
        control.reason(),
        Some(&Blocked::InvalidHeaderValue("x-a".into()))
    );
    let cookie = Fetch::new(PAGE, "GET", &format!("{API}/items"))
        .cookie("a=b\nc")
        .send(&app)
        .await;
    assert_eq!(
        cookie.reason(),
        Some(&Blocked::InvalidHeaderValue("cookie".into()))
    );
    assert!(wire.seen().is_empty(), "nothing was sent");
}

#[actix_web::test]
async fn errors_stay_readable_and_apps_without_cors_are_blocked() {
    let wire = Wire::default();
    let app = app!(wire, typed);
    let verdict = Fetch::new(PAGE, "POST", &format!("{API}/typed"))
        .header("content-type", "text/plain")
        .body("nan")
        .send(&app)
        .await;
    assert!(verdict.is_allowed(), "{verdict}");
    assert!(
        !verdict.preflight_sent(),
        "text/plain is a simple content type"
    );
    assert_eq!(verdict.status(), Some(StatusCode::BAD_REQUEST));

    let bare = test::init_service(App::new().route("/x", web::put().to(HttpResponse::Ok))).await;
    let verdict = Fetch::new(PAGE, "PUT", &format!("{API}/x"))
        .send(&bare)
        .await;
    assert_eq!(
        verdict.reason(),
        Some(&Blocked::Preflight(CorsFailure::MissingAllowOrigin))
    );
}

/// An app another CORS middleware answers: what a team migrating from actix-cors runs first.
#[actix_web::test]
async fn any_actix_service_will_do() {
    let app = test::init_service(
        App::new()
            .wrap(
                actix_cors::Cors::default()
                    .allowed_origin(PAGE)
                    .allowed_methods(["GET", "PUT"])
                    .allowed_header("content-type"),
            )
            .route("/x", web::put().to(HttpResponse::Ok)),
    )
    .await;
    let allowed = Fetch::new(PAGE, "PUT", &format!("{API}/x"))
        .header("content-type", "application/json")
        .send(&app)
        .await;
    assert!(allowed.is_allowed(), "{allowed}");
    assert!(allowed.preflight_sent());
    let header = Fetch::new(PAGE, "PUT", &format!("{API}/x"))
        .header("x-other", "1")
        .send(&app)
        .await;
    assert!(!header.is_allowed());
    let other = Fetch::new("https://evil.example", "PUT", &format!("{API}/x"))
        .send(&app)
        .await;
    assert!(!other.is_allowed());
}

//! `routes![..]` registers handlers with one merged preflight resource per path.

use actix_web::http::{Method, StatusCode};
use actix_web::test::{call_service, init_service};
use actix_web::{App, HttpResponse, Responder, delete, get, post};
use cors_actix::{CorsService, Policy, cors};
use cors_testkit::{
    assert_headers, assert_no_cors, assert_refused, from_origin, header, preflight,
};

#[cors(origins = ["https://app.example", "https://admin.example"])]
#[get("/items")]
async fn list_items() -> impl Responder {
    "[]"
}

#[cors(origins = ["https://admin.example"], credentials = true, allow_headers = ["content-type"])]
#[post("/items")]
async fn create_item() -> impl Responder {
    HttpResponse::Created().finish()
}

static ADMIN: Policy = cors_actix::policy!(origins = ["https://admin.example"], credentials = true);

#[cors(policy = ADMIN)]
#[delete("/items/{id}")]
async fn delete_item() -> impl Responder {
    HttpResponse::NoContent().finish()
}

#[actix_web::test]
async fn merged_preflight_dispatches_on_the_requested_method() {
    let app =
        init_service(App::new().service(cors_actix::routes![list_items, create_item, delete_item]))
            .await;

    // The admin origin is allowed by both policies on /items: ACAM lists both methods.
    let res = call_service(
        &app,
        preflight("/items", "https://admin.example", "POST").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_headers(
        &res,
        &[
            ("access-control-allow-methods", Some("GET, POST")),
            ("access-control-allow-credentials", Some("true")),
            ("access-control-allow-headers", Some("content-type")),
        ],
    );

    // The app origin is allowed only by the GET policy: ACAM lists GET only.
    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
    assert_eq!(header(&res, "access-control-allow-credentials"), None);

    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "POST").to_request(),
    )
    .await;
    assert_refused(&res);

    // A method no route on the path serves: the merged resource answers 403, not 404.
    let res = call_service(
        &app,
        preflight("/items", "https://admin.example", "PUT").to_request(),
    )
    .await;
    assert_refused(&res);

    let res = call_service(
        &app,
        preflight("/items/9", "https://admin.example", "DELETE").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(header(&res, "access-control-allow-methods"), Some("DELETE"));

    let res = call_service(
        &app,
        from_origin(Method::DELETE, "/items/9", "https://admin.example").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://admin.example")
    );
}

#[test]
fn metadata_and_startup_listing() {
    let routes = list_items.cors_routes();
    assert_eq!(routes.len(), 1);
    assert_eq!(
        (routes[0].handler(), routes[0].path()),
        ("list_items", "/items")
    );
    assert_eq!(routes[0].methods().collect::<Vec<_>>(), ["GET"]);
    assert!(
        routes[0]
            .policy()
            .unwrap()
            .current()
            .allows_origin(b"https://app.example")
    );

    let table = cors_actix::routes![list_items, create_item, delete_item];
    let listing = table.to_string();
    let lines: Vec<&str> = listing.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].starts_with("GET "), "{listing}");
    assert!(
        lines[0].contains("/items")
            && lines[0].contains("https://admin.example, https://app.example"),
        "{listing}"
    );
    assert!(
        lines[1].starts_with("POST ") && lines[1].ends_with("https://admin.example (credentials)"),
        "{listing}"
    );
    assert!(
        lines[2].contains("/items/{id}") && lines[2].contains("delete_item"),
        "{listing}"
    );
    assert!(format!("{table:?}").starts_with("RouteTable { routes: ["));
}

macro_rules! on_wide {
    ($($name:ident $method:literal $origin:literal),* $(,)?) => {$(
        #[cors(origins = [$origin])]
        #[actix_web::route("/wide", method = $method)]
        async fn $name() -> impl Responder {
            $method
        }
    )*};
}

on_wide!(
    wide_get "GET" "https://o1.example",
    wide_post "POST" "https://o2.example",
    wide_put "PUT" "https://o3.example",
    wide_patch "PATCH" "https://o4.example",
    wide_delete "DELETE" "https://o5.example",
    wide_head "HEAD" "https://o6.example",
    wide_report "REPORT" "https://o7.example",
    wide_purge "PURGE" "https://o7.example",
);

/// More routes on one path than the merged preflight keeps method unions for: each preflight
/// still reaches the policy of the route serving its method, the last ones included.
#[actix_web::test]
async fn merged_preflight_with_many_routes_on_one_path() {
    let app = init_service(App::new().service(cors_actix::routes![
        wide_get,
        wide_post,
        wide_put,
        wide_patch,
        wide_delete,
        wide_head,
        wide_report,
        wide_purge,
    ]))
    .await;
    for (method, origin) in [
        ("GET", "https://o1.example"),
        ("PATCH", "https://o4.example"),
        ("REPORT", "https://o7.example"),
        ("PURGE", "https://o7.example"),
    ] {
        let res = call_service(&app, preflight("/wide", origin, method).to_request()).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{method} {origin}");
        assert_eq!(header(&res, "access-control-allow-origin"), Some(origin));
        let acam = header(&res, "access-control-allow-methods").unwrap_or_default();
        assert!(acam.split(", ").any(|m| m == method), "{method} in {acam}");
    }
    for (method, origin) in [
        ("PURGE", "https://o1.example"),
        ("GET", "https://o7.example"),
    ] {
        let res = call_service(&app, preflight("/wide", origin, method).to_request()).await;
        assert_no_cors(&res, StatusCode::FORBIDDEN, &format!("{method} {origin}"));
    }
}

//! `PolicyHandle`: a policy replaced at run time, from the next request on, for every clone of
//! the handle, through `Cors::new(handle.clone())` and `#[cors(policy = HANDLE)]`.

use std::sync::LazyLock;

use actix_web::http::{Method, StatusCode};
use actix_web::test::{call_service, init_service};
use actix_web::{App, Responder, get, web};
use cors_actix::{Cors, Policy, PolicyHandle, cors};
use cors_testkit::{from_origin, has_no_cors_headers, header, preflight};

fn allowing(origins: &[&str]) -> Policy {
    Policy::builder()
        .allow_origins(origins)
        .build()
        .expect("valid CORS policy")
}

static LIVE: LazyLock<PolicyHandle> =
    LazyLock::new(|| PolicyHandle::new(allowing(&["https://first.example"])));

#[cors(policy = LIVE)]
#[get("/live")]
async fn live() -> impl Responder {
    "live"
}

#[actix_web::test]
async fn route_policy_from_a_handle_is_replaced_on_the_next_request() {
    let app = init_service(App::new().service(live)).await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/live", "https://first.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://first.example")
    );

    // A clone replaces it for every holder: the static the route reads included.
    let clone = LIVE.clone();
    clone.replace(
        Policy::builder()
            .allow_origins(["https://second.example"])
            .allow_methods(["GET"])
            .max_age(60)
            .build()
            .unwrap(),
    );
    let res = call_service(
        &app,
        from_origin(Method::GET, "/live", "https://first.example").to_request(),
    )
    .await;
    assert!(has_no_cors_headers(&res));
    let res = call_service(
        &app,
        preflight("/live", "https://second.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://second.example")
    );
    assert_eq!(header(&res, "access-control-max-age"), Some("60"));
    assert!(LIVE.current().allows_origin(b"https://second.example"));
}

#[actix_web::test]
async fn app_wide_handle_and_its_clones_share_the_policy() {
    let handle = PolicyHandle::new(allowing(&["https://a.example"]));
    let other_holder = handle.clone();
    let app = init_service(
        App::new()
            .wrap(Cors::new(handle.clone()))
            .route("/x", web::get().to(|| async { "x" })),
    )
    .await;
    let ask = |origin: &'static str| from_origin(Method::GET, "/x", origin).to_request();

    let res = call_service(&app, ask("https://a.example")).await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://a.example")
    );

    other_holder.replace(allowing(&["https://b.example"]));
    let res = call_service(&app, ask("https://a.example")).await;
    assert!(has_no_cors_headers(&res));
    let res = call_service(&app, ask("https://b.example")).await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://b.example")
    );
    assert!(handle.current().allows_origin(b"https://b.example"));
}

#[actix_web::test]
async fn a_bad_configuration_never_replaces_a_good_one() {
    let handle = PolicyHandle::new(allowing(&["https://a.example"]));
    let app = init_service(
        App::new()
            .wrap(Cors::new(handle.clone()))
            .route("/x", web::get().to(|| async { "x" })),
    )
    .await;
    // `build()` refuses it, listing every problem, before `replace` could see it.
    let error = Policy::builder()
        .allow_origins(["https://b.example/", "*"])
        .allow_credentials(true)
        .build()
        .unwrap_err();
    assert!(error.problems().len() >= 2, "{error}");
    let res = call_service(
        &app,
        from_origin(Method::GET, "/x", "https://a.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://a.example")
    );
}

async fn tenant(origin: String, _req: actix_web::HttpRequest) -> bool {
    origin == "https://tenant.example"
}

static CHECKED: LazyLock<PolicyHandle> = LazyLock::new(|| {
    PolicyHandle::new(
        Policy::builder()
            .origin_check(true)
            .build()
            .expect("valid CORS policy"),
    )
});

#[cors(policy = CHECKED, origin_fn_async = tenant)]
#[get("/checked")]
async fn checked() -> impl Responder {
    "checked"
}

#[actix_web::test]
async fn a_handle_beside_a_check() {
    let app = init_service(App::new().service(checked)).await;
    let res = call_service(
        &app,
        from_origin(Method::GET, "/checked", "https://tenant.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://tenant.example")
    );
    CHECKED.replace(allowing(&["https://listed.example"]));
    let res = call_service(
        &app,
        from_origin(Method::GET, "/checked", "https://listed.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://listed.example")
    );
    let res = call_service(
        &app,
        from_origin(Method::GET, "/checked", "https://tenant.example").to_request(),
    )
    .await;
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://tenant.example"),
        "the check stays beside the replaced policy"
    );
}

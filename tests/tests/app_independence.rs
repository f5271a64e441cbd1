//! One app, one behaviour: how an app answers depends on that app alone, never on what other
//! apps of the process registered, and a preflight that CORS answers never runs an application
//! handler, the app's own `OPTIONS` route included, in every combination of `Cors::new`,
//! `#[cors]` and `routes![]`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use actix_web::dev::ServiceResponse;
use actix_web::http::{Method, StatusCode};
use actix_web::test::{call_service, init_service, read_body};
use actix_web::{App, HttpResponse, Responder, Scope, get, put, web};
use cors_actix::{Cors, Policy, cors, routes};
use cors_testkit::{assert_no_cors, from_origin, header, preflight};

const APP: &str = "https://app.example";
const ROUTE: &str = "https://route.example";

#[cors(origins = ["https://route.example"], max_age = 60)]
#[put("/items")]
async fn put_items() -> impl Responder {
    "put"
}

#[cors(origins = ["https://route.example"])]
#[get("/items")]
async fn get_items() -> impl Responder {
    "get"
}

#[cors(origins = ["https://route.example"])]
#[get("/elsewhere")]
async fn elsewhere() -> impl Responder {
    "elsewhere"
}

fn app_policy() -> Policy {
    Policy::builder()
        .allow_origins([APP])
        .allow_methods(["GET", "PUT"])
        .max_age(600)
        .build()
        .unwrap()
}

/// The app's own `OPTIONS` route, counting its runs.
fn own_options(runs: &Arc<AtomicUsize>) -> actix_web::Route {
    let runs = runs.clone();
    web::method(Method::OPTIONS).to(move || {
        runs.fetch_add(1, Ordering::SeqCst);
        async { HttpResponse::Ok().body("own options") }
    })
}

/// Status and every header, in a comparable form.
fn snapshot<B>(res: &ServiceResponse<B>) -> (StatusCode, Vec<(String, String)>) {
    let mut headers: Vec<(String, String)> = res
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    (res.status(), headers)
}

/// The answers to a preflight, a refused preflight, an actual request and a plain `OPTIONS`.
macro_rules! probe {
    ($app:expr) => {{
        let mut answers = Vec::new();
        for req in [
            preflight("/items", APP, "PUT"),
            preflight("/items", "https://evil.example", "PUT"),
            from_origin(Method::PUT, "/items", APP),
            from_origin(Method::OPTIONS, "/items", APP),
        ] {
            answers.push(snapshot(&call_service($app, req.to_request()).await));
        }
        answers
    }};
}

#[actix_web::test]
async fn an_app_answers_the_same_after_another_app_registers_cors_routes() {
    let runs = Arc::new(AtomicUsize::new(0));
    let make = || {
        App::new()
            .wrap(Cors::new(app_policy()))
            .route("/items", web::put().to(|| async { "put" }))
            .route("/items", own_options(&runs))
    };
    let app = init_service(make()).await;
    let before = probe!(&app);
    // Only the OPTIONS request without `Access-Control-Request-Method` ran the app's route.
    assert_eq!(runs.load(Ordering::SeqCst), 1);
    assert_eq!(before[0].0, StatusCode::NO_CONTENT);

    // Another app of the process registers `#[cors]` routes, one by one and as a table.
    let other = init_service(App::new().service(put_items).service(routes![get_items])).await;
    let res = call_service(&other, preflight("/items", ROUTE, "PUT").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // The first app, and a new instance of it, answer exactly as before.
    assert_eq!(probe!(&app), before);
    let again = init_service(make()).await;
    assert_eq!(probe!(&again), before);
    assert_eq!(
        runs.load(Ordering::SeqCst),
        3,
        "no preflight ran the OPTIONS route"
    );
}

/// A preflight from `owner` answered by the policy owning the path, one from the other origin
/// refused, and the app's own `OPTIONS` route run only by an `OPTIONS` that is not a preflight.
macro_rules! assert_owned_preflights {
    ($case:expr, $owner:expr, |$options:ident| $app:expr) => {{
        let (case, owner): (&str, &str) = ($case, $owner);
        let runs = Arc::new(AtomicUsize::new(0));
        let $options = || web::resource("/items").route(own_options(&runs));
        let app = init_service($app).await;
        let res = call_service(&app, preflight("/items", owner, "PUT").to_request()).await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{case}");
        assert_eq!(
            header(&res, "access-control-allow-origin"),
            Some(owner),
            "{case}"
        );
        let refused = if owner == APP { ROUTE } else { APP };
        let res = call_service(&app, preflight("/items", refused, "PUT").to_request()).await;
        assert_no_cors(&res, StatusCode::FORBIDDEN, case);
        assert_eq!(runs.load(Ordering::SeqCst), 0, "{case}: a preflight ran it");
        // The route is really there: an OPTIONS that is not a preflight reaches it.
        let res = call_service(
            &app,
            from_origin(Method::OPTIONS, "/items", owner).to_request(),
        )
        .await;
        assert_eq!(read_body(res).await, "own options", "{case}");
        assert_eq!(runs.load(Ordering::SeqCst), 1, "{case}");
    }};
}

/// Every way of combining an app's own `OPTIONS` route with CORS on the same path.
#[actix_web::test]
async fn no_preflight_runs_the_apps_own_options_route() {
    assert_owned_preflights!("Cors::new alone", APP, |options| App::new()
        .wrap(Cors::new(app_policy()))
        .service(options()));
    assert_owned_preflights!("#[cors] alone", ROUTE, |options| App::new()
        .service(put_items)
        .service(options()));
    assert_owned_preflights!("routes![] alone", ROUTE, |options| App::new()
        .service(routes![put_items, get_items])
        .service(options()));
    assert_owned_preflights!("Cors::new beside #[cors] on another path", APP, |options| {
        App::new()
            .wrap(Cors::new(app_policy()))
            .service(elsewhere)
            .service(options())
    });
    assert_owned_preflights!("Cors::new over #[cors] on this path", ROUTE, |options| {
        App::new()
            .wrap(Cors::new(app_policy()))
            .service(put_items)
            .service(options())
    });
    assert_owned_preflights!("Cors::new over routes![] on this path", ROUTE, |options| {
        App::new()
            .wrap(Cors::new(app_policy()))
            .service(routes![put_items, get_items])
            .service(options())
    });
    assert_owned_preflights!(
        "Cors::new on a scope over #[cors] on this path",
        ROUTE,
        |options| App::new().service(
            Scope::new("")
                .wrap(Cors::new(app_policy()))
                .service(put_items)
                .service(options())
        )
    );
}

/// Refused for its origin or a header, a preflight gets `403` with no CORS headers and an empty
/// body in every registration form.
macro_rules! assert_refusals_are_403 {
    ($case:expr, $app:expr) => {{
        let case: &str = $case;
        let app = init_service($app).await;
        for req in [
            preflight("/items", "https://evil.example", "PUT"),
            preflight("/items", ROUTE, "PUT")
                .insert_header(("access-control-request-headers", "x-not-allowed")),
        ] {
            let res = call_service(&app, req.to_request()).await;
            assert_no_cors(&res, StatusCode::FORBIDDEN, case);
            assert!(read_body(res).await.is_empty(), "{case}");
        }
        app
    }};
}

#[actix_web::test]
async fn a_refused_preflight_is_403_in_every_registration_form() {
    let delete = || preflight("/items", ROUTE, "DELETE").to_request();
    let app = assert_refusals_are_403!("one by one", App::new().service(put_items));
    // A method no handler on the path serves: each handler registers alone, and actix matches
    // resources in registration order, so none can know it is the path's last (README, Known
    // limits); routing finds no resource.
    assert_eq!(call_service(&app, delete()).await.status(), 404);
    let app = assert_refusals_are_403!(
        "routes![]",
        App::new().service(routes![put_items, get_items])
    );
    assert_eq!(call_service(&app, delete()).await.status(), 403);
    let app = assert_refusals_are_403!(
        "Cors::new over #[cors]",
        App::new().wrap(Cors::new(app_policy())).service(put_items)
    );
    assert_eq!(call_service(&app, delete()).await.status(), 403);
    let app = assert_refusals_are_403!(
        "Cors::new",
        App::new()
            .wrap(Cors::new(
                Policy::builder().allow_origins([ROUTE]).build().unwrap()
            ))
            .route("/items", web::put().to(|| async { "put" }))
    );
    assert_eq!(call_service(&app, delete()).await.status(), 403);
}

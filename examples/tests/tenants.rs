//! The `tenants` app through real actix services: the database decides origins beside the static
//! list, concurrent requests from one origin share one query, and a tenant added through the
//! admin form is admitted on the next request.

// The example is one file to copy; its app is tested as it is written.
#[path = "../src/bin/tenants.rs"]
mod tenants;

use std::rc::Rc;

use actix_web::http::{Method, StatusCode, header};
use actix_web::{App, test, web};
use cors_testkit::{from_origin, preflight};

use tenants::Tenants;

macro_rules! app {
    ($tenants:expr) => {
        test::init_service(
            App::new()
                .app_data(web::Data::new($tenants))
                .configure(tenants::routes),
        )
        .await
    };
}

fn get_from(origin: &str) -> test::TestRequest {
    from_origin(Method::GET, "/api/projects", origin)
}

fn preflight_from(origin: &str) -> test::TestRequest {
    preflight("/api/projects", origin, "POST")
        .insert_header((header::ACCESS_CONTROL_REQUEST_HEADERS, "content-type"))
}

/// The admin form's POST, as the browser sends it from the admin page.
fn add_form(origin: &str, name: &str) -> test::TestRequest {
    test::TestRequest::post()
        .uri("/admin/tenants")
        .insert_header((header::ORIGIN, "http://localhost:8080"))
        .insert_header(("sec-fetch-site", "same-origin"))
        .set_form([("name", name), ("origin", origin)])
}

fn allowed_origin(res: &actix_web::dev::ServiceResponse) -> Option<&str> {
    cors_testkit::header(res, "access-control-allow-origin")
}

#[actix_web::test]
async fn a_tenant_added_through_the_admin_form_is_admitted_on_the_next_request() {
    let app = app!(Tenants::open(":memory:").unwrap());

    // Unknown: refused on preflights and actual requests; the refusal is now cached.
    let res = test::call_service(&app, get_from("https://new.example").to_request()).await;
    assert_eq!(res.status(), StatusCode::OK, "the handler runs");
    assert_eq!(allowed_origin(&res), None);
    assert_eq!(res.headers().get(header::VARY).unwrap(), "Origin");
    let res = test::call_service(&app, preflight_from("https://new.example").to_request()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(allowed_origin(&res), None);

    let res = test::call_service(&app, add_form("https://new.example", "New").to_request()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers().get(header::LOCATION).unwrap(), "/admin");

    // Within the cache's TTL: the add dropped the cached refusal.
    let res = test::call_service(&app, get_from("https://new.example").to_request()).await;
    assert_eq!(allowed_origin(&res), Some("https://new.example"));
    assert_eq!(res.headers().get(header::VARY).unwrap(), "Origin");
    let res = test::call_service(&app, preflight_from("https://new.example").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(allowed_origin(&res), Some("https://new.example"));
    assert_eq!(
        res.headers()
            .get(header::ACCESS_CONTROL_ALLOW_HEADERS)
            .unwrap(),
        "content-type"
    );

    // Others stay refused; the listed front end never needed the database.
    let res = test::call_service(&app, get_from("https://other.example").to_request()).await;
    assert_eq!(allowed_origin(&res), None);
    let res = test::call_service(&app, get_from("https://app.example.com").to_request()).await;
    assert_eq!(allowed_origin(&res), Some("https://app.example.com"));
}

#[actix_web::test]
async fn concurrent_requests_from_one_unknown_origin_cost_one_query() {
    let tenants = web::Data::new(Tenants::open(":memory:").unwrap());
    let app = Rc::new(
        test::init_service(
            App::new()
                .app_data(tenants.clone())
                .configure(tenants::routes),
        )
        .await,
    );

    // Every request is spawned before any runs, so all of them ask about the origin while the
    // first one's query is still out: they wait for its answer instead of asking again.
    let requests: Vec<_> = (0..100)
        .map(|_| {
            let app = Rc::clone(&app);
            actix_web::rt::spawn(async move {
                test::call_service(&*app, get_from("https://unknown.example").to_request()).await
            })
        })
        .collect();
    for request in requests {
        let res = request.await.unwrap();
        assert_eq!(res.status(), StatusCode::OK, "the handler runs");
        assert_eq!(allowed_origin(&res), None);
    }
    assert_eq!(tenants.queries(), 1, "100 requests, one query");

    // The refusal is cached; another origin is another query.
    let res = test::call_service(&*app, get_from("https://unknown.example").to_request()).await;
    assert_eq!(allowed_origin(&res), None);
    assert_eq!(tenants.queries(), 1);
    let res = test::call_service(&*app, get_from("https://other.example").to_request()).await;
    assert_eq!(allowed_origin(&res), None);
    assert_eq!(tenants.queries(), 2);
}

#[actix_web::test]
async fn the_admin_form_refuses_other_origins_and_bad_origins() {
    let app = app!(Tenants::open(":memory:").unwrap());

    // A page elsewhere posting the form: refused before anything is stored.
    for (site, origin) in [
        ("cross-site", "https://evil.example"),
        ("same-site", "http://127.0.0.1:3000"),
    ] {
        let req = test::TestRequest::post()
            .uri("/admin/tenants")
            .insert_header((header::ORIGIN, origin))
            .insert_header(("sec-fetch-site", site))
            .set_form([("name", "Evil"), ("origin", "https://evil.example")]);
        let res = test::call_service(&app, req.to_request()).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
    }
    let res = test::call_service(&app, get_from("https://evil.example").to_request()).await;
    assert_eq!(allowed_origin(&res), None);

    // Not an origin: the policy builder's own words.
    let res =
        test::call_service(&app, add_form("https://acme.example/", "Acme").to_request()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = test::read_body(res).await;
    assert!(
        String::from_utf8_lossy(&body)
            .contains("origin `https://acme.example/` has a path; write `https://acme.example`"),
        "{body:?}"
    );
    let res = test::call_service(
        &app,
        add_form("https://*.acme.example", "Acme").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Twice the same tenant.
    let res = test::call_service(&app, add_form("https://acme.example", "Acme").to_request()).await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = test::call_service(&app, add_form("https://acme.example", "Acme").to_request()).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[actix_web::test]
async fn the_admin_page_lists_the_tenants_escaped() {
    let app = app!(Tenants::open(":memory:").unwrap());
    let res = test::call_service(
        &app,
        add_form("https://acme.example", "<b>Acme</b>").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let req = test::TestRequest::get().uri("/admin").to_request();
    let body = test::call_and_read_body(&app, req).await;
    let page = String::from_utf8_lossy(&body);
    assert!(
        page.contains("<tr><td>&lt;b&gt;Acme&lt;/b&gt;</td><td>https://acme.example</td></tr>"),
        "{page}"
    );
    assert!(page.contains(r#"<form method="post" action="/admin/tenants">"#));
}

#[actix_web::test]
async fn tenants_in_a_database_file_outlive_the_process() {
    let path = std::env::temp_dir().join(format!("cors-tenants-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let path_str = path.to_str().unwrap();
    Tenants::open(path_str)
        .unwrap()
        .add("https://acme.example", "Acme")
        .await
        .unwrap();
    let app = app!(Tenants::open(path_str).unwrap());
    let res = test::call_service(&app, get_from("https://acme.example").to_request()).await;
    assert_eq!(allowed_origin(&res), Some("https://acme.example"));
    drop(app);
    let _ = std::fs::remove_file(&path);
}

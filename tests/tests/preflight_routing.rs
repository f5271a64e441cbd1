//! Preflights reach the policy of the handler they ask about, through real actix services.

use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, HttpResponse, Responder, get, post, web};
use cors_actix::cors;

#[cors(origins = ["https://app.example"], max_age = 600)]
#[get("/items")]
async fn list_items() -> impl Responder {
    "[]"
}

#[cors(origins = ["https://admin.example"], credentials = true, allow_headers = ["content-type"])]
#[post("/items")]
async fn create_item() -> impl Responder {
    HttpResponse::Created().body("made")
}

fn preflight(path: &str, origin: &str, method: &str) -> TestRequest {
    TestRequest::default()
        .method(Method::OPTIONS)
        .uri(path)
        .insert_header(("origin", origin))
        .insert_header(("access-control-request-method", method))
}

fn header<'a>(res: &'a actix_web::dev::ServiceResponse, name: &str) -> Option<&'a str> {
    res.headers().get(name).map(|v| v.to_str().unwrap())
}

#[actix_web::test]
async fn same_path_different_policies_answer_their_own_preflights() {
    let app = init_service(App::new().service(list_items).service(create_item)).await;

    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
    assert_eq!(header(&res, "access-control-max-age"), Some("600"));
    assert_eq!(header(&res, "access-control-allow-credentials"), None);

    let res = call_service(
        &app,
        preflight("/items", "https://admin.example", "POST")
            .insert_header(("access-control-request-headers", "content-type"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://admin.example")
    );
    assert_eq!(
        header(&res, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(header(&res, "access-control-allow-methods"), Some("POST"));
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("content-type")
    );

    let res = call_service(
        &app,
        preflight("/items", "https://app.example", "POST").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&res, "access-control-allow-origin"), None);

    let res = call_service(
        &app,
        TestRequest::get()
            .uri("/items")
            .insert_header(("origin", "https://app.example"))
            .to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        header(&res, "access-control-allow-origin"),
        Some("https://app.example")
    );
    assert_eq!(header(&res, "vary"), Some("Origin"));
    let _ = web::scope("/x");
}

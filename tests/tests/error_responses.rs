//! Every response of an annotated route carries CORS headers, errors included, so the browser
//! shows the real status instead of a CORS failure.

use std::future::{Ready, ready};

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::{Method, StatusCode};
use actix_web::test::{call_service, init_service, try_call_service};
use actix_web::{App, Error, HttpResponse, Responder, error, get, post, web};
use cors_actix::cors;
use cors_testkit::{assert_headers, from_origin, header};

const APP: &str = "https://app.example";

#[cors(origins = ["https://app.example"], credentials = true, expose_headers = ["x-request-id"])]
#[post("/typed")]
async fn typed(body: web::Json<u32>) -> impl Responder {
    format!("{body}")
}

#[cors(origins = ["https://app.example"])]
#[get("/fails")]
async fn fails() -> Result<HttpResponse, Error> {
    Err(error::ErrorServiceUnavailable("down for maintenance"))
}

/// A middleware that refuses every request with an error (as auth middleware does).
struct Refuse;

impl<S> Transform<S, ServiceRequest> for Refuse
where
    S: Service<ServiceRequest, Response = ServiceResponse, Error = Error>,
{
    type Response = ServiceResponse;
    type Error = Error;
    type Transform = RefuseService<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RefuseService { inner: service }))
    }
}

struct RefuseService<S> {
    inner: S,
}

impl<S> Service<ServiceRequest> for RefuseService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse, Error = Error>,
{
    type Response = ServiceResponse;
    type Error = Error;
    type Future = Ready<Result<ServiceResponse, Error>>;

    forward_ready!(inner);

    fn call(&self, _req: ServiceRequest) -> Self::Future {
        ready(Err(error::ErrorUnauthorized("no token")))
    }
}

#[cors(origins = ["https://app.example"])]
#[get("/guarded", wrap = "Refuse")]
async fn guarded() -> impl Responder {
    "never"
}

#[actix_web::test]
async fn extractor_rejection_gets_cors_headers() {
    let app = init_service(App::new().service(typed)).await;
    let req = from_origin(Method::POST, "/typed", APP)
        .insert_header(("content-type", "application/json"))
        .set_payload("not json")
        .to_request();
    let res = call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_headers(
        &res,
        &[
            ("access-control-allow-origin", Some(APP)),
            ("access-control-allow-credentials", Some("true")),
            ("access-control-expose-headers", Some("x-request-id")),
        ],
    );
}

#[actix_web::test]
async fn handler_error_gets_cors_headers() {
    let app = init_service(App::new().service(fails)).await;
    let res = call_service(&app, from_origin(Method::GET, "/fails", APP).to_request()).await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(header(&res, "vary"), Some("Origin"));
}

#[actix_web::test]
async fn inner_middleware_error_gets_cors_headers() {
    let app = init_service(App::new().service(guarded)).await;
    // Middleware errors stay errors (outer middleware still sees them); the server renders them
    // with `error_response()`, which carries the CORS headers.
    let render = |origin: &str| {
        let req = from_origin(Method::GET, "/guarded", origin).to_request();
        let app = &app;
        async move {
            try_call_service(app, req)
                .await
                .expect_err("refused")
                .error_response()
        }
    };
    let res = render(APP).await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&res, "access-control-allow-origin"), Some(APP));
    assert_eq!(header(&res, "vary"), Some("Origin"));
    // Disallowed origins still get only Vary.
    let res = render("https://evil.example").await;
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
    assert_eq!(header(&res, "vary"), Some("Origin"));
}

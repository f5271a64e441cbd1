//! Requests as a browser sends them, for an actix service under `actix_web::test`.

use actix_web::http::Method;
use actix_web::test::TestRequest;

/// A browser-shaped preflight: `OPTIONS` + `Origin` + `Access-Control-Request-Method`.
pub fn preflight(path: &str, origin: &str, method: &str) -> TestRequest {
    TestRequest::default()
        .method(Method::OPTIONS)
        .uri(path)
        .insert_header(("origin", origin))
        .insert_header(("access-control-request-method", method))
}

/// An actual request with an `Origin`.
pub fn from_origin(method: Method, path: &str, origin: &str) -> TestRequest {
    TestRequest::default()
        .method(method)
        .uri(path)
        .insert_header(("origin", origin))
}

//! An actix response's headers, read and asserted as the behaviour tests need: exact values,
//! every field line, and the absence of every CORS header.

use actix_web::HttpResponse;
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;

/// A response the readers and assertions take: what `actix_web::test` returns from a service
/// (`ServiceResponse`), or an `HttpResponse` (from an error's `error_response()`).
pub trait Response {
    /// Its status.
    fn status(&self) -> StatusCode;
    /// Its headers.
    fn headers(&self) -> &HeaderMap;
}

impl<B> Response for ServiceResponse<B> {
    fn status(&self) -> StatusCode {
        ServiceResponse::status(self)
    }

    fn headers(&self) -> &HeaderMap {
        ServiceResponse::headers(self)
    }
}

impl<B> Response for HttpResponse<B> {
    fn status(&self) -> StatusCode {
        HttpResponse::status(self)
    }

    fn headers(&self) -> &HeaderMap {
        HttpResponse::headers(self)
    }
}

/// The single value of `name`, if present.
pub fn header<'a>(res: &'a impl Response, name: &str) -> Option<&'a str> {
    res.headers()
        .get(name)
        .map(|v| v.to_str().expect("visible ASCII"))
}

/// Every field line of `name`.
pub fn all<'a>(res: &'a impl Response, name: &str) -> Vec<&'a str> {
    res.headers()
        .get_all(name)
        .map(|v| v.to_str().expect("visible ASCII"))
        .collect()
}

/// True when the response carries no CORS response header at all.
pub fn has_no_cors_headers(res: &impl Response) -> bool {
    res.headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-"))
}

/// Asserts every `(name, value)` of `expected`: `Some(v)` is the single field value of `name`,
/// `None` its absence. Reports every mismatch at once, with the response's status.
#[track_caller]
pub fn assert_headers(res: &impl Response, expected: &[(&str, Option<&str>)]) {
    let wrong: Vec<String> = expected
        .iter()
        .filter_map(|&(name, want)| {
            let got = header(res, name);
            (got != want).then(|| format!("{name}: got {got:?}, want {want:?}"))
        })
        .collect();
    assert!(
        wrong.is_empty(),
        "{} response:\n  {}",
        res.status(),
        wrong.join("\n  ")
    );
}

/// Asserts `status` and not a single CORS response header; `case` names the case in a failure.
#[track_caller]
pub fn assert_no_cors(res: &impl Response, status: StatusCode, case: &str) {
    assert_eq!(res.status(), status, "{case}");
    assert!(has_no_cors_headers(res), "{case}: {:?}", res.headers());
}

/// Asserts a refused preflight: `403` and no CORS response header.
#[track_caller]
pub fn assert_refused(res: &impl Response) {
    assert_no_cors(res, StatusCode::FORBIDDEN, "refused preflight");
}

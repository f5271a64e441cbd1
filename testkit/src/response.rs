//! An actix response's headers, read and asserted as the behaviour tests need: exact values,
//! every field line, and the absence of every CORS header.

use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;

/// The single value of `name`, if present.
pub fn header<'a, B>(res: &'a ServiceResponse<B>, name: &str) -> Option<&'a str> {
    res.headers()
        .get(name)
        .map(|v| v.to_str().expect("visible ASCII"))
}

/// Every field line of `name`.
pub fn all<'a, B>(res: &'a ServiceResponse<B>, name: &str) -> Vec<&'a str> {
    res.headers()
        .get_all(name)
        .map(|v| v.to_str().expect("visible ASCII"))
        .collect()
}

/// True when the response carries no CORS response header at all.
pub fn has_no_cors_headers<B>(res: &ServiceResponse<B>) -> bool {
    res.headers()
        .keys()
        .all(|k| !k.as_str().starts_with("access-control-"))
}

/// Asserts every `(name, value)` of `expected`: `Some(v)` is the single field value of `name`,
/// `None` its absence. Reports every mismatch at once, with the response's status.
#[track_caller]
pub fn assert_headers<B>(res: &ServiceResponse<B>, expected: &[(&str, Option<&str>)]) {
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
pub fn assert_no_cors<B>(res: &ServiceResponse<B>, status: StatusCode, case: &str) {
    assert_eq!(res.status(), status, "{case}");
    assert!(has_no_cors_headers(res), "{case}: {:?}", res.headers());
}

/// Asserts a refused preflight: `403` and no CORS response header.
#[track_caller]
pub fn assert_refused<B>(res: &ServiceResponse<B>) {
    assert_no_cors(res, StatusCode::FORBIDDEN, "refused preflight");
}

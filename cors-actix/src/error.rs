//! Errors from inner services that keep their CORS headers: they stay errors for outer
//! middleware, and still reach the browser readable.

use std::cell::RefCell;
use std::fmt;

use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::{Error, HttpResponse, ResponseError};

use crate::response::Pending;

/// An error from an inner service, carrying the CORS headers its response needs (or the
/// preflight answer that replaces it), so it stays an error for outer middleware and still
/// reaches the browser readable.
struct CorsError {
    cause: Error,
    routed: bool,
    headers: HeaderMap,
    replacement: RefCell<Option<HttpResponse>>,
}

impl fmt::Debug for CorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.cause, f)
    }
}

impl fmt::Display for CorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.cause, f)
    }
}

impl ResponseError for CorsError {
    fn status_code(&self) -> StatusCode {
        self.cause.as_response_error().status_code()
    }

    fn error_response(&self) -> HttpResponse {
        if let Some(replacement) = self.replacement.borrow_mut().take() {
            return replacement;
        }
        let mut response = self.cause.error_response();
        for (name, value) in &self.headers {
            response.headers_mut().append(name.clone(), value.clone());
        }
        response
    }
}

pub(crate) fn routed_error(error: &Error) -> bool {
    error.as_error::<CorsError>().is_some_and(|e| e.routed)
}

/// Attaches `pending` (or a replacement answer) to an inner error. Runs only on the error path.
pub(crate) fn decorate(
    cause: Error,
    routed: bool,
    pending: Option<Pending>,
    replacement: Option<HttpResponse>,
) -> Error {
    let mut headers = HeaderMap::new();
    if let Some(mut pending) = pending {
        let existing = cause.error_response();
        // Write onto the error's own headers, so Vary stays deduplicated, then keep only additions.
        let mut with_cors = existing.headers().clone();
        pending.write(&mut with_cors);
        for (name, value) in &with_cors {
            if !existing.headers().get_all(name).any(|v| v == value) {
                headers.append(name.clone(), value.clone());
            }
        }
    }
    CorsError {
        cause,
        routed,
        headers,
        replacement: RefCell::new(replacement),
    }
    .into()
}

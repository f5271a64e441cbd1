//! The response future shared by the route and app-wide middleware.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, ready};

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::ServiceResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse, ResponseError};
use pin_project_lite::pin_project;

use crate::response::Pending;

/// Request marker: an app- or scope-wide [`crate::Cors`] is above this request.
pub(crate) struct OuterCors;
/// Request marker: a route's own policy handled this request, so outer ones stay out.
pub(crate) struct RouteHandled;

/// A fact about the process that becomes true once and stays so: a conservative hint, read on
/// every request for the price of one load.
pub(crate) struct OnceTrue(AtomicBool);

impl OnceTrue {
    const fn new() -> OnceTrue {
        OnceTrue(AtomicBool::new(false))
    }

    pub(crate) fn set(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub(crate) fn get(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

/// Set by every registration of `#[cors]` routes, before their app serves a request. Until then
/// no route policy can claim a request, so an outer `Cors` answers preflights itself and skips
/// the request markers; once set, it defers to routing.
pub(crate) static ROUTE_POLICIES: OnceTrue = OnceTrue::new();

/// Set when a `Cors` middleware is built; until then no request can carry [`OuterCors`], and
/// routes skip looking for it.
pub(crate) static OUTER_POLICIES: OnceTrue = OnceTrue::new();

/// Marks `req` as handled by a route policy when an outer `Cors` will look for it.
pub(crate) fn mark_route_handled(req: &HttpRequest) {
    if OUTER_POLICIES.get() && req.extensions().contains::<OuterCors>() {
        req.extensions_mut().insert(RouteHandled);
    }
}

fn route_handled(req: &HttpRequest) -> bool {
    ROUTE_POLICIES.get() && req.extensions().contains::<RouteHandled>()
}

/// What to do once the inner service answered.
pub(crate) enum After {
    /// A route policy: write these headers.
    Route(Pending),
    /// An outer policy: write these headers unless a route policy handled the request.
    Outer(Pending),
    /// An outer policy and a preflight: this answer stands unless a route policy claimed it.
    OuterPreflight(HttpResponse),
}

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

fn routed_error(error: &Error) -> bool {
    error.as_error::<CorsError>().is_some_and(|e| e.routed)
}

/// Attaches `pending` (or a replacement answer) to an inner error. Runs only on the error path.
fn decorate(
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

pin_project! {
    /// Resolves to the inner service's response with CORS headers, or to a response the
    /// middleware produced itself.
    #[project = CorsFutureProj]
    pub enum CorsFuture<F> {
        /// Answered without calling the inner service.
        Answered { response: Option<ServiceResponse<BoxBody>> },
        /// Waiting for the inner service.
        Inner {
            #[pin]
            future: F,
            after: Option<After>,
        },
    }
}

impl<F> CorsFuture<F> {
    pub(crate) fn answered(response: ServiceResponse<BoxBody>) -> Self {
        CorsFuture::Answered {
            response: Some(response),
        }
    }

    pub(crate) fn inner(future: F, after: After) -> Self {
        CorsFuture::Inner {
            future,
            after: Some(after),
        }
    }
}

impl<F, B> Future for CorsFuture<F>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let (future, after) = match self.project() {
            CorsFutureProj::Answered { response } => {
                let response = response.take().expect("polled after completion");
                return Poll::Ready(Ok(response.map_into_right_body()));
            }
            CorsFutureProj::Inner { future, after } => (future, after),
        };
        let mut result = ready!(future.poll(cx));
        // Borrowed, not moved: a response moved out of `result` is copied whole.
        let Ok(response) = &mut result else {
            let Err(error) = result else {
                unreachable!("not Ok")
            };
            // Errors from inner middleware keep being errors, but render with CORS headers, so
            // the browser shows the real status instead of a CORS failure.
            return Poll::Ready(Err(match after.take().expect("polled after completion") {
                After::Route(pending) => decorate(error, true, Some(pending), None),
                _ if routed_error(&error) => error,
                After::Outer(pending) => decorate(error, false, Some(pending), None),
                After::OuterPreflight(answer) => decorate(error, false, None, Some(answer)),
            }));
        };
        // The headers are written from `after` in place: moving it out would copy it whole.
        match after.as_mut().expect("polled after completion") {
            After::Route(pending) => pending.write(response.headers_mut()),
            After::Outer(pending) => {
                if !route_handled(response.request()) {
                    pending.write(response.headers_mut());
                }
            }
            After::OuterPreflight(_) => {
                if !route_handled(response.request()) {
                    let (Some(After::OuterPreflight(answer)), Ok(response)) =
                        (after.take(), result)
                    else {
                        unreachable!("matched above")
                    };
                    let (request, _) = response.into_parts();
                    return Poll::Ready(Ok(
                        ServiceResponse::new(request, answer).map_into_right_body()
                    ));
                }
            }
        }
        *after = None;
        Poll::Ready(result.map(ServiceResponse::map_into_left_body))
    }
}

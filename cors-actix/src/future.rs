//! The response future shared by the route and app-wide middleware.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, ready};

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::ServiceResponse;
use actix_web::{Error, HttpMessage, HttpRequest};
use pin_project_lite::pin_project;

use crate::middleware::CorsInner;
use crate::response::Pending;

/// Request marker: an app- or scope-wide [`crate::Cors`] is above this request.
pub(crate) struct OuterCors;
/// Request marker: a route's own policy handled this request, so outer ones stay out.
pub(crate) struct RouteHandled;

/// Marks `req` as handled by a route policy when an outer `Cors` will look for it.
pub(crate) fn mark_route_handled(req: &HttpRequest) {
    if req.extensions().contains::<OuterCors>() {
        req.extensions_mut().insert(RouteHandled);
    }
}

fn route_handled(req: &HttpRequest) -> bool {
    req.extensions().contains::<RouteHandled>()
}

/// What to do once the inner service answered.
pub(crate) enum After {
    /// A route policy: write these headers.
    Route(Pending),
    /// An outer policy: write these headers unless a route policy handled the request.
    Outer(Pending),
    /// An outer policy and a preflight no route policy claimed: answer it from this policy.
    OuterPreflight(Arc<CorsInner>),
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
            request: HttpRequest,
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

    pub(crate) fn inner(future: F, request: HttpRequest, after: After) -> Self {
        CorsFuture::Inner {
            future,
            request,
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
        match self.project() {
            CorsFutureProj::Answered { response } => {
                let response = response.take().expect("polled after completion");
                Poll::Ready(Ok(response.map_into_right_body()))
            }
            CorsFutureProj::Inner {
                future,
                request,
                after,
            } => {
                // Errors from inner middleware become responses here, so they carry CORS
                // headers and the browser shows the real status instead of a CORS failure.
                let mut response = match ready!(future.poll(cx)) {
                    Ok(response) => response.map_into_left_body(),
                    Err(error) => {
                        ServiceResponse::from_err(error, request.clone()).map_into_right_body()
                    }
                };
                match after.take().expect("polled after completion") {
                    After::Route(pending) => pending.write(response.headers_mut()),
                    After::Outer(pending) => {
                        if !route_handled(response.request()) {
                            pending.write(response.headers_mut());
                        }
                    }
                    After::OuterPreflight(cors) => {
                        if !route_handled(response.request()) {
                            let request = response.request().clone();
                            let answer = cors.answer_preflight(&request);
                            response = ServiceResponse::new(request, answer).map_into_right_body();
                        }
                    }
                }
                Poll::Ready(Ok(response))
            }
        }
    }
}

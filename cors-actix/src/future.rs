//! The response future shared by the route and app-wide middleware.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use actix_web::Error;
use actix_web::HttpResponse;
use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::ServiceResponse;
use pin_project_lite::pin_project;

use crate::check::CheckFuture;
use crate::error::{decorate, routed_error};
use crate::markers::route_handled;
use crate::response::Pending;

/// What to do once the inner service answered.
pub(crate) enum After {
    /// A route policy: write these headers.
    Route(Pending),
    /// An outer policy: write these headers, unless `marked` (a `#[cors]` route may be below)
    /// and a route policy handled the request.
    Outer { pending: Pending, marked: bool },
    /// An outer policy and a preflight that a route's preflight resource should claim: this
    /// answer stands unless one did.
    OuterPreflight(HttpResponse),
}

pin_project! {
    /// Resolves to the inner service's response with CORS headers, or to a response the
    /// middleware produced itself.
    #[project = CorsFutureProj]
    pub enum CorsFuture<F, B> {
        /// Answered without calling the inner service.
        Answered { response: Option<ServiceResponse<BoxBody>> },
        /// Awaiting an async origin check, then the rest of the request.
        Checking { future: Checked<B> },
        /// Waiting for the inner service.
        Inner {
            #[pin]
            future: F,
            after: Option<After>,
        },
    }
}

/// The rest of a request whose async origin check is being awaited.
pub(crate) type Checked<B> =
    Pin<Box<dyn Future<Output = Result<ServiceResponse<EitherBody<B>>, Error>>>>;

impl<F, B> CorsFuture<F, B> {
    pub(crate) fn answered(response: ServiceResponse<BoxBody>) -> Self {
        CorsFuture::Answered {
            response: Some(response),
        }
    }

    /// Awaits an async origin check, then goes on with the request as `then` decides with
    /// the verdict.
    pub(crate) fn after_check<T>(check: CheckFuture, then: impl FnOnce(bool) -> T + 'static) -> Self
    where
        T: Future<Output = Result<ServiceResponse<EitherBody<B>>, Error>> + 'static,
    {
        CorsFuture::Checking {
            future: Box::pin(async move { then(check.await).await }),
        }
    }

    pub(crate) fn inner(future: F, after: After) -> Self {
        CorsFuture::Inner {
            future,
            after: Some(after),
        }
    }
}

impl<F, B> Future for CorsFuture<F, B>
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
            CorsFutureProj::Checking { future } => return future.as_mut().poll(cx),
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
                After::Outer { pending, .. } => decorate(error, false, Some(pending), None),
                After::OuterPreflight(answer) => decorate(error, false, None, Some(answer)),
            }));
        };
        // The headers are written from `after` in place: moving it out would copy it whole.
        match after.as_mut().expect("polled after completion") {
            After::Route(pending) => pending.write(response.headers_mut()),
            After::Outer { pending, marked } => {
                if !(*marked && route_handled(response.request())) {
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

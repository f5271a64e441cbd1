//! [`CorsFuture`]: the response future of every CORS service, a `#[cors]` route's and
//! [`crate::Cors`]'s. A request is answered at once, or runs the inner service and gets its CORS
//! headers; an async origin check that must be asked is polled first, then the request is decided
//! again with its verdict, as tower-http's `ResponseFuture` polls its origin predicate first.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use actix_web::Error;
use actix_web::body::BoxBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use pin_project_lite::pin_project;

use crate::error::{decorate, routed_error};
use crate::markers::route_handled;
use crate::origin_fn::CheckFuture;
use crate::response::{Answer, Pending};

/// A CORS service as its future sees it: it decides a request (again, once an async check
/// answered) and calls the inner service.
#[doc(hidden)]
pub trait Gate: Clone + 'static {
    /// The inner service's response body.
    type Body;
    /// The inner service's future.
    type Inner: Future<Output = Result<ServiceResponse<Self::Body>, Error>>;
    /// The response the service returns.
    type Response;

    /// The inner service's response, as the service returns it.
    fn inner_response(response: ServiceResponse<Self::Body>) -> Self::Response;

    /// A response the service produced itself, as it returns it.
    fn own_response(response: ServiceResponse<BoxBody>) -> Self::Response;

    /// Decides `req` with the verdicts of the async checks awaited so far.
    fn pass(&self, req: ServiceRequest, verdicts: Verdicts) -> CorsFuture<Self>;
}

/// What to do once the inner service answered.
#[doc(hidden)]
pub enum After {
    /// A route policy: write these headers.
    Route(Pending),
    /// An outer policy: write these headers, unless `marked` (a `#[cors]` route may be below)
    /// and a route policy handled the request.
    Outer { pending: Pending, marked: bool },
    /// An outer policy and a preflight that a route's own resource should claim: this answer
    /// stands unless one did.
    OuterPreflight(Answer),
}

pin_project! {
    /// Resolves to the inner service's response with CORS headers, or to a response the CORS
    /// service produced itself.
    #[project = CorsFutureProj]
    pub enum CorsFuture<G: Gate> {
        /// Answered without calling the inner service.
        Answered { response: Option<ServiceResponse<()>> },
        /// Awaiting an async origin check; then the request is decided again by the gate.
        Checking {
            check: CheckFuture,
            entry: usize,
            verdicts: Verdicts,
            rest: Option<(G, ServiceRequest)>,
        },
        /// Waiting for the inner service.
        Inner {
            #[pin]
            future: G::Inner,
            after: Option<After>,
        },
    }
}

impl<G: Gate> CorsFuture<G> {
    pub(crate) fn answered(response: ServiceResponse<()>) -> Self {
        CorsFuture::Answered {
            response: Some(response),
        }
    }

    /// Awaits `check` (of policy entry `entry`), then hands `req` back to `gate` with its verdict.
    pub(crate) fn checking(
        check: CheckFuture,
        entry: usize,
        verdicts: Verdicts,
        gate: G,
        req: ServiceRequest,
    ) -> Self {
        CorsFuture::Checking {
            check,
            entry,
            verdicts,
            rest: Some((gate, req)),
        }
    }

    pub(crate) fn inner(future: G::Inner, after: After) -> Self {
        CorsFuture::Inner {
            future,
            after: Some(after),
        }
    }
}

impl<G: Gate> Future for CorsFuture<G> {
    type Output = Result<G::Response, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        loop {
            let (future, after) = match self.as_mut().project() {
                CorsFutureProj::Answered { response } => {
                    let response = response.take().expect("polled after completion");
                    return Poll::Ready(Ok(G::own_response(response.map_into_boxed_body())));
                }
                CorsFutureProj::Checking {
                    check,
                    entry,
                    verdicts,
                    rest,
                } => {
                    let verdict = ready!(check.as_mut().poll(cx));
                    let verdicts = verdicts.with(*entry, verdict);
                    let (gate, req) = rest.take().expect("polled after completion");
                    let next = gate.pass(req, verdicts);
                    self.set(next);
                    continue;
                }
                CorsFutureProj::Inner { future, after } => (future, after),
            };
            // The output is worked on where `poll` wrote it: a moved response is copied whole.
            let mut output = future.poll(cx);
            let Poll::Ready(result) = &mut output else {
                return Poll::Pending;
            };
            if let Ok(response) = result
                && let Some(own) = write_headers::<G>(response, after)
            {
                return Poll::Ready(Ok(own));
            }
            let Poll::Ready(result) = output else {
                unreachable!("ready above")
            };
            return Poll::Ready(finish::<G>(result, after));
        }
    }
}

/// Writes the CORS headers `after` says onto the inner service's response, in place; `Some`
/// with the layer's own answer when that answer replaces the response (an outer preflight no
/// route claimed).
#[inline(always)]
fn write_headers<G: Gate>(
    response: &mut ServiceResponse<G::Body>,
    after: &mut Option<After>,
) -> Option<G::Response> {
    // Written from `after` in place: moving it out would copy it whole.
    match after.as_mut().expect("polled after completion") {
        After::Route(pending) => pending.write(response.headers_mut()),
        After::Outer { pending, marked } => {
            if !(*marked && route_handled(response.request())) {
                pending.write(response.headers_mut());
            }
        }
        After::OuterPreflight(_) => {
            if !route_handled(response.request()) {
                let Some(After::OuterPreflight(answer)) = after.take() else {
                    unreachable!("matched above")
                };
                let request = response.request().clone();
                let answer = ServiceResponse::new(request, answer.map_into_boxed_body());
                return Some(G::own_response(answer));
            }
        }
    }
    None
}

/// The inner service's result as the service returns it: a response (its headers written by
/// [`write_headers`]), or an error rendered with the CORS headers `after` says.
#[inline(always)]
fn finish<G: Gate>(
    result: Result<ServiceResponse<G::Body>, Error>,
    after: &mut Option<After>,
) -> Result<G::Response, Error> {
    let error = match result {
        Ok(response) => return Ok(G::inner_response(response)),
        Err(error) => error,
    };
    // Errors from inner middleware keep being errors, but render with CORS headers, so the
    // browser shows the real status instead of a CORS failure.
    Err(match after.take().expect("polled after completion") {
        After::Route(pending) => decorate(error, true, Some(pending), None),
        _ if routed_error(&error) => error,
        After::Outer { pending, .. } => decorate(error, false, Some(pending), None),
        After::OuterPreflight(answer) => {
            decorate(error, false, None, Some(answer.map_into_boxed_body()))
        }
    })
}

/// The verdicts of async checks awaited so far for one request, by policy entry (a route table's
/// path has one per route; every other policy is entry 0). Entries past 63 are never asked: an
/// async check there refuses.
#[derive(Clone, Copy, Debug, Default)]
#[doc(hidden)]
pub struct Verdicts {
    answered: u64,
    admitted: u64,
}

impl Verdicts {
    /// The verdict for `entry`, once its check was awaited.
    pub(crate) fn get(self, entry: usize) -> Option<bool> {
        let bit = 1u64.checked_shl(entry as u32)?;
        (self.answered & bit != 0).then_some(self.admitted & bit != 0)
    }

    /// With `entry`'s verdict recorded.
    pub(crate) fn with(self, entry: usize, admitted: bool) -> Verdicts {
        let bit = 1u64.checked_shl(entry as u32).unwrap_or(0);
        Verdicts {
            answered: self.answered | bit,
            admitted: if admitted {
                self.admitted | bit
            } else {
                self.admitted & !bit
            },
        }
    }

    /// Whether an async check for `entry` can be asked at all.
    pub(crate) fn can_ask(entry: usize) -> bool {
        entry < 64
    }
}

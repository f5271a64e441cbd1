//! `Cors`: one policy for everything under an `App`, `Scope` or `Resource` (`.wrap(Cors::new(..))`),
//! for routes without their own `#[cors]`. A route's own policy wins over it.

use std::cell::Cell;
use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::{Error, HttpMessage};

use crate::future::{After, CorsFuture};
use crate::markers::{OuterCors, app_has_route_policies, route_claims_preflight};
use crate::prepared::{Admission, PreparedPolicy};
use crate::shared::SharedPolicy;

/// App-, scope- or resource-wide CORS middleware.
///
/// ```
/// use actix_web::{App, web};
/// use cors_actix::{Cors, Policy};
///
/// let policy = Policy::builder().allow_origins(["https://app.example"]).build().unwrap();
/// let app = App::new().wrap(Cors::new(policy)).route("/", web::get().to(|| async { "ok" }));
/// ```
///
/// It answers preflights for everything under it that no `#[cors]` route claims, before routing,
/// so no handler runs for them (an `OPTIONS` route of your own included), and decorates actual
/// responses, except those of routes with their own `#[cors]` (the innermost policy wins). Which
/// preflights a `#[cors]` route claims is read from the app's own resource map: the same app
/// answers the same way whatever else the process registered.
/// Methods default to `GET, HEAD, POST` when the policy names none. With `enforce`, it refuses
/// disallowed cross-origin state-changing requests for everything under it, before routing.
#[derive(Clone, Debug)]
pub struct Cors {
    inner: Arc<PreparedPolicy>,
}

impl Cors {
    /// Wraps a policy: an owned [`cors_core::Policy`], a `&'static` one, or an `Arc`.
    pub fn new(policy: impl Into<SharedPolicy>) -> Cors {
        Cors {
            inner: Arc::new(PreparedPolicy::new(
                policy.into(),
                &cors_core::DEFAULT_METHODS,
            )),
        }
    }

    /// Debug mode: refused preflights (method, header, private network; never origin) answer
    /// with the policy's lists so the browser console names the failing check. Also turned on
    /// for every policy by the `CORS_ACTIX_DEBUG=1` environment variable. Off by default.
    pub fn debug(self, debug: bool) -> Cors {
        let inner = Arc::unwrap_or_clone(self.inner);
        Cors {
            inner: Arc::new(PreparedPolicy { debug, ..inner }),
        }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Cors
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = CorsMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CorsMiddleware {
            service,
            cors: self.inner.clone(),
            route_policies: Cell::new(None),
        }))
    }
}

/// The service [`Cors`] wraps around the inner one.
#[doc(hidden)]
pub struct CorsMiddleware<S> {
    service: S,
    cors: Arc<PreparedPolicy>,
    /// Whether this app registered any `#[cors]` route: learnt from its resource map on the
    /// first request (one middleware instance serves one app instance).
    route_policies: Cell<Option<bool>>,
}

impl<S> CorsMiddleware<S> {
    fn route_policies(&self, req: &ServiceRequest) -> bool {
        match self.route_policies.get() {
            Some(known) => known,
            None => {
                let known = app_has_route_policies(req);
                self.route_policies.set(Some(known));
                known
            }
        }
    }
}

impl<S, B> Service<ServiceRequest> for CorsMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = CorsFuture<S::Future>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let routes = self.route_policies(&req);
        let after = match self.cors.admit(&req) {
            // A route's own preflight resource comes first on this path: it answers, and this
            // answer is the fallback should it decline.
            Admission::Preflight(answer) if routes && route_claims_preflight(&req) => {
                After::OuterPreflight(answer)
            }
            Admission::Preflight(answer) | Admission::Refuse(answer) => {
                return CorsFuture::answered(req.into_response(answer));
            }
            Admission::Run(pending) => After::Outer {
                pending,
                marked: routes,
            },
        };
        if routes {
            req.extensions_mut().insert(OuterCors);
        }
        CorsFuture::inner(self.service.call(req), after)
    }
}

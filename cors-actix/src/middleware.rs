//! `Cors`: one policy for everything under an `App`, `Scope` or `Resource` (`.wrap(Cors::new(..))`),
//! for routes without their own `#[cors]`. A route's own policy wins over it.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::{Error, HttpMessage};

use crate::future::{After, CorsFuture, OUTER_POLICIES, OuterCors, ROUTE_POLICIES};
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
/// It answers preflights for everything under it that no `#[cors]` route claims, and decorates
/// actual responses, except those of routes with their own `#[cors]` (the innermost policy wins).
/// While no `#[cors]` route has been registered in the process, no route can claim a preflight,
/// so it answers preflights before routing, and no handler runs for them; once one exists, it
/// lets routing see each preflight first and answers those no route policy claimed (an
/// `OPTIONS` handler of your own on that path then runs, and its answer is replaced).
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
                &cors_core::evaluate::DEFAULT_METHODS,
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
        OUTER_POLICIES.set();
        ready(Ok(CorsMiddleware {
            service,
            cors: self.inner.clone(),
        }))
    }
}

/// The service [`Cors`] wraps around the inner one.
#[doc(hidden)]
pub struct CorsMiddleware<S> {
    service: S,
    cors: Arc<PreparedPolicy>,
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
        let defer = ROUTE_POLICIES.get();
        let after = match self.cors.admit(&req) {
            // A route below may have its own policy: routing decides first, this answer is the fallback.
            Admission::Preflight(answer) if defer => After::OuterPreflight(answer),
            Admission::Preflight(answer) | Admission::Refuse(answer) => {
                return CorsFuture::answered(req.into_response(answer));
            }
            Admission::Run(pending) => After::Outer(pending),
        };
        if defer {
            req.extensions_mut().insert(OuterCors);
        }
        CorsFuture::inner(self.service.call(req), after)
    }
}

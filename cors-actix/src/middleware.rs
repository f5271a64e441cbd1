//! `Cors`: one policy for everything under an `App`, `Scope` or `Resource` (`.wrap(Cors::new(..))`),
//! for routes without their own `#[cors]`. A route's own policy wins over it.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::{Error, HttpMessage, HttpRequest, HttpResponse};
use cors_core::{Decision, NameList};

use crate::future::{After, CorsFuture, OuterCors};
use crate::request::Head;
use crate::response::{Pending, PreparedValues, write_preflight};
use crate::shared::SharedPolicy;

/// A policy with its prepared header values, for one set of route methods.
#[derive(Debug)]
pub(crate) struct CorsInner {
    pub(crate) policy: SharedPolicy,
    pub(crate) route_methods: &'static NameList,
    pub(crate) values: PreparedValues,
}

impl CorsInner {
    pub(crate) fn new(policy: SharedPolicy, route_methods: &'static NameList) -> CorsInner {
        let values = PreparedValues::new(&policy, route_methods);
        CorsInner {
            policy,
            route_methods,
            values,
        }
    }

    pub(crate) fn decide<'a>(&'a self, head: &'a Head<'a>) -> Decision<'a> {
        self.policy.evaluate_for_route(head, self.route_methods)
    }

    /// `204` with the CORS headers, or `403` with none and an empty body.
    pub(crate) fn answer_preflight(&self, req: &HttpRequest) -> HttpResponse {
        let head = Head(req.head());
        match self.decide(&head) {
            Decision::PreflightAccepted(plan) => {
                let mut response = HttpResponse::NoContent().finish();
                write_preflight(
                    &plan,
                    &self.values,
                    None,
                    req.head(),
                    response.headers_mut(),
                );
                response
            }
            _ => HttpResponse::Forbidden().finish(),
        }
    }
}

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
/// Methods default to `GET, HEAD, POST` when the policy names none.
#[derive(Clone, Debug)]
pub struct Cors {
    inner: Arc<CorsInner>,
}

impl Cors {
    /// Wraps a policy: an owned [`cors_core::Policy`], a `&'static` one, or an `Arc`.
    pub fn new(policy: impl Into<SharedPolicy>) -> Cors {
        Cors {
            inner: Arc::new(CorsInner::new(
                policy.into(),
                &cors_core::evaluate::DEFAULT_METHODS,
            )),
        }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Cors
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<actix_web::body::EitherBody<B>>;
    type Error = Error;
    type Transform = CorsMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
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
    cors: Arc<CorsInner>,
}

impl<S, B> Service<ServiceRequest> for CorsMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<actix_web::body::EitherBody<B>>;
    type Error = Error;
    type Future = CorsFuture<S::Future>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let head = Head(req.head());
        let after = match self.cors.decide(&head) {
            // A route below may have its own policy: let routing decide first.
            Decision::PreflightAccepted(_) | Decision::PreflightRejected(_) => {
                After::OuterPreflight(self.cors.answer_preflight(req.request()))
            }
            Decision::NotCors(plan) | Decision::Actual { plan, .. } => {
                After::Outer(Pending::new(&plan, &self.cors.values, req.head()))
            }
        };
        req.extensions_mut().insert(OuterCors);
        CorsFuture::inner(self.service.call(req), after)
    }
}

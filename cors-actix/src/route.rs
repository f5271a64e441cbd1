//! The middleware `#[cors]` puts on its route's own resource.

use std::future::{Ready, ready};
use std::rc::Rc;
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{
    AppService, HttpServiceFactory, Service, ServiceRequest, ServiceResponse, Transform,
    forward_ready,
};
use actix_web::{Error, Resource};
use cors_core::NameList;

use crate::future::{After, CorsFuture};
use crate::handler::CorsHandler;
use crate::markers::mark_route_handled;
use crate::prepared::{Admission, PreparedPolicy};

/// The middleware `#[cors]` puts on its route (outermost, so inner middleware errors get CORS
/// headers too).
#[doc(hidden)]
pub struct RouteCors {
    inner: Arc<PreparedPolicy>,
}

impl RouteCors {
    /// The middleware for a route of `handler` serving `methods`: its policy (or none, for
    /// `off`) and its origin check.
    pub fn of(handler: &CorsHandler, methods: &'static NameList) -> RouteCors {
        let prepared = match handler.policy.resolve().shared() {
            Some(policy) => PreparedPolicy::new(policy, methods),
            None => PreparedPolicy::off(methods),
        };
        RouteCors {
            inner: Arc::new(prepared.checked(handler.check.map(Into::into))),
        }
    }
}

impl<S, B> Transform<S, ServiceRequest> for RouteCors
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = RouteCorsMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RouteCorsMiddleware {
            service: Rc::new(service),
            cors: self.inner.clone(),
        }))
    }
}

/// The service [`RouteCors`] wraps around a route's resource.
#[doc(hidden)]
pub struct RouteCorsMiddleware<S> {
    service: Rc<S>,
    cors: Arc<PreparedPolicy>,
}

impl<S, B> Service<ServiceRequest> for RouteCorsMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = CorsFuture<S::Future, B>;

    forward_ready!(service);

    // Out of line, as before the async path existed: inlined into actix's `Apply`, the future
    // it returns is built on the stack and copied (measured: 30 more instructions a request).
    #[inline(never)]
    fn call(&self, req: ServiceRequest) -> Self::Future {
        mark_route_handled(req.request());
        call_route(&self.service, &self.cors, req, None)
    }
}

/// The route policy's part of a request; `known` is an async check's verdict once awaited.
#[inline(always)]
fn call_route<S, B>(
    service: &Rc<S>,
    cors: &Arc<PreparedPolicy>,
    req: ServiceRequest,
    known: Option<bool>,
) -> CorsFuture<S::Future, B>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    {
        match cors.admit(&req, known) {
            Admission::Check(check) => {
                let (service, cors) = (service.clone(), cors.clone());
                CorsFuture::after_check(check, move |verdict| {
                    call_route(&service, &cors, req, Some(verdict))
                })
            }
            // A preflight (only a route serving OPTIONS sees them here) or an enforced refusal.
            Admission::Preflight(response) | Admission::Refuse(response) => {
                CorsFuture::answered(req.into_response(response))
            }
            Admission::Run(pending) => CorsFuture::inner(service.call(req), After::Route(pending)),
        }
    }
}

/// Registers a resource wrapped in [`RouteCors`]: the shape actix's route attribute generates
/// for every `#[cors]` route, written here so that this crate compiles it. Nothing calls it;
/// dev builds share generic instantiations between crates, so the user's crate links to the
/// wrapped resource's registration, the middleware's service and its future compiled here,
/// instead of compiling its own copy of them.
#[doc(hidden)]
pub fn register_route_resource(config: &mut AppService, resource: Resource, cors: RouteCors) {
    HttpServiceFactory::register(resource.wrap(cors), config);
}

//! What `#[cors]` expands into at run time: the route's own middleware, and the preflight
//! resources that answer `OPTIONS` for the route's paths without running any handler.

use std::future::{Ready, ready};
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{
    AppService, HttpServiceFactory, Service, ServiceRequest, ServiceResponse, Transform,
    forward_ready,
};
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::{Method, header};
use actix_web::{Error, HttpRequest, HttpResponse, Resource};
use cors_core::{NameList, Policy, RejectReason};

use crate::diagnostics::{Refused, refused};
use crate::future::{After, CorsFuture, mark_route_handled};
use crate::prepared::{Admission, PreparedPolicy};
use crate::table::CorsRoute;

/// The middleware `#[cors]` puts on its route (outermost, so inner middleware errors get CORS
/// headers too).
#[doc(hidden)]
pub struct RouteCors {
    inner: Arc<PreparedPolicy>,
}

impl RouteCors {
    /// The middleware for a route serving `methods` under `policy`.
    pub fn new(policy: &'static Policy, methods: &'static NameList) -> RouteCors {
        RouteCors {
            inner: Arc::new(PreparedPolicy::new(policy.into(), methods)),
        }
    }
}

impl<S, B> Transform<S, ServiceRequest> for RouteCors
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = RouteCorsMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(RouteCorsMiddleware {
            service,
            cors: self.inner.clone(),
        }))
    }
}

/// The service [`RouteCors`] wraps around a route's resource.
#[doc(hidden)]
pub struct RouteCorsMiddleware<S> {
    service: S,
    cors: Arc<PreparedPolicy>,
}

impl<S, B> Service<ServiceRequest> for RouteCorsMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = CorsFuture<S::Future>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        mark_route_handled(req.request());
        match self.cors.admit(&req) {
            // A preflight (only a route serving OPTIONS sees them here) or an enforced refusal.
            Admission::Answer(response) => CorsFuture::answered(req.into_response(response)),
            Admission::Run(pending) => {
                CorsFuture::inner(self.service.call(req), After::Route(pending))
            }
        }
    }
}

/// Claims real preflights on a path: `OPTIONS` + `Origin` + an `Access-Control-Request-Method`
/// naming one of `methods` (or any, for merged route tables).
struct PreflightGuard {
    methods: Option<Vec<&'static str>>,
}

impl Guard for PreflightGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        let head = ctx.head();
        if head.method != Method::OPTIONS || !head.headers().contains_key(header::ORIGIN) {
            return false;
        }
        let Some(requested) = head.headers().get(header::ACCESS_CONTROL_REQUEST_METHOD) else {
            return false;
        };
        match &self.methods {
            None => true,
            Some(methods) => methods.iter().any(|m| m.as_bytes() == requested.as_bytes()),
        }
    }
}

/// The policies serving one path, and the ACAM each subset of them yields.
struct PathPreflight {
    entries: Vec<(PreparedPolicy, Vec<&'static str>)>,
    /// ACAM for each bitmask of entries allowing the origin (up to [`MAX_MASKED`] entries).
    unions: Vec<header::HeaderValue>,
}

/// Entries beyond this many answer with their own methods instead of the path's union.
const MAX_MASKED: usize = 6;

impl PathPreflight {
    fn new(routes: &[&CorsRoute]) -> PathPreflight {
        let entries: Vec<(PreparedPolicy, Vec<&'static str>)> = routes
            .iter()
            .map(|r| {
                (
                    PreparedPolicy::new(r.policy.into(), r.methods),
                    r.effective_methods(),
                )
            })
            .collect();
        let mut unions = Vec::new();
        if entries.len() <= MAX_MASKED {
            for mask in 0..1usize << entries.len() {
                let mut methods: Vec<&str> = Vec::new();
                for (i, (_, effective)) in entries.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        methods.extend(
                            effective
                                .iter()
                                .filter(|m| !methods.contains(m))
                                .collect::<Vec<_>>(),
                        );
                    }
                }
                unions.push(
                    header::HeaderValue::from_str(&methods.join(", ")).expect("method tokens"),
                );
            }
        }
        PathPreflight { entries, unions }
    }

    /// Dispatches on the requested method to the policy of the route serving it.
    fn answer(&self, req: &HttpRequest) -> HttpResponse {
        mark_route_handled(req);
        let headers = req.head().headers();
        let origin = headers
            .get(header::ORIGIN)
            .map(|o| o.as_bytes())
            .unwrap_or_default();
        let requested = headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .map(|m| m.as_bytes())
            .unwrap_or_default();
        let serving = |(cors, _): &&(PreparedPolicy, Vec<&'static str>)| {
            cors.route_methods.contains(requested)
        };
        let chosen = self
            .entries
            .iter()
            .filter(serving)
            .find(|(cors, _)| cors.policy.allows_origin(origin))
            .or_else(|| self.entries.iter().find(serving));
        let Some((cors, _)) = chosen else {
            let reason = RejectReason::MethodNotAllowed(requested);
            refused(req.head(), Refused::Preflight, &reason);
            return HttpResponse::Forbidden().finish();
        };
        let mask = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, (c, _))| c.policy.allows_origin(origin))
            .fold(0usize, |mask, (i, _)| mask | (1 << i));
        cors.answer_preflight(req, self.unions.get(mask))
    }
}

/// Registers one preflight resource per distinct path of `routes`. With `claim_all`, the
/// resource answers every preflight on its path (a merged route table: unserved methods get
/// `403`); otherwise only those naming the routes' own methods, so other handlers on the same
/// path keep theirs.
pub(crate) fn register_preflights(config: &mut AppService, routes: &[CorsRoute], claim_all: bool) {
    let mut paths: Vec<&'static str> = Vec::new();
    for route in routes {
        if !paths.contains(&route.path) {
            paths.push(route.path);
        }
    }
    for path in paths {
        let on_path: Vec<&CorsRoute> = routes.iter().filter(|r| r.path == path).collect();
        let methods = (!claim_all).then(|| {
            let mut methods: Vec<&'static str> = Vec::new();
            for route in &on_path {
                methods.extend(
                    route
                        .methods
                        .iter()
                        .filter(|m| !methods.contains(m))
                        .collect::<Vec<_>>(),
                );
            }
            methods
        });
        let preflight = Arc::new(PathPreflight::new(&on_path));
        let resource = Resource::new(path)
            .guard(PreflightGuard { methods })
            .to(move |req: HttpRequest| ready(preflight.answer(&req)));
        HttpServiceFactory::register(resource, config);
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

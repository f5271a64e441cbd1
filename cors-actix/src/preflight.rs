//! The preflight resources `#[cors]` and `routes!` register: they answer `OPTIONS` preflights
//! for a path from the policies of the routes serving it, without running any handler.

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use actix_web::dev::{
    AppService, ResourceDef, Service, ServiceFactory, ServiceRequest, ServiceResponse, always_ready,
};
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::{Method, header};
use actix_web::{Error, HttpRequest, HttpResponse};
use cors_core::RejectReason;

use crate::cors_route::CorsRoute;
use crate::diagnostics::{Refused, refused};
use crate::markers::{PREFLIGHT_RESOURCE, mark_route_handled};
use crate::prepared::PreparedPolicy;

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
    /// The resource's guard admits only methods the routes serve (not a merged route table).
    methods_guarded: bool,
    /// Some route on the path has an async origin check, which may have to be awaited.
    async_checks: bool,
}

/// Entries beyond this many answer with their own methods instead of the path's union.
const MAX_MASKED: usize = 6;

impl PathPreflight {
    fn new(routes: &[&CorsRoute], methods_guarded: bool) -> PathPreflight {
        let entries: Vec<(PreparedPolicy, Vec<&'static str>)> = routes
            .iter()
            .map(|r| {
                let prepared = match r.policy() {
                    Some(policy) => PreparedPolicy::new(policy, r.methods),
                    None => PreparedPolicy::off(r.methods),
                };
                (
                    prepared.checked(r.check.map(Into::into)),
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
        let async_checks = entries
            .iter()
            .any(|(cors, _)| matches!(cors.check, Some(crate::check::OriginCheck::Async(_))));
        PathPreflight {
            entries,
            unions,
            methods_guarded,
            async_checks,
        }
    }

    /// The async origin checks this preflight must await first, by entry.
    fn pending_checks(&self, req: &HttpRequest) -> Vec<(usize, crate::check::CheckFuture)> {
        self.entries
            .iter()
            .enumerate()
            .filter_map(|(i, (cors, _))| cors.pending_check(req).map(|check| (i, check)))
            .collect()
    }

    /// Dispatches on the requested method to the policy of the route serving it; `known`
    /// holds the verdicts of async checks already awaited, by entry.
    fn answer(&self, req: &HttpRequest, known: &[Option<bool>]) -> HttpResponse {
        mark_route_handled(req);
        let known_of = |i: usize| known.get(i).copied().flatten();
        if let ([(cors, _)], true) = (self.entries.as_slice(), self.methods_guarded) {
            // One route on the path, and the guard checked it serves the method: if its policy
            // refuses the origin the preflight is refused, so only the union "this entry" is used.
            // A handle's policy may have changed its methods since startup: it answers with its own.
            let union = if cors.is_live() {
                None
            } else {
                self.unions.get(1)
            };
            return cors.answer_preflight(req, union, known_of(0));
        }
        let headers = req.head().headers();
        let origin = headers
            .get(header::ORIGIN)
            .map(|o| o.as_bytes())
            .unwrap_or_default();
        let requested = headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .map(|m| m.as_bytes())
            .unwrap_or_default();
        // Which of the first MAX_MASKED entries allow the origin, each asked once.
        let allowing = self
            .entries
            .iter()
            .take(MAX_MASKED)
            .enumerate()
            .filter(|(i, (c, _))| c.admits_origin(origin, req, known_of(*i)))
            .fold(0usize, |mask, (i, _)| mask | (1 << i));
        type Entry<'e> = (usize, &'e (PreparedPolicy, Vec<&'static str>));
        let serving = |(_, (cors, _)): &Entry<'_>| cors.route_methods.contains(requested);
        let allows = |(i, (cors, _)): &Entry<'_>| {
            if *i < MAX_MASKED {
                allowing & (1 << i) != 0
            } else {
                cors.admits_origin(origin, req, known_of(*i))
            }
        };
        let chosen = self
            .entries
            .iter()
            .enumerate()
            .filter(serving)
            .find(allows)
            .or_else(|| self.entries.iter().enumerate().find(serving));
        let Some((i, (cors, _))) = chosen else {
            let reason = RejectReason::MethodNotAllowed(requested);
            refused(req.head(), Refused::Preflight, &reason);
            return HttpResponse::Forbidden().finish();
        };
        cors.answer_preflight(req, self.unions.get(allowing), known_of(i))
    }
}

/// The service behind a path's preflight resource: it answers from the policies directly, with
/// no route, extractor or handler future in between.
#[derive(Clone)]
struct PreflightService(Rc<PathPreflight>);

impl ServiceFactory<ServiceRequest> for PreflightService {
    type Response = ServiceResponse;
    type Error = Error;
    type Config = ();
    type Service = PreflightService;
    type InitError = ();
    type Future = Ready<Result<PreflightService, ()>>;

    fn new_service(&self, _: ()) -> Self::Future {
        ready(Ok(self.clone()))
    }
}

impl Service<ServiceRequest> for PreflightService {
    type Response = ServiceResponse;
    type Error = Error;
    type Future = PreflightFuture;

    always_ready!();

    fn call(&self, req: ServiceRequest) -> Self::Future {
        let pending = if self.0.async_checks {
            self.0.pending_checks(req.request())
        } else {
            let response = self.0.answer(req.request(), &[]);
            return PreflightFuture::Ready(ready(Ok(req.into_response(response))));
        };
        if pending.is_empty() {
            let response = self.0.answer(req.request(), &[]);
            return PreflightFuture::Ready(ready(Ok(req.into_response(response))));
        }
        // An async origin check must be asked: await each, then answer with the verdicts.
        let preflight = self.0.clone();
        PreflightFuture::Checking(Box::pin(async move {
            let mut known = vec![None; preflight.entries.len()];
            for (i, check) in pending {
                known[i] = Some(check.await);
            }
            let response = preflight.answer(req.request(), &known);
            Ok(req.into_response(response))
        }))
    }
}

/// A preflight's answer: at once, or after its async origin checks.
pub(crate) enum PreflightFuture {
    Ready(Ready<Result<ServiceResponse, Error>>),
    Checking(Pin<Box<dyn Future<Output = Result<ServiceResponse, Error>>>>),
}

impl Future for PreflightFuture {
    type Output = Result<ServiceResponse, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            PreflightFuture::Ready(ready) => Pin::new(ready).poll(cx),
            PreflightFuture::Checking(future) => future.as_mut().poll(cx),
        }
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
        // As `Resource::register` does: a leading slash unless the path is a scope's own "".
        let pattern = if path.is_empty() || path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        };
        let preflight = PathPreflight::new(&on_path, methods.is_some());
        let guard: Box<dyn Guard> = Box::new(PreflightGuard { methods });
        let service = PreflightService(Rc::new(preflight));
        // Named, so an outer `Cors` can ask the app's resource map whether routing will reach it.
        let mut resource = ResourceDef::new(pattern);
        resource.set_name(PREFLIGHT_RESOURCE);
        config.register_service(resource, Some(vec![guard]), service, None);
    }
}

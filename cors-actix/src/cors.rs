//! `Cors`: one policy for everything under an `App`, `Scope` or `Resource` (`.wrap(Cors::new(..))`),
//! for routes without their own `#[cors]`. A route's own policy wins over it.

use std::future::{Future, Ready, ready};
use std::rc::Rc;
use std::sync::Arc;

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, forward_ready};
use actix_web::http::Method;
use actix_web::{Error, HttpMessage, HttpRequest};

use crate::active_policy::{ActivePolicy, Step};
use crate::markers::{OuterCors, RouteClaims};
use crate::origin_fn::OriginCheck;
use crate::response_future::{After, CorsFuture, Gate, Verdicts};
use crate::shared_policy::SharedPolicy;

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
    inner: Arc<ActivePolicy>,
}

impl Cors {
    /// Wraps a policy: an owned [`cors_core::Policy`], a `&'static` one, an `Arc`, or a
    /// [`crate::PolicyHandle`] (each request then reads the handle's current policy).
    pub fn new(policy: impl Into<SharedPolicy>) -> Cors {
        Cors {
            inner: Arc::new(ActivePolicy::new(
                Some(policy.into()),
                &cors_core::DEFAULT_METHODS,
                None,
            )),
        }
    }

    /// A run-time origin check beside the policy's list, for origins known only at run time
    /// (tenants, customers): `f(origin, &req)` is asked only about a well-formed serialized
    /// origin the list refuses (never a malformed one, nor `null`), on preflights and actual
    /// requests alike, and `true` admits it exactly as a listed origin (mirrored byte for byte,
    /// `Access-Control-Allow-Credentials` with credentials, never `*`).
    ///
    /// Build the policy with
    /// [`PolicyBuilder::origin_check`](crate::PolicyBuilder::origin_check) to leave `origins`
    /// out. Replaces any check set before.
    ///
    /// # Panics
    ///
    /// When the policy admits any origin (`*`): the check would never run.
    ///
    /// ```
    /// use actix_web::{App, web};
    /// use cors_actix::{Cors, Policy};
    ///
    /// let policy = Policy::builder().allow_origins(["https://app.example"]).build().unwrap();
    /// let cors = Cors::new(policy).origin_fn(|origin, _req| origin.ends_with(".tenants.example"));
    /// let app = App::new().wrap(cors).route("/", web::get().to(|| async { "ok" }));
    /// ```
    pub fn origin_fn(self, f: impl Fn(&str, &HttpRequest) -> bool + Send + Sync + 'static) -> Cors {
        self.with_check(OriginCheck::sync(f))
    }

    /// [`Cors::origin_fn`] for a check that awaits (a database, a service): `f(origin, req)`
    /// returns a future of the verdict, awaited before the handler runs or the preflight is
    /// answered. The origin and request are cloned only when the check is asked; a listed
    /// origin costs no allocation. Panics as [`Cors::origin_fn`] does.
    ///
    /// ```
    /// use actix_web::{App, HttpRequest, web};
    /// use cors_actix::{Cors, Policy};
    ///
    /// async fn is_tenant(origin: String, _req: HttpRequest) -> bool {
    ///     origin == "https://acme.example" // e.g. a database lookup
    /// }
    ///
    /// let policy = Policy::builder().origin_check(true).build().unwrap();
    /// let app = App::new()
    ///     .wrap(Cors::new(policy).origin_fn_async(is_tenant))
    ///     .route("/", web::get().to(|| async { "ok" }));
    /// ```
    pub fn origin_fn_async<F, Fut>(self, f: F) -> Cors
    where
        F: Fn(String, HttpRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = bool> + 'static,
    {
        self.with_check(OriginCheck::asynchronous(f))
    }

    fn with_check(self, check: OriginCheck) -> Cors {
        // What `#[cors]` refuses at compile time and the builder at run time: a check that can
        // never run is a policy mistake, so it stops the app where it is built.
        assert!(
            !self.inner.admits_any_origin(),
            "cors-actix: an origin check beside an any-origin policy never runs; list the \
             origins instead of `*` (or build the policy with `origin_check(true)`)"
        );
        let inner = Arc::unwrap_or_clone(self.inner);
        Cors {
            inner: Arc::new(inner.with_check(check)),
        }
    }

    /// Debug mode: refused preflights (method, header, private network; never origin) answer
    /// with the policy's lists so the browser console names the failing check. Also turned on
    /// for every policy by the `CORS_ACTIX_DEBUG=1` environment variable. Off by default.
    pub fn debug(self, debug: bool) -> Cors {
        let inner = Arc::unwrap_or_clone(self.inner);
        Cors {
            inner: Arc::new(inner.with_debug(debug)),
        }
    }
}

impl<S, B> Transform<S, ServiceRequest> for Cors
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = CorsMiddleware<S>;
    type InitError = ();
    type Future = Ready<Result<Self::Transform, Self::InitError>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CorsMiddleware {
            service: Rc::new(service),
            cors: self.inner.clone(),
            routes: Rc::default(),
        }))
    }
}

/// The service [`Cors`] wraps around the inner one.
#[doc(hidden)]
pub struct CorsMiddleware<S> {
    service: Rc<S>,
    cors: Arc<ActivePolicy>,
    /// What this app's `#[cors]` routes claim, learnt from its resource map.
    routes: Rc<RouteClaims>,
}

impl<S> Clone for CorsMiddleware<S> {
    fn clone(&self) -> Self {
        CorsMiddleware {
            service: self.service.clone(),
            cors: self.cors.clone(),
            routes: self.routes.clone(),
        }
    }
}

impl<S, B> Gate for CorsMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Body = B;
    type Inner = S::Future;
    type Response = ServiceResponse<EitherBody<B>>;

    fn inner_response(response: ServiceResponse<B>) -> Self::Response {
        response.map_into_left_body()
    }

    fn own_response(response: ServiceResponse) -> Self::Response {
        response.map_into_right_body()
    }

    #[inline(always)]
    fn pass(&self, req: ServiceRequest, verdicts: Verdicts) -> CorsFuture<Self> {
        let routes = self.routes.app_has_route_policies(&req);
        let after = match self.cors.decide(&req, verdicts.get(0)) {
            Step::Run(pending) => After::Outer {
                pending,
                marked: routes,
            },
            // A route's own resource comes first on this path: it answers, and this answer is
            // the fallback should it decline.
            Step::Answer(answer)
                if routes
                    && req.method() == Method::OPTIONS
                    && self.routes.route_claims_preflight(&req) =>
            {
                After::OuterPreflight(answer)
            }
            Step::Answer(answer) => {
                return CorsFuture::answered(req.into_response(answer));
            }
            Step::Ask { check, entry } => {
                return CorsFuture::checking(check, entry, verdicts, self.clone(), req);
            }
        };
        if routes {
            req.extensions_mut().insert(OuterCors);
        }
        CorsFuture::inner(self.service.call(req), after)
    }
}

impl<S, B> Service<ServiceRequest> for CorsMiddleware<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = CorsFuture<Self>;

    forward_ready!(service);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        self.pass(req, Verdicts::default())
    }
}

//! What a `#[cors]` route registers: one resource per route attribute, whose service runs the
//! handler through the route's policy and answers the preflights its guard claims. The handler's
//! own actix [`Route`] is the inner service, so a request meets no resource, middleware or boxed
//! future beyond what a plain actix route has.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{
    AppService, ResourceDef, Service, ServiceFactory, ServiceRequest, ServiceResponse,
    forward_ready,
};
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::Method;

use crate::active_policy::{ActivePolicy, Step};
use crate::markers::{mark_route_handled, route_names};

use crate::preflight::PathPreflight;
use crate::response_future::{After, CorsFuture, Gate, Verdicts};

/// A route's policy, and the preflights on its path it answers (the first route of a path in a
/// handler or a route table answers them for all).
pub(crate) struct RouteState {
    policy: ActivePolicy,
    preflight: Option<Rc<PathPreflight>>,
    /// The route's methods, for its guard.
    methods: Vec<Method>,
    /// The route serves `OPTIONS` itself.
    serves_options: bool,
}

impl RouteState {
    pub(crate) fn new(policy: ActivePolicy, preflight: Option<Rc<PathPreflight>>) -> RouteState {
        let methods: Vec<Method> = policy
            .route_methods
            .iter()
            .filter_map(|method| Method::from_bytes(method.as_bytes()).ok())
            .collect();
        RouteState {
            serves_options: methods.contains(&Method::OPTIONS),
            methods,
            policy,
            preflight,
        }
    }

    #[inline(always)]
    fn decide(&self, req: &ServiceRequest, verdicts: Verdicts) -> Step {
        match &self.preflight {
            // The guard admitted an `OPTIONS` the route does not serve only as a preflight its
            // path answers; a route serving `OPTIONS` answers the others itself.
            Some(path)
                if req.method() == Method::OPTIONS
                    && (!self.serves_options || path.claims(req.head())) =>
            {
                path.decide(req.request(), verdicts)
            }
            _ => self.policy.decide(req, verdicts.get(0)),
        }
    }
}

/// The resource's guard: the route's methods (and the user's guards), or a preflight its path
/// answers.
struct RouteGuard {
    state: Rc<RouteState>,
    user: Vec<Box<dyn Guard>>,
}

impl Guard for RouteGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        let head = ctx.head();
        if self.state.methods.contains(&head.method)
            && self.user.iter().all(|guard| guard.check(ctx))
        {
            return true;
        }
        head.method == Method::OPTIONS
            && self
                .state
                .preflight
                .as_ref()
                .is_some_and(|path| path.claims(head))
    }
}

/// Registers one route: `inner` is the handler's actix [`Route`] (wrapped in the route's own
/// `wrap = ".."` middleware, if any), `user_guards` its `guard = ".."`s.
pub(crate) fn register_route<T, B>(
    config: &mut AppService,
    path: &str,
    name: &str,
    state: RouteState,
    user_guards: Vec<Box<dyn Guard>>,
    inner: T,
) where
    T: ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<B>,
            Error = Error,
            InitError = (),
        > + 'static,
    B: MessageBody + 'static,
{
    // As `Resource::register` does: a leading slash unless the path is a scope's own "".
    let pattern = if config.is_root() || !path.is_empty() {
        if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        }
    } else {
        path.to_owned()
    };
    let mut resource = ResourceDef::new(pattern);
    resource.set_name(name);
    let state = Rc::new(state);
    let guard = RouteGuard {
        state: state.clone(),
        user: user_guards,
    };
    let factory = RouteFactory { inner, state };
    let names = route_names(&resource, name);
    config.register_service(resource, Some(vec![Box::new(guard)]), factory, Some(names));
}

/// Builds a [`RouteService`] around the inner service.
struct RouteFactory<T> {
    inner: T,
    state: Rc<RouteState>,
}

impl<T, B> ServiceFactory<ServiceRequest> for RouteFactory<T>
where
    T: ServiceFactory<
            ServiceRequest,
            Config = (),
            Response = ServiceResponse<B>,
            Error = Error,
            InitError = (),
        > + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse;
    type Error = Error;
    type Config = ();
    type Service = RouteService<T::Service>;
    type InitError = ();
    type Future = Pin<Box<dyn Future<Output = Result<Self::Service, ()>>>>;

    fn new_service(&self, _: ()) -> Self::Future {
        let inner = self.inner.new_service(());
        let state = self.state.clone();
        Box::pin(async move {
            Ok(RouteService {
                inner: Rc::new(inner.await?),
                state,
            })
        })
    }
}

/// The service of a `#[cors]` route's resource.
#[doc(hidden)]
pub struct RouteService<S> {
    inner: Rc<S>,
    state: Rc<RouteState>,
}

impl<S> Clone for RouteService<S> {
    fn clone(&self) -> Self {
        RouteService {
            inner: self.inner.clone(),
            state: self.state.clone(),
        }
    }
}

impl<S, B> Gate for RouteService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Body = B;
    type Inner = S::Future;
    type Response = ServiceResponse;

    fn inner_response(response: ServiceResponse<B>) -> ServiceResponse {
        response.map_into_boxed_body()
    }

    fn own_response(response: ServiceResponse) -> ServiceResponse {
        response
    }

    #[inline(always)]
    fn pass(&self, req: ServiceRequest, verdicts: Verdicts) -> CorsFuture<Self> {
        match self.state.decide(&req, verdicts) {
            Step::Run(pending) => CorsFuture::inner(self.inner.call(req), After::Route(pending)),
            // A preflight, or a request refused by `enforce`.
            Step::Answer(response) => CorsFuture::answered(req.into_response(response)),
            Step::Ask { check, entry } => {
                CorsFuture::checking(check, entry, verdicts, self.clone(), req)
            }
        }
    }
}

impl<S, B> Service<ServiceRequest> for RouteService<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error> + 'static,
    B: MessageBody + 'static,
{
    type Response = ServiceResponse;
    type Error = Error;
    type Future = CorsFuture<Self>;

    forward_ready!(inner);

    fn call(&self, req: ServiceRequest) -> Self::Future {
        mark_route_handled(req.request());
        self.pass(req, Verdicts::default())
    }
}

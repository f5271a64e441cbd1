//! What `#[cors]` turns a handler into: a constant of plain data (its routes, its policy and a
//! function registering its routes), and the trait route tables read it by.

use std::rc::Rc;

use actix_web::body::MessageBody;
use actix_web::dev::{
    AppService, HttpServiceFactory, ServiceFactory, ServiceRequest, ServiceResponse,
};
use actix_web::guard::Guard;
use actix_web::{Error, Route};
use cors_core::NameList;

use crate::active_policy::ActivePolicy;
use crate::cors_route::CorsRoute;
use crate::origin_fn::HandlerCheck;
use crate::preflight::{PathPreflight, preflights};
use crate::route_service::{RouteState, register_route};
use crate::shared_policy::SharedPolicy;

mod sealed {
    pub trait Sealed {}
}

/// Implemented by every `#[cors]` handler: its routes and policies, readable by route tables,
/// tests and startup listings.
///
/// Sealed: only `#[cors]` handlers implement it.
pub trait CorsService: HttpServiceFactory + Sized + 'static + sealed::Sealed {
    /// The handler's routes. A shared run-time policy (`LazyLock`) is forced here.
    fn cors_routes(&self) -> Vec<CorsRoute>;

    /// Registers the handler's routes, answering the preflights `registrar` assigns them.
    #[doc(hidden)]
    fn register_routes(self, config: &mut AppService, registrar: &Registrar);
}

/// One route of a `#[cors]` handler as the expansion writes it into a constant: a [`CorsRoute`]
/// without its policy, which [`CorsHandler`] supplies when asked (a shared run-time policy is a
/// `LazyLock`, which a constant cannot force).
#[doc(hidden)]
#[derive(Debug)]
pub struct RouteSpec {
    /// The handler's name (its `url_for` name unless `name = ".."` was given).
    pub handler: &'static str,
    /// The route's path pattern, as written in the route attribute.
    pub path: &'static str,
    /// The methods the route serves.
    pub methods: &'static NameList,
}

/// A `#[cors]` handler: `#[cors] async fn list_items()` expands to a `const list_items:
/// CorsHandler`, which `App::service` and `routes!` take like actix's handler structs.
///
/// It is plain data, so registration, route metadata and preflight answers are compiled once,
/// here, for every handler; only the handler's own actix `Route` is built in the user's crate.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct CorsHandler {
    /// The handler's routes, in attribute order.
    pub routes: &'static [RouteSpec],
    /// The handler's policy, resolved when the app is built; `None` for `#[cors(off)]`.
    pub policy: fn() -> Option<SharedPolicy>,
    /// The run-time origin check beside it (`origin_fn`, `origin_fn_async`).
    pub check: Option<HandlerCheck>,
    /// Registers each route through the registrar: the handler's actix `Route`, with the
    /// route's `guard = ".."`s and `wrap = ".."`s.
    pub register: fn(&mut AppService, &Registrar),
}

impl CorsHandler {
    /// The handler's routes with their policy.
    fn routes_with_policy(&self) -> Vec<CorsRoute> {
        self.routes
            .iter()
            .map(|route| CorsRoute {
                handler: route.handler,
                path: route.path,
                methods: route.methods,
                policy: self.policy,
                check: self.check,
            })
            .collect()
    }
}

impl HttpServiceFactory for CorsHandler {
    /// Registers the handler's routes, each path's first answering its preflights.
    fn register(self, config: &mut AppService) {
        let routes = self.routes_with_policy();
        let registrar = Registrar::new(&routes, false);
        (self.register)(config, &registrar);
    }
}

impl sealed::Sealed for CorsHandler {}

impl CorsService for CorsHandler {
    fn cors_routes(&self) -> Vec<CorsRoute> {
        self.routes_with_policy()
    }

    fn register_routes(self, config: &mut AppService, registrar: &Registrar) {
        (self.register)(config, registrar)
    }
}

/// Registers a handler's routes: each with its policy, and the preflights of its path when it
/// is the first route there.
#[doc(hidden)]
pub struct Registrar {
    routes: Vec<(CorsRoute, Option<Rc<PathPreflight>>)>,
}

impl Registrar {
    /// For `routes`; with `claim_all` (a route table), each path's first route answers every
    /// preflight on it, otherwise only those naming the methods of the handler's routes there.
    pub(crate) fn new(routes: &[CorsRoute], claim_all: bool) -> Registrar {
        Registrar {
            routes: routes
                .iter()
                .copied()
                .zip(preflights(routes, claim_all))
                .collect(),
        }
    }

    /// The registrar of the `count` routes from `start`, for one handler of a table.
    pub(crate) fn slice(&self, start: usize, count: usize) -> Registrar {
        Registrar {
            routes: self.routes[start..start + count].to_vec(),
        }
    }

    /// Registers route `index` of the handler: `inner` is its actix `Route` (wrapped in its
    /// `wrap = ".."`s), `guards` its `guard = ".."`s.
    pub fn route<T, B>(
        &self,
        config: &mut AppService,
        index: usize,
        guards: Vec<Box<dyn Guard>>,
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
        let (route, preflight) = &self.routes[index];
        let policy = ActivePolicy::new(route.policy(), route.methods, route.check.map(Into::into));
        let state = RouteState::new(policy, preflight.clone());
        register_route(config, route.path, route.handler, state, guards, inner);
    }

    /// [`Registrar::route`] for a route without `wrap = ".."`, the common case. Not generic, so
    /// it is compiled here, once: dev builds share generic instantiations between crates, and
    /// each handler's crate links to this one instead of compiling the route service, its future
    /// and its factory again.
    pub fn plain_route(
        &self,
        config: &mut AppService,
        index: usize,
        guards: Vec<Box<dyn Guard>>,
        route: Route,
    ) {
        self.route(config, index, guards, route)
    }
}

/// The methods of a route serving one standard method, shared by every such `#[cors]` route:
/// a static per route would be one more item for the compiler to check and evaluate for each
/// handler.
#[doc(hidden)]
pub mod route_methods {
    use cors_core::NameList;

    macro_rules! method_lists {
        ($($method:ident)*) => {$(
            #[allow(missing_docs)]
            pub static $method: NameList = NameList::from_static(&[stringify!($method)], stringify!($method));
        )*};
    }

    method_lists!(GET POST PUT PATCH DELETE HEAD OPTIONS TRACE CONNECT);
}

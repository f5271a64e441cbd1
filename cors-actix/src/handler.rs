//! What `#[cors]` turns a handler into: a constant of plain data (its routes, its policy and a
//! function registering the resources actix generated), and the trait route tables read it by.

use actix_web::dev::{AppService, HttpServiceFactory};
use cors_core::NameList;

use crate::check::HandlerCheck;
use crate::cors_route::CorsRoute;
use crate::preflight::register_preflights;
use crate::source::HandlerPolicy;

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

    /// Registers the handler's resources without their preflight resources (a table adds merged ones).
    #[doc(hidden)]
    fn register_handler(self, config: &mut AppService);
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
/// It is plain data (the routes, the policy, and a function registering the resources actix
/// generated), so registration, route metadata and preflight resources are compiled once, here,
/// for every handler. A type per handler, as actix's route macros emit, would have the user's
/// crate type-check and code-generate its trait impls and `App::service` again for each one.
#[doc(hidden)]
#[derive(Clone, Copy)]
pub struct CorsHandler {
    /// The handler's routes, in attribute order.
    pub routes: &'static [RouteSpec],
    /// The handler's policy.
    pub policy: HandlerPolicy,
    /// The run-time origin check beside it (`origin_fn`, `origin_fn_async`).
    pub check: Option<HandlerCheck>,
    /// Registers the handler's resources (what actix generated, wrapped in the route's
    /// middleware), without its preflight resources.
    pub register_handler: fn(&mut AppService),
}

impl CorsHandler {
    /// The handler's routes with their policy.
    fn routes_with_policy(&self) -> Vec<CorsRoute> {
        let policy = self.policy.resolve();
        self.routes
            .iter()
            .map(|route| CorsRoute {
                handler: route.handler,
                path: route.path,
                methods: route.methods,
                policy,
                check: self.check,
            })
            .collect()
    }
}

impl HttpServiceFactory for CorsHandler {
    /// Registers the handler's resources and its own preflight resources.
    fn register(self, config: &mut AppService) {
        let routes = self.routes_with_policy();
        // Before the handler's resources: an outer `Cors` learns from the first resource
        // matching a path whether a route policy answers its preflights.
        register_preflights(config, &routes, false);
        (self.register_handler)(config);
    }
}

impl sealed::Sealed for CorsHandler {}

impl CorsService for CorsHandler {
    fn cors_routes(&self) -> Vec<CorsRoute> {
        self.routes_with_policy()
    }

    fn register_handler(self, config: &mut AppService) {
        (self.register_handler)(config)
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

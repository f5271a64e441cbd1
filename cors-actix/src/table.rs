//! Route metadata and route tables: `routes![a, b, c]` registers handlers and one merged
//! preflight resource per distinct path, dispatching each preflight to the policy of the route
//! serving the requested method.

use std::fmt;

use actix_web::dev::{AppService, HttpServiceFactory};
use cors_core::{AllowedMethods, NameList, Policy};

use crate::route::register_preflights;

/// One route of a `#[cors]` handler: a path, the methods the route serves, and its policy.
#[derive(Clone, Copy, Debug)]
pub struct CorsRoute {
    /// The handler's name (its `url_for` name unless `name = ".."` was given).
    pub handler: &'static str,
    /// The route's path pattern, as written in the route attribute.
    pub path: &'static str,
    /// The methods the route serves.
    pub methods: &'static NameList,
    /// The policy applied to the route.
    pub policy: &'static Policy,
}

impl CorsRoute {
    /// The methods allowed cross-origin: the route's, narrowed by the policy's own list if any.
    pub fn effective_methods(&self) -> Vec<&'static str> {
        let methods = self.methods.iter();
        match self.policy.methods() {
            AllowedMethods::List(list) => methods.filter(|m| list.contains(m.as_bytes())).collect(),
            AllowedMethods::Route | AllowedMethods::Any => methods.collect(),
        }
    }
}

/// Implemented by every `#[cors]` handler: its routes and policies, readable by route tables,
/// tests and startup listings.
pub trait CorsService: HttpServiceFactory + Sized + 'static {
    /// The handler's routes. A shared run-time policy (`LazyLock`) is forced here.
    fn cors_routes(&self) -> Vec<CorsRoute>;

    /// Registers the handler's resources without their preflight resources (a table adds merged ones).
    #[doc(hidden)]
    fn register_handler(self, config: &mut AppService);
}

type Registration = Box<dyn FnOnce(&mut AppService)>;

/// A set of `#[cors]` handlers registered together, with one merged preflight resource per path.
/// Build it with [`routes!`](crate::routes!); print it at startup to log the CORS surface.
#[must_use = "register the table with `App::service`"]
pub struct RouteTable {
    routes: Vec<CorsRoute>,
    registrations: Vec<Registration>,
}

impl RouteTable {
    /// An empty table.
    pub fn new() -> RouteTable {
        RouteTable {
            routes: Vec::new(),
            registrations: Vec::new(),
        }
    }

    /// Adds a `#[cors]` handler.
    pub fn route<S: CorsService>(mut self, service: S) -> RouteTable {
        self.routes.extend(service.cors_routes());
        self.registrations
            .push(Box::new(move |config| service.register_handler(config)));
        self
    }

    /// The routes, in registration order.
    pub fn routes(&self) -> &[CorsRoute] {
        &self.routes
    }
}

impl Default for RouteTable {
    fn default() -> Self {
        RouteTable::new()
    }
}

impl HttpServiceFactory for RouteTable {
    fn register(self, config: &mut AppService) {
        // Handlers first: their method guards turn preflights away at once, so actual requests
        // never pay for matching the preflight resource.
        for registration in self.registrations {
            registration(config);
        }
        register_preflights(config, &self.routes, true);
    }
}

impl fmt::Display for RouteTable {
    /// One line per route: methods, path, handler, origins, and credentials when allowed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for route in &self.routes {
            let credentials = if route.policy.credentials() {
                " (credentials)"
            } else {
                ""
            };
            writeln!(
                f,
                "{:<16} {:<28} {:<20} {}{credentials}",
                route.effective_methods().join(","),
                route.path,
                route.handler,
                route.policy.origins(),
            )?;
        }
        Ok(())
    }
}

impl fmt::Debug for RouteTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RouteTable")
            .field("routes", &self.routes)
            .finish()
    }
}

/// Registers a `#[cors]` handler's resources and its own preflight resources; called by the
/// generated `HttpServiceFactory` impl.
#[doc(hidden)]
pub fn register_service<S: CorsService>(service: S, config: &mut AppService) {
    let routes = service.cors_routes();
    // After the handler's resources, so actual requests are matched against them first.
    service.register_handler(config);
    register_preflights(config, &routes, false);
}

/// A route table: `App::new().service(cors_actix::routes![list_items, create_item])`.
///
/// Handlers sharing a path get one preflight resource that dispatches on
/// `Access-Control-Request-Method` to the policy of the route serving it, and lists in
/// `Access-Control-Allow-Methods` every method the path serves under a policy that allows the
/// requesting origin. A preflight for a method no route serves gets `403`.
#[macro_export]
macro_rules! routes {
    ($($handler:expr),* $(,)?) => {
        $crate::RouteTable::new()$(.route($handler))*
    };
}

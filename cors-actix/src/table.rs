//! Route tables: `routes![a, b, c]` registers handlers and one merged preflight resource per
//! distinct path, dispatching each preflight to the policy of the route serving the requested
//! method.

use std::fmt;

use actix_web::dev::{AppService, HttpServiceFactory};

use crate::cors_route::CorsRoute;
use crate::handler::CorsService;
use crate::preflight::register_preflights;

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
        // Preflight resources first: an outer `Cors` learns from the first resource matching a
        // path whether a route policy answers its preflights.
        register_preflights(config, &self.routes, true);
        for registration in self.registrations {
            registration(config);
        }
    }
}

impl fmt::Display for RouteTable {
    /// One line per route: methods, path, handler, origins, and credentials when allowed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for route in &self.routes {
            let methods = route.effective_methods().join(",");
            let Some(policy) = route.policy() else {
                writeln!(
                    f,
                    "{methods:<16} {:<28} {:<20} (CORS off)",
                    route.path, route.handler
                )?;
                continue;
            };
            let policy = policy.current();
            let credentials = if policy.credentials() {
                " (credentials)"
            } else {
                ""
            };
            let check = if route.has_origin_check() {
                " + run-time check"
            } else {
                ""
            };
            writeln!(
                f,
                "{methods:<16} {:<28} {:<20} {}{check}{credentials}",
                route.path,
                route.handler,
                policy.origins(),
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

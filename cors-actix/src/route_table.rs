//! Route tables: `routes![a, b, c]` registers handlers with one merged preflight answer per
//! distinct path, dispatching each preflight to the policy of the route serving the requested
//! method.

use std::fmt;

use actix_web::dev::{AppService, HttpServiceFactory};

use crate::cors_route::CorsRoute;
use crate::handler::{CorsService, Registrar};

/// A handler's registration, and how many of the table's routes are its.
type Registration = (Box<dyn FnOnce(&mut AppService, &Registrar)>, usize);

/// A set of `#[cors]` handlers registered together, with one merged preflight answer per path.
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
        let routes = service.cors_routes();
        let count = routes.len();
        self.routes.extend(routes);
        self.registrations.push((
            Box::new(move |config, registrar| service.register_routes(config, registrar)),
            count,
        ));
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
        // The first route of each path answers every preflight on it.
        let registrar = Registrar::new(&self.routes, true);
        let mut start = 0;
        for (registration, count) in self.registrations {
            registration(config, &registrar.slice(start, count));
            start += count;
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
/// Handlers sharing a path get one preflight answer that dispatches on
/// `Access-Control-Request-Method` to the policy of the route serving it, and lists in
/// `Access-Control-Allow-Methods` every method the path serves under a policy that allows the
/// requesting origin. A preflight for a method no route serves gets `403`.
#[macro_export]
macro_rules! routes {
    ($($handler:expr),* $(,)?) => {
        $crate::RouteTable::new()$(.route($handler))*
    };
}

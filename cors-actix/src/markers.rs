//! How an app- or scope-wide [`crate::Cors`] and the `#[cors]` routes below it agree on who
//! answers a request, with nothing shared beyond the app being served: each `#[cors]` route
//! brings names the app's own resource map can be asked about, and requests carry markers.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use std::rc::Rc;

use actix_web::dev::{ResourceDef, ResourceMap, ServiceRequest};
use actix_web::error::UrlGenerationError;
use actix_web::{HttpMessage, HttpRequest};

/// A name every `#[cors]` route adds to the app's resource map: the app has route policies.
const ROUTE_POLICIES: &str = "cors-actix route";
/// The prefix of a name marking a `#[cors]` route's resource (`cors-actix route: list_items`).
const ROUTE_PREFIX: &str = "cors-actix route: ";

/// Request marker: an app- or scope-wide [`crate::Cors`] above may write this request's headers.
pub(crate) struct OuterCors;
/// Request marker: a route's own policy handled this request, so outer ones stay out.
pub(crate) struct RouteHandled;

/// The names a `#[cors]` route's resource (`resource`, named `name`) brings to the app's
/// resource map, as a scope brings its resources': `name` itself (for `url_for`, and what
/// `match_name` finds), and the markers an outer `Cors` asks about. The markers are external
/// resources, kept out of the map's tree and out of routing, so no request pays for them.
pub(crate) fn route_names(resource: &ResourceDef, name: &str) -> Rc<ResourceMap> {
    let mut names = ResourceMap::new(resource.clone());
    let mut own = ResourceDef::new("");
    own.set_name(name);
    names.add(&mut own, None);
    for marker in [ROUTE_POLICIES.to_owned(), format!("{ROUTE_PREFIX}{name}")] {
        let mut external = ResourceDef::new("cors-actix");
        external.set_name(marker);
        names.add(&mut external, None);
    }
    Rc::new(names)
}

/// True when the app's resource map has a resource named `name`.
fn has_named(req: &ServiceRequest, name: &str) -> bool {
    let none: [&str; 0] = [];
    !matches!(
        req.resource_map().url_for(req.request(), name, none),
        Err(UrlGenerationError::ResourceNotFound)
    )
}

/// What an outer [`crate::Cors`] learnt of its app's `#[cors]` routes, asked of the app's
/// resource map once (one middleware instance serves one app instance).
#[derive(Debug, Default)]
pub(crate) struct RouteClaims {
    /// Whether the app registered any `#[cors]` route.
    any: Cell<Option<bool>>,
    /// Whether the resource named by the key is a `#[cors]` route's. A key is the address of a
    /// name in the app's resource map, which lives as long as the app.
    routes: RefCell<HashMap<usize, bool>>,
}

impl RouteClaims {
    /// True when the app serving `req` registered any `#[cors]` route.
    pub(crate) fn app_has_route_policies(&self, req: &ServiceRequest) -> bool {
        match self.any.get() {
            Some(known) => known,
            None => {
                let known = has_named(req, ROUTE_POLICIES);
                self.any.set(Some(known));
                known
            }
        }
    }

    /// True when routing would hand this preflight to a `#[cors]` route: the first resource of
    /// the app matching its path is one (actix matches resources in registration order), and
    /// such a route answers the preflights on its path.
    pub(crate) fn route_claims_preflight(&self, req: &ServiceRequest) -> bool {
        let Some(name) = req.resource_map().match_name(req.match_info().as_str()) else {
            return false;
        };
        let key = name.as_ptr() as usize;
        if let Some(&claimed) = self.routes.borrow().get(&key) {
            return claimed;
        }
        let claimed = has_named(req, &format!("{ROUTE_PREFIX}{name}"));
        self.routes.borrow_mut().insert(key, claimed);
        claimed
    }
}

/// Marks `req` as handled by a route policy when an outer `Cors` will look for it.
pub(crate) fn mark_route_handled(req: &HttpRequest) {
    if req.extensions().contains::<OuterCors>() {
        req.extensions_mut().insert(RouteHandled);
    }
}

/// True when a route policy handled `req`.
pub(crate) fn route_handled(req: &HttpRequest) -> bool {
    req.extensions().contains::<RouteHandled>()
}

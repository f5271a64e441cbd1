//! How an app- or scope-wide [`crate::Cors`] and the `#[cors]` routes below it agree on who
//! answers a request, with nothing shared beyond the app being served: preflight resources carry
//! a name the app's own resource map can be asked about, and requests carry markers.

use actix_web::dev::ServiceRequest;
use actix_web::error::UrlGenerationError;
use actix_web::{HttpMessage, HttpRequest};

/// The name of every preflight resource `#[cors]` and `routes!` register.
pub(crate) const PREFLIGHT_RESOURCE: &str = "cors-actix preflight";

/// Request marker: an app- or scope-wide [`crate::Cors`] above may write this request's headers.
pub(crate) struct OuterCors;
/// Request marker: a route's own policy handled this request, so outer ones stay out.
pub(crate) struct RouteHandled;

/// True when the app serving `req` registered any `#[cors]` route: asked once per app instance,
/// of the app's resource map, which knows every named resource.
pub(crate) fn app_has_route_policies(req: &ServiceRequest) -> bool {
    let none: [&str; 0] = [];
    !matches!(
        req.resource_map()
            .url_for(req.request(), PREFLIGHT_RESOURCE, none),
        Err(UrlGenerationError::ResourceNotFound)
    )
}

/// True when routing would hand this preflight to a `#[cors]` preflight resource: the first
/// resource of the app matching its path is one (actix matches resources in registration order).
pub(crate) fn route_claims_preflight(req: &ServiceRequest) -> bool {
    req.resource_map().match_name(req.match_info().as_str()) == Some(PREFLIGHT_RESOURCE)
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

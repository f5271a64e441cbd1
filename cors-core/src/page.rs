//! The page's side of the CORS protocol: what a browser sends for a script's `fetch()`, and what
//! it lets the script see of the answers. The server side ([`Policy`](crate::Policy)) never needs
//! it; `cors_actix::test` drives it against an app, and it is framework-agnostic so any adapter can.
//!
//! ```
//! use cors_core::page::{Request, Response, cors_check, preflight_check, Engine};
//!
//! let request = Request::new("https://app.example", "put", "https://api.example/items/7")?
//!     .header("content-type", "application/json")?;
//! assert_eq!(request.method(), "PUT");
//! let preflight = request.preflight().expect("PUT is not safelisted");
//! assert_eq!(preflight.request_headers(), Some("content-type"));
//!
//! let answer = Response::new(204)
//!     .header("access-control-allow-origin", "https://app.example")
//!     .header("access-control-allow-methods", "PUT")
//!     .header("access-control-allow-headers", "content-type");
//! let grant = preflight_check(&request, &answer)?;
//! assert_eq!(grant.lifetime(Engine::Chromium).as_secs(), 5, "no max age: five seconds");
//! let actual = Response::new(200).header("access-control-allow-origin", "https://app.example");
//! cors_check(&request, &actual).map_err(|failure| failure.on_actual())?;
//! # Ok::<(), cors_core::page::Blocked>(())
//! ```
//!
//! Each rule cites its step of the [Fetch standard](https://fetch.spec.whatwg.org/). Where
//! today's engines depart from it, the model follows the engines, as the browser suite measured
//! them: a bare `Access-Control-Allow-Headers: *` covers `authorization` in Chromium, Firefox
//! and WebKit alike, and each engine caps `Access-Control-Max-Age` its own way ([`Engine`]).

mod blocked;
mod cache;
mod check;
mod engine;
mod expose;
mod request;
mod response;
mod url;

pub use blocked::{Blocked, CorsFailure};
pub use cache::PreflightCache;
pub use check::{PreflightGrant, cors_check, preflight_check};
pub use engine::Engine;
pub use expose::can_read;
pub use request::{Preflight, Request};
pub use response::Response;

#[cfg(test)]
mod tests;

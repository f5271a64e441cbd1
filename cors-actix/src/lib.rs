//! Per-route CORS for actix-web 4, checked at compile time.
//!
//! ```
//! use actix_web::{App, Responder, get, post};
//! use cors_actix::{Policy, cors};
//!
//! #[cors(origins = ["https://app.example", "https://*.example.org"], max_age = 600)]
//! #[get("/items")]
//! async fn list_items() -> impl Responder { "[]" }
//!
//! static PARTNERS: Policy = cors_actix::policy!(origins = ["https://partner.example"], credentials = true);
//!
//! #[cors(policy = PARTNERS)]
//! #[post("/items")]
//! async fn create_item() -> impl Responder { "" }
//!
//! let app = App::new().service(cors_actix::routes![list_items, create_item]);
//! ```
//!
//! `#[cors(..)]` validates the policy when the crate compiles (the error points at the literal at
//! fault) and registers the route itself: one resource whose service runs the handler through
//! the route's policy and answers the preflights (`OPTIONS`) on its path, so preflights reach the
//! policy of the handler they ask about.
//!
//! The keys, their syntax and defaults are on the [`#[cors]`](macro@cors) page; [`policy!`]
//! builds a checked policy to share, [`Cors`] applies one to a whole app or scope, and
//! [`routes!`] merges the preflight answers of handlers sharing a path. Origins known only at
//! run time go to a check beside the list (`origin_fn` / `origin_fn_async` on `#[cors]`,
//! [`Cors::origin_fn`] / [`Cors::origin_fn_async`]); a [`PolicyHandle`] replaces a policy while
//! the server runs; `#[cors(off)]` takes a route out of CORS.
//!
//! Patterns over a public suffix (`https://*.co.uk`, `https://*.github.io`) are refused, from the
//! Public Suffix List as compiled into the `psl` crate (both sections); with `credentials = true`,
//! so are plain-`http` origins that are not loopback (`localhost`, `*.localhost`, `127.0.0.0/8`,
//! `[::1]` stay valid); so are port 0 and `Access-Control-*` names in `allow_headers`. A preflight
//! asking for `GET`, `HEAD` or `POST` passes the method check whatever `methods` lists, as the
//! browser's own check does ([Fetch](https://fetch.spec.whatwg.org/#cors-preflight-fetch-0),
//! step 7.5).
//!
//! # Diagnostics
//!
//! Every refused request emits one `tracing` event at `debug` level with target `cors` and the
//! fields `kind` (`Preflight`, `Actual`, `Enforced`), `reason` (origin / method / which header /
//! malformed input), `origin`, `method` and `route`; nothing is emitted on the success path. With
//! `tracing-subscriber`: `RUST_LOG=cors=debug`. Debug mode (`CORS_ACTIX_DEBUG=1`, or
//! [`Cors::debug`]) answers refused preflights whose origin *is* allowed with the policy's lists
//! and an ok status, so the browser console names the method or header that failed; it is off by
//! default and never sends `Access-Control-Allow-Origin` to a refused origin.
//!
//! # Public API
//!
//! What this crate promises, and nothing more: the attributes and macros [`cors`](macro@cors),
//! [`policy!`] and [`routes!`]; the middleware [`Cors`]; the policy and its errors, re-exported
//! from `cors-core` ([`Policy`], [`PolicyBuilder`], [`PolicyError`], [`Problem`],
//! [`ProblemKind`], [`Field`]); route tables ([`RouteTable`], [`CorsRoute`], and [`CorsService`],
//! sealed: only `#[cors]` handlers implement it); [`is_preflight`] with [`HasRequestHead`]
//! (sealed); [`is_cross_origin`], the check `enforce` makes, for handlers that refuse other
//! origins themselves; [`PolicyHandle`]; [`SharedPolicy`], what [`Cors::new`] accepts; and
//! [`test`](mod@test), which sends a page's `fetch()` through an app as a browser would. Items
//! under `__private` exist for the code the macros generate and may change in any release. The repository's
//! `scripts/public_api.py` compares this surface with a committed listing on every test run.
//!
//! # Known limitations
//!
//! - Unhandled methods on macro-routed paths give 404, not 405: actix puts the method guard on
//!   the resource (actix-web issue 2735).
//! - App- or scope-level middleware (auth, rate limits) sees preflights before the route that
//!   answers them: it must let them through ([`is_preflight`]); preflights never carry
//!   credentials.
//! - An `OPTIONS` route of your own registered *before* a `#[cors]` handler on the same path also
//!   receives its preflights (actix matches resources in registration order).
//! - `#[cors]` must stand above `#[get]`/`#[post]`/`#[route]`/`#[routes]`.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

// Lets the crate's own tests use the macros, which name `::cors_actix`.
extern crate self as cors_actix;

mod active_policy;
mod cors;
mod cors_route;
mod diagnostics;
mod error;
mod handler;
mod markers;
mod origin_fn;
mod policy_handle;
mod policy_source;
mod preflight;
mod prepared;
mod request;
mod response;
mod response_future;
mod route_service;
mod route_table;
mod shared_policy;
pub mod test;

pub use cors::Cors;
pub use cors_core::{Field, Policy, PolicyBuilder, PolicyError, Problem, ProblemKind};
#[doc = include_str!("cors_attribute.md")]
pub use cors_macros::cors;
#[doc = include_str!("policy_macro.md")]
pub use cors_macros::policy;
pub use cors_route::CorsRoute;
pub use handler::CorsService;
pub use policy_handle::PolicyHandle;
pub use request::{HasRequestHead, is_cross_origin, is_preflight};
pub use route_table::RouteTable;
pub use shared_policy::SharedPolicy;

/// The README's Rust snippets, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// What generated code names; not a public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::handler::{CorsHandler, Registrar, RouteSpec, route_methods};
    pub use crate::origin_fn::{CheckFuture, HandlerCheck, boxed_check};
    pub use crate::policy_source::{PolicySource, shared_policy};
    pub use crate::shared_policy::SharedPolicy;
    pub use actix_service::apply;
    pub use actix_web::dev::AppService;
    pub use actix_web::guard::{Guard, fn_guard};
    pub use actix_web::{HttpRequest, Route};
    pub use cors_core::__private::PortRule;
    pub use cors_core::{
        AllowedHeaders, AllowedMethods, AllowedOrigins, NameList, OriginPattern, Policy,
    };
    pub use std::borrow::Cow;
    pub use std::boxed::Box;
    pub use std::convert::From;
    pub use std::option::Option;
    pub use std::string::String;
    pub use std::vec::Vec;
}

//! The CORS policy engine behind `cors-actix`: origins, policies and their validation, and the
//! per-request decision with the headers to write. Framework-agnostic and allocation-free on the
//! request path.
//!
//! ```
//! use cors_core::{AllowOriginValue, CorsRequest, Decision, Policy, RequestHeader};
//!
//! struct Req<'a>(&'a str, &'a [(&'a str, &'a str)]);
//! impl CorsRequest for Req<'_> {
//!     fn method(&self) -> &[u8] { self.0.as_bytes() }
//!     fn header_values(&self, h: RequestHeader) -> impl Iterator<Item = &[u8]> {
//!         self.1.iter().filter(move |(n, _)| *n == h.as_str()).map(|(_, v)| v.as_bytes())
//!     }
//! }
//!
//! let policy = Policy::builder().allow_origins(["https://app.example"]).build()?;
//! let req = Req("GET", &[("origin", "https://app.example")]);
//! let Decision::Actual { plan, rejected: None } = policy.evaluate(&req) else { unreachable!() };
//! assert_eq!(plan.allow_origin, Some(AllowOriginValue::Mirror(b"https://app.example")));
//! assert_eq!(plan.vary.header_value(), "Origin");
//! # Ok::<(), cors_core::PolicyError>(())
//! ```

//!
//! # What this crate promises
//!
//! Everything public is at the crate root, except the [`enforce`] helpers and [`page`], the
//! page's side of the protocol (what a browser sends and lets a script read), which
//! `cors_actix::test` drives:
//!
//! - policies: [`Policy`], its [`PolicyBuilder`], what it admits ([`AllowedOrigins`],
//!   [`AllowedMethods`], [`AllowedHeaders`], [`NameList`]) and why it was refused
//!   ([`PolicyError`], [`Problem`], [`ProblemKind`], [`Field`]);
//! - origins: [`Origin`] (parsing the form browsers send), [`OriginPattern`], and
//!   [`check_origin`] with [`OriginDefect`] to explain a configured origin that is not canonical;
//! - decisions: the [`CorsRequest`] trait a framework adapter implements, [`classify`],
//!   [`Policy::evaluate`] and [`Policy::evaluate_for_route`], the [`Decision`] with its
//!   [`RejectReason`], and the [`HeaderPlan`] the adapter writes ([`AllowOriginValue`],
//!   [`AllowMethodsValue`], [`AllowHeadersValue`], [`VarySet`]); [`needs_preflight`] for clients.
//!
//! Types with invariants are opaque ([`Origin`] is always canonical, [`AllowedOrigins`] keeps its
//! exact list sorted for the lookup). Errors, problems and reasons are `#[non_exhaustive]`: a new
//! rule or reason is not a breaking change. [`Decision`] and the header plan are exhaustive on
//! purpose: an adapter must write every header the core asks for, so a new one is a major
//! release. `__private` and `#[doc(hidden)]` items serve generated code, fuzzing, benchmarks and
//! tests, and change without notice. The surface is pinned by `public-api.txt`, which the test
//! suite compares with rustdoc's listing.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod builder;
pub mod enforce;
mod evaluate;
mod header;
mod host;
mod index;
mod method;
mod names;
mod origin;
mod origin_check;
mod origin_defect;
pub mod page;
mod pattern;
mod plan;
mod policy;
mod problem;
mod public_suffix;
mod safelist;
mod spec;
mod trustworthy;
mod validate;
mod vary;
mod words;

pub use builder::PolicyBuilder;
pub use evaluate::{
    CorsRequest, DEFAULT_METHODS, Decision, RejectReason, RequestHeader, RequestKind, classify,
};
pub use header::ListError;
pub use names::NameList;
pub use origin::Origin;
pub use origin_defect::{OriginDefect, OriginDefectKind, check_origin};
pub use pattern::{OriginPattern, PatternDefect};
pub use plan::{AllowHeadersValue, AllowMethodsValue, AllowOriginValue, HeaderPlan};
pub use policy::{AllowedHeaders, AllowedMethods, AllowedOrigins, Policy};
pub use problem::{Field, PolicyError, Problem, ProblemKind};
pub use safelist::needs_preflight;
pub use vary::VarySet;

/// What generated code, the fuzz targets, benchmarks and tests name; not a public API, and it
/// changes without notice.
#[doc(hidden)]
pub mod __private {
    pub use crate::header::{
        MAX_EMPTY_ELEMENTS, MAX_REQUEST_HEADER_NAMES, MAX_REQUEST_HEADERS_BYTES, for_each_name,
    };
    pub use crate::method::check_method;
    pub use crate::origin::MAX_ORIGIN_LEN;
    pub use crate::pattern::PortRule;
    pub use crate::spec::PolicySpec;
    pub use crate::validate::{MAX_AGE_LIMIT, validate};
}

//! The CORS policy engine behind `cors-actix`: origins, policies and their validation, and the
//! per-request decision with the headers to write. Framework-agnostic and allocation-free on the
//! request path.
//!
//! ```
//! use cors_core::{CorsRequest, Decision, Policy, RequestHeader, plan::AllowOrigin};
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
//! assert_eq!(plan.allow_origin, Some(AllowOrigin::Mirror(b"https://app.example")));
//! assert_eq!(plan.vary.header_value(), "Origin");
//! # Ok::<(), cors_core::PolicyError>(())
//! ```

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod check;
pub mod enforce;
pub mod evaluate;
pub mod header;
mod index;
pub mod method;
pub mod names;
pub mod origin;
pub mod plan;
pub mod policy;
pub mod public_suffix;
pub mod safelist;
pub mod trustworthy;
pub mod validate;
pub mod vary;
mod words;

pub use evaluate::{CorsRequest, Decision, RejectReason, RequestHeader, RequestKind, classify};
pub use names::NameList;
pub use origin::{Origin, OriginPattern};
pub use plan::HeaderPlan;
pub use policy::{AllowedHeaders, AllowedMethods, AllowedOrigins, Policy, PolicyBuilder};
pub use safelist::needs_preflight;
pub use validate::{Field, PolicyError, PolicySpec, Problem, ProblemKind, validate};
pub use vary::VarySet;

//! The header plan: which CORS response headers to write, with which values.
//!
//! A plan borrows its values from the policy (precomputed when the policy was built) or from the
//! request, so producing one never allocates.

use crate::vary::VarySet;

/// `Access-Control-Allow-Origin`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllowOriginValue<'a> {
    /// `*`: any origin, for requests without credentials.
    Any,
    /// The request's `Origin`, byte for byte.
    Mirror(&'a [u8]),
}

/// `Access-Control-Allow-Methods`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllowMethodsValue<'a> {
    /// The policy's (or route's) methods, comma-joined.
    List(&'a str),
    /// The request's `Access-Control-Request-Method`, byte for byte (any-method policies).
    Mirror(&'a [u8]),
}

/// `Access-Control-Allow-Headers`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AllowHeadersValue<'a> {
    /// The policy's header names, comma-joined.
    List(&'a str),
    /// Copy every `Access-Control-Request-Headers` field line of the request: all its names were
    /// validated as tokens, and none is `*` (any-header policies).
    MirrorRequest,
}

/// The CORS headers to write on one response. Singletons (ACAO, ACAC, ACMA, ACAPN) replace any
/// value the handler set; `vary` is appended (see [`VarySet`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HeaderPlan<'a> {
    /// `Access-Control-Allow-Origin`.
    pub allow_origin: Option<AllowOriginValue<'a>>,
    /// `Access-Control-Allow-Credentials: true`.
    pub allow_credentials: bool,
    /// `Access-Control-Expose-Headers` (actual responses only).
    pub expose_headers: Option<&'a str>,
    /// `Access-Control-Allow-Methods` (preflights only).
    pub allow_methods: Option<AllowMethodsValue<'a>>,
    /// `Access-Control-Allow-Headers` (preflights only).
    pub allow_headers: Option<AllowHeadersValue<'a>>,
    /// `Access-Control-Max-Age` (preflights only).
    pub max_age: Option<&'a str>,
    /// `Access-Control-Allow-Private-Network: true` (preflights only).
    pub allow_private_network: bool,
    /// Request headers the response varies on.
    pub vary: VarySet,
}

impl HeaderPlan<'_> {
    /// True when the plan writes nothing.
    pub fn is_empty(&self) -> bool {
        *self == HeaderPlan::default()
    }
}

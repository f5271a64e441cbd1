//! A policy as written: the settings `#[cors(..)]` and the builder collect, before validation.

/// A policy as written, before validation: what `#[cors(..)]` and the builder collect.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicySpec {
    /// `origins`; `"*"` alone means any.
    pub origins: Option<Vec<String>>,
    /// `allow_null_origin`.
    pub allow_null_origin: bool,
    /// `methods`; `None` means the route's own.
    pub methods: Option<Vec<String>>,
    /// `allow_headers`; `"*"` alone means any.
    pub allow_headers: Option<Vec<String>>,
    /// `expose_headers`; `"*"` alone means any.
    pub expose_headers: Option<Vec<String>>,
    /// `credentials`.
    pub credentials: bool,
    /// `max_age`, seconds.
    pub max_age: Option<u64>,
    /// `private_network`.
    pub private_network: bool,
    /// `enforce`.
    pub enforce: bool,
    /// `allow_public_suffix_patterns`: subdomain patterns over a public suffix, for its owner.
    pub allow_public_suffix_patterns: bool,
    /// `allow_insecure_origins`: plain-`http` origins beside `credentials = true`.
    pub allow_insecure_origins: bool,
    /// A run-time origin check stands beside the list (`origin_fn`, `origin_fn_async`):
    /// `origins` may be left out, and `"*"` is refused (the check would never run).
    pub origin_check: bool,
}

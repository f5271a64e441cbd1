//! The CORS policy of a route (or app) and its run-time builder.

use std::borrow::Cow;

use crate::names::NameList;
use crate::origin::OriginPattern;
use crate::validate::{PolicyError, PolicySpec, validate};

/// An immutable, validated CORS policy.
///
/// Built at run time with [`Policy::builder`] (for configuration), or at compile time by
/// `cors_actix::policy!` and `#[cors]`, which emit it into a `static` with no lazy initialisation.
///
/// ```
/// use cors_core::Policy;
///
/// let policy = Policy::builder()
///     .allow_origins(["https://app.example", "https://*.example.org"])
///     .allow_methods(["GET", "POST"])
///     .allow_headers(["content-type"])
///     .allow_credentials(true)
///     .max_age(600)
///     .build()
///     .expect("valid CORS policy");
/// assert!(policy.allows_origin(b"https://eu.example.org"));
/// assert!(!policy.allows_origin(b"https://example.org"));
/// ```
#[derive(Clone, Debug)]
pub struct Policy {
    origins: AllowedOrigins,
    methods: AllowedMethods,
    allow_headers: AllowedHeaders,
    expose_headers: Option<Cow<'static, str>>,
    credentials: bool,
    max_age: Option<Cow<'static, str>>,
    private_network: bool,
    enforce: bool,
}

/// The origins a policy admits.
#[derive(Clone, Debug)]
pub struct AllowedOrigins {
    /// `"*"`: every origin.
    pub any: bool,
    /// The `null` origin, opted into explicitly.
    pub null: bool,
    /// Exact origins, sorted by bytes (binary search on every request).
    pub exact: NameList,
    /// Subdomain and port patterns, tried in order after the exact list.
    pub patterns: Cow<'static, [OriginPattern]>,
}

/// The methods a policy admits.
#[derive(Clone, Debug)]
pub enum AllowedMethods {
    /// Not configured: the methods of the route the policy is attached to
    /// (`GET, HEAD, POST` where no route is known).
    Route,
    /// `"*"`: any method (without credentials).
    Any,
    /// These methods, compared byte for byte.
    List(NameList),
}

/// The request headers a policy admits.
#[derive(Clone, Debug)]
pub enum AllowedHeaders {
    /// `"*"`: any header name (the requested names are echoed, so `authorization` works too).
    Any,
    /// These lower-case names, compared ASCII case-insensitively.
    List(NameList),
}

/// Accumulates a policy's settings; [`PolicyBuilder::build`] validates them all at once.
#[derive(Clone, Debug, Default)]
#[must_use = "call `.build()` to get the policy"]
pub struct PolicyBuilder {
    spec: PolicySpec,
}

fn extend<I, S>(list: &mut Option<Vec<String>>, items: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    list.get_or_insert_with(Vec::new)
        .extend(items.into_iter().map(|s| s.as_ref().to_owned()));
}

impl PolicyBuilder {
    /// Allows these origins: exact serialized origins (`https://a.example`), subdomain patterns
    /// (`https://*.example.com`), port patterns (`http://localhost:*`), or `"*"` alone.
    pub fn allow_origins<I, S>(mut self, origins: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.spec.origins, origins);
        self
    }

    /// Allows every origin (`Access-Control-Allow-Origin: *`); not combinable with credentials.
    pub fn allow_any_origin(self) -> Self {
        self.allow_origins(["*"])
    }

    /// Allows the `null` origin, which sandboxed iframes and `file:` pages send (and anyone can forge).
    pub fn allow_null_origin(mut self) -> Self {
        self.spec.allow_null_origin = true;
        self
    }

    /// Allows these methods (case-sensitive tokens, e.g. `PATCH`). Default: the route's own methods.
    pub fn allow_methods<I, S>(mut self, methods: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.spec.methods, methods);
        self
    }

    /// Allows any method; not combinable with credentials.
    pub fn allow_any_method(self) -> Self {
        self.allow_methods(["*"])
    }

    /// Allows these request header names (case-insensitive). Default: none beyond the safelisted.
    pub fn allow_headers<I, S>(mut self, headers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.spec.allow_headers, headers);
        self
    }

    /// Allows any request header (echoing the requested names); not combinable with credentials.
    pub fn allow_any_header(self) -> Self {
        self.allow_headers(["*"])
    }

    /// Lets scripts read these response headers.
    pub fn expose_headers<I, S>(mut self, headers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        extend(&mut self.spec.expose_headers, headers);
        self
    }

    /// Lets scripts read every response header; not combinable with credentials.
    pub fn expose_any_header(self) -> Self {
        self.expose_headers(["*"])
    }

    /// Allows credentialed requests (cookies, HTTP auth): sends `Access-Control-Allow-Credentials: true`.
    pub fn allow_credentials(mut self, allow: bool) -> Self {
        self.spec.credentials = allow;
        self
    }

    /// How long (seconds, at most 86400) browsers may cache a preflight answer.
    pub fn max_age(mut self, seconds: u32) -> Self {
        self.spec.max_age = Some(u64::from(seconds));
        self
    }

    /// Answers legacy Private Network Access preflights (`Access-Control-Request-Private-Network: true`).
    pub fn allow_private_network(mut self, allow: bool) -> Self {
        self.spec.private_network = allow;
        self
    }

    /// Answers state-changing cross-origin requests from origins the policy does not allow with
    /// `403` before the handler runs (same-origin requests and requests without `Origin` pass).
    pub fn enforce(mut self, enforce: bool) -> Self {
        self.spec.enforce = enforce;
        self
    }

    /// Lets subdomain patterns over a public suffix through (`https://*.github.io`), for the
    /// owner of that suffix; refused by default, because such a pattern admits every site
    /// registered under it. The list is the Public Suffix List compiled into the `psl` crate.
    pub fn allow_public_suffix_patterns(mut self, allow: bool) -> Self {
        self.spec.allow_public_suffix_patterns = allow;
        self
    }

    /// Lets a credentialed policy list plain-`http` origins that are not loopback
    /// (`http://app.example.com`); refused by default, because anyone on the network path can
    /// act as such an origin. Loopback origins (`http://localhost:*`, `http://127.0.0.1:5173`,
    /// `http://[::1]:3000`, `http://app.localhost`) never need it.
    pub fn allow_insecure_origins(mut self, allow: bool) -> Self {
        self.spec.allow_insecure_origins = allow;
        self
    }

    /// Declares that a run-time origin check stands beside the list (`Cors::origin_fn` or
    /// `Cors::origin_fn_async` in cors-actix): `origins` may then be left out, and `"*"` is
    /// refused, as the check would never run.
    pub fn origin_check(mut self, check: bool) -> Self {
        self.spec.origin_check = check;
        self
    }

    /// Validates every setting and builds the policy, or lists every problem found.
    pub fn build(self) -> Result<Policy, PolicyError> {
        validate(&self.spec)
    }
}

impl Policy {
    /// Starts a run-time policy.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// Assembles a policy from validated parts; used by generated code after compile-time validation.
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    pub const fn from_parts(
        origins: AllowedOrigins,
        methods: AllowedMethods,
        allow_headers: AllowedHeaders,
        expose_headers: Option<&'static str>,
        credentials: bool,
        max_age: Option<&'static str>,
        private_network: bool,
    ) -> Policy {
        Policy {
            origins,
            methods,
            allow_headers,
            expose_headers: match expose_headers {
                Some(v) => Some(Cow::Borrowed(v)),
                None => None,
            },
            credentials,
            max_age: match max_age {
                Some(v) => Some(Cow::Borrowed(v)),
                None => None,
            },
            private_network,
            enforce: false,
        }
    }

    /// The same policy with server-side enforcement set; used by generated code.
    #[doc(hidden)]
    pub const fn with_enforce(mut self, enforce: bool) -> Policy {
        self.enforce = enforce;
        self
    }

    pub(crate) fn from_validated(
        origins: AllowedOrigins,
        methods: AllowedMethods,
        allow_headers: AllowedHeaders,
        expose_headers: Option<String>,
        spec: &PolicySpec,
    ) -> Policy {
        Policy {
            origins,
            methods,
            allow_headers,
            expose_headers: expose_headers.map(Cow::Owned),
            credentials: spec.credentials,
            max_age: spec.max_age.map(|s| Cow::Owned(s.to_string())),
            private_network: spec.private_network,
            enforce: spec.enforce,
        }
    }

    /// The admitted origins.
    pub fn origins(&self) -> &AllowedOrigins {
        &self.origins
    }

    /// The admitted methods.
    pub fn methods(&self) -> &AllowedMethods {
        &self.methods
    }

    /// The admitted request headers.
    pub fn allow_headers(&self) -> &AllowedHeaders {
        &self.allow_headers
    }

    /// The `Access-Control-Expose-Headers` value, if any.
    pub fn expose_headers(&self) -> Option<&str> {
        self.expose_headers.as_deref()
    }

    /// Whether credentialed requests are allowed.
    pub fn credentials(&self) -> bool {
        self.credentials
    }

    /// The `Access-Control-Max-Age` value, if any.
    pub fn max_age(&self) -> Option<&str> {
        self.max_age.as_deref()
    }

    /// Whether disallowed cross-origin state-changing requests are refused before the handler.
    pub fn enforces(&self) -> bool {
        self.enforce
    }

    /// Whether Private Network Access preflights are answered.
    pub fn private_network(&self) -> bool {
        self.private_network
    }

    /// True when ACAO is `*` for every request: any origin, no credentials. Such responses need
    /// no `Vary: Origin`.
    pub fn is_static_any_origin(&self) -> bool {
        self.origins.any && !self.credentials
    }

    /// True when a request with this `Origin` value gets ACAO. Exact origins are compared byte for
    /// byte (binary search); patterns only match canonical lower-case origins.
    pub fn allows_origin(&self, origin: &[u8]) -> bool {
        let origins = &self.origins;
        if origins.any {
            return true;
        }
        if origin == b"null" {
            return origins.null;
        }
        if origins.exact.contains_sorted(origin) {
            return true;
        }
        if origins.patterns.is_empty() {
            return false;
        }
        match crate::origin::Origin::parse(origin) {
            Some(parsed) => origins.patterns.iter().any(|p| p.matches(&parsed)),
            None => false,
        }
    }
}

impl std::fmt::Display for AllowedOrigins {
    /// `https://a.example, https://*.example.org`, or `*`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.any {
            return f.write_str("*");
        }
        let mut first = true;
        let mut item = |f: &mut std::fmt::Formatter<'_>, s: &dyn std::fmt::Display| {
            let sep = if first { "" } else { ", " };
            first = false;
            write!(f, "{sep}{s}")
        };
        for origin in self.exact.iter() {
            item(f, &origin)?;
        }
        for pattern in self.patterns.iter() {
            item(f, pattern)?;
        }
        if self.null {
            item(f, &"null")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn policy_is_send_sync_and_const_constructible() {
        assert_send_sync::<Policy>();
        static PATTERNS: [OriginPattern; 1] = [OriginPattern::from_parts(
            "https",
            ".example.org",
            true,
            crate::origin::PortRule::Default,
        )];
        static POLICY: Policy = Policy::from_parts(
            AllowedOrigins {
                any: false,
                null: false,
                exact: NameList::from_static(&["https://a.example"], "https://a.example"),
                patterns: Cow::Borrowed(&PATTERNS),
            },
            AllowedMethods::List(NameList::from_static(&["GET"], "GET")),
            AllowedHeaders::List(NameList::from_static(&[], "")),
            None,
            true,
            Some("600"),
            false,
        );
        assert!(POLICY.allows_origin(b"https://a.example"));
        assert!(POLICY.allows_origin(b"https://x.example.org"));
        assert!(!POLICY.allows_origin(b"https://b.example"));
        assert_eq!(POLICY.max_age(), Some("600"));
        assert_eq!(
            POLICY.origins().to_string(),
            "https://a.example, https://*.example.org"
        );
    }

    #[test]
    fn exact_origins_are_byte_exact() {
        let p = Policy::builder()
            .allow_origins(["https://a.example"])
            .build()
            .unwrap();
        assert!(p.allows_origin(b"https://a.example"));
        assert!(!p.allows_origin(b"https://A.example"));
        assert!(!p.allows_origin(b"https://a.example/"));
        assert!(!p.allows_origin(b"https://a.example.evil"));
        assert!(!p.allows_origin(b"null"));
    }

    #[test]
    fn null_origin_needs_opt_in() {
        let p = Policy::builder()
            .allow_origins(["https://a.example"])
            .allow_null_origin()
            .build()
            .unwrap();
        assert!(p.allows_origin(b"null"));
        assert_eq!(p.origins().to_string(), "https://a.example, null");
    }

    #[test]
    fn thousand_origins_all_found() {
        let origins: Vec<String> = (0..1000).map(|i| format!("https://t{i}.example")).collect();
        let p = Policy::builder().allow_origins(&origins).build().unwrap();
        assert!(origins.iter().all(|o| p.allows_origin(o.as_bytes())));
        assert!(!p.allows_origin(b"https://t1000.example"));
    }
}

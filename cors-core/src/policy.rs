//! The CORS policy of a route (or app): what it admits, and whether it admits an origin.

use std::borrow::Cow;

use crate::names::NameList;
use crate::pattern::OriginPattern;
use crate::spec::PolicySpec;

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

/// The origins a policy admits. Opaque: the exact list is kept sorted for the lookup on every
/// request, so only validation builds one.
#[derive(Clone, Debug)]
pub struct AllowedOrigins {
    any: bool,
    null: bool,
    exact: NameList,
    patterns: Cow<'static, [OriginPattern]>,
}

impl AllowedOrigins {
    /// Assembles validated parts; used by generated code after compile-time validation.
    #[doc(hidden)]
    pub const fn from_parts(
        any: bool,
        null: bool,
        exact: NameList,
        patterns: Cow<'static, [OriginPattern]>,
    ) -> AllowedOrigins {
        AllowedOrigins {
            any,
            null,
            exact,
            patterns,
        }
    }

    /// `"*"`: every origin.
    pub fn is_any(&self) -> bool {
        self.any
    }

    /// The `null` origin, opted into explicitly.
    pub fn allows_null(&self) -> bool {
        self.null
    }

    /// The exact origins, in byte order.
    pub fn exact(&self) -> &NameList {
        &self.exact
    }

    /// Subdomain and port patterns, tried in order after the exact list.
    pub fn patterns(&self) -> &[OriginPattern] {
        &self.patterns
    }
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

impl Policy {
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
    #[inline]
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
mod tests;

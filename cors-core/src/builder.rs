//! The run-time way to a policy: collect settings from configuration, then validate them all
//! at once, the same rules `#[cors]` applies at compile time.

use crate::policy::Policy;
use crate::problem::PolicyError;
use crate::spec::PolicySpec;
use crate::validate::validate;

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
}

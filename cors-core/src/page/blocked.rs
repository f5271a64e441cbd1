//! Why a browser blocks a request, worded as Chromium's console words it
//! (`third_party/blink/renderer/platform/loader/cors/cors_error_string.cc`, `GetErrorString`,
//! for a `fetch()`; the `TypeError`s from `third_party/blink/renderer/core/fetch/request.cc` and
//! `headers.cc`).

use std::fmt;

/// Why the CORS check failed ([Fetch: CORS check](https://fetch.spec.whatwg.org/#concept-cors-check)).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CorsFailure {
    /// No `Access-Control-Allow-Origin`.
    MissingAllowOrigin,
    /// `Access-Control-Allow-Origin` holds a list (several field lines, or a comma or space).
    MultipleAllowOrigin(String),
    /// `Access-Control-Allow-Origin` is not an origin, `null` or `*`.
    InvalidAllowOrigin(String),
    /// `Access-Control-Allow-Origin` names another origin.
    AllowOriginMismatch(String),
    /// `Access-Control-Allow-Origin: *` on a credentialed request.
    WildcardWithCredentials,
    /// A credentialed request without `Access-Control-Allow-Credentials: true`; the value seen
    /// (empty when absent).
    InvalidAllowCredentials(String),
}

impl CorsFailure {
    /// The failure as the preflight's.
    pub fn on_preflight(self) -> Blocked {
        Blocked::Preflight(self)
    }

    /// The failure as the actual response's.
    pub fn on_actual(self) -> Blocked {
        Blocked::Actual(self)
    }
}

/// Why the page's request failed: `fetch()` refused it, or the CORS protocol did.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Blocked {
    /// The page origin given is not a serialized origin (not a browser's doing: a test's).
    InvalidPageOrigin(String),
    /// `fetch()` cannot parse the URL, or it carries credentials.
    InvalidUrl(String),
    /// The method is not a token.
    InvalidMethod(String),
    /// `CONNECT`, `TRACE` or `TRACK`.
    ForbiddenMethod(String),
    /// A header name that is not a token.
    InvalidHeaderName(String),
    /// A header value with NUL, CR or LF; the header's name.
    InvalidHeaderValue(String),
    /// The preflight's answer failed the CORS check.
    Preflight(CorsFailure),
    /// The preflight's answer has no ok status (200-299).
    PreflightStatus(u16),
    /// The preflight was answered with a redirect.
    PreflightRedirect,
    /// `Access-Control-Allow-Methods` has an element that is not a token.
    InvalidAllowMethods,
    /// `Access-Control-Allow-Headers` has an element that is not a token.
    InvalidAllowHeaders,
    /// The preflight's answer does not allow the method.
    MethodNotAllowed(String),
    /// The preflight's answer does not allow this (lower-case) request header.
    HeaderNotAllowed(String),
    /// The actual response failed the CORS check.
    Actual(CorsFailure),
}

const NO_CORS_HINT: &str = " If an opaque response serves your needs, set the request's mode to \
                            'no-cors' to fetch the resource with CORS disabled.";
const NO_CORS_INFORMATION: &str = " Have the server send the header with a valid value, or, if \
     an opaque response serves your needs, set the request's mode to 'no-cors' to fetch the \
     resource with CORS disabled.";

impl Blocked {
    /// True for a `TypeError` thrown before any request is sent, rather than a CORS refusal.
    pub fn is_type_error(&self) -> bool {
        matches!(
            self,
            Blocked::InvalidPageOrigin(_)
                | Blocked::InvalidUrl(_)
                | Blocked::InvalidMethod(_)
                | Blocked::ForbiddenMethod(_)
                | Blocked::InvalidHeaderName(_)
                | Blocked::InvalidHeaderValue(_)
        )
    }

    /// The whole console line for a `fetch()` of `url` from `page_origin`:
    /// "Access to fetch at '…' from origin '…' has been blocked by CORS policy: …", or the
    /// `TypeError` the call rejects with.
    pub fn console_message(&self, url: &str, page_origin: &str) -> String {
        if self.is_type_error() {
            return format!("TypeError: Failed to execute 'fetch' on 'Window': {self}");
        }
        format!(
            "Access to fetch at '{url}' from origin '{page_origin}' has been blocked by CORS policy: {self}"
        )
    }
}

/// What follows "has been blocked by CORS policy: " (or the `TypeError`'s text).
impl fmt::Display for Blocked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Blocked::InvalidPageOrigin(o) => write!(f, "'{o}' is not a serialized origin."),
            Blocked::InvalidUrl(u) => write!(f, "Failed to parse URL from {u}"),
            Blocked::InvalidMethod(m) => write!(f, "'{m}' is not a valid HTTP method."),
            Blocked::ForbiddenMethod(m) => write!(f, "'{m}' HTTP method is unsupported."),
            Blocked::InvalidHeaderName(_) => f.write_str("Invalid name"),
            Blocked::InvalidHeaderValue(_) => f.write_str("Invalid value"),
            Blocked::Preflight(failure) => write!(
                f,
                "Response to preflight request doesn't pass access control check: {failure}"
            ),
            Blocked::PreflightStatus(_) => f.write_str(
                "Response to preflight request doesn't pass access control check: It does not \
                 have HTTP ok status.",
            ),
            Blocked::PreflightRedirect => f.write_str(
                "Response to preflight request doesn't pass access control check: Redirect is \
                 not allowed for a preflight request.",
            ),
            Blocked::InvalidAllowMethods => f.write_str(
                "Cannot parse Access-Control-Allow-Methods response header field in preflight \
                 response.",
            ),
            Blocked::InvalidAllowHeaders => f.write_str(
                "Cannot parse Access-Control-Allow-Headers response header field in preflight \
                 response.",
            ),
            Blocked::MethodNotAllowed(m) => write!(
                f,
                "Method {m} is not allowed by Access-Control-Allow-Methods in preflight response."
            ),
            Blocked::HeaderNotAllowed(h) => write!(
                f,
                "Request header field {h} is not allowed by Access-Control-Allow-Headers in \
                 preflight response."
            ),
            Blocked::Actual(failure) => failure.fmt(f),
        }
    }
}

impl fmt::Display for CorsFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CorsFailure::MissingAllowOrigin => write!(
                f,
                "No 'Access-Control-Allow-Origin' header is present on the requested \
                 resource.{NO_CORS_HINT}"
            ),
            CorsFailure::MultipleAllowOrigin(v) => write!(
                f,
                "The 'Access-Control-Allow-Origin' header contains multiple values '{v}', but \
                 only one is allowed.{NO_CORS_INFORMATION}"
            ),
            CorsFailure::InvalidAllowOrigin(v) => write!(
                f,
                "The 'Access-Control-Allow-Origin' header contains the invalid value \
                 '{v}'.{NO_CORS_INFORMATION}"
            ),
            CorsFailure::AllowOriginMismatch(v) => write!(
                f,
                "The 'Access-Control-Allow-Origin' header has a value '{v}' that is not equal \
                 to the supplied origin.{NO_CORS_INFORMATION}"
            ),
            CorsFailure::WildcardWithCredentials => f.write_str(
                "The value of the 'Access-Control-Allow-Origin' header in the response must not \
                 be the wildcard '*' when the request's credentials mode is 'include'.",
            ),
            CorsFailure::InvalidAllowCredentials(v) => write!(
                f,
                "The value of the 'Access-Control-Allow-Credentials' header in the response is \
                 '{v}' which must be 'true' when the request's credentials mode is 'include'."
            ),
        }
    }
}

#[cfg(test)]
mod tests;

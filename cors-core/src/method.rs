//! HTTP methods as CORS sees them: case-sensitive tokens
//! ([Fetch: methods](https://fetch.spec.whatwg.org/#concept-method)).

use crate::header::is_token;

/// Methods a browser sends without preflight ([Fetch](https://fetch.spec.whatwg.org/#cors-safelisted-method)).
pub const SAFELISTED: [&str; 3] = ["GET", "HEAD", "POST"];

/// Methods a browser never sends ([Fetch](https://fetch.spec.whatwg.org/#forbidden-method)).
pub const FORBIDDEN: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];

/// The methods a browser upper-cases ([Fetch: normalize](https://fetch.spec.whatwg.org/#concept-method-normalize)).
const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/// Standard methods written in upper case; browsers upper-case the first six only, so `patch`
/// stays `patch` on the wire and a lower-case entry is almost always a typo.
const STANDARD: [&str; 7] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"];

/// True for `GET`, `HEAD` and `POST` (byte-exact).
pub fn is_safelisted(method: &[u8]) -> bool {
    SAFELISTED.iter().any(|m| m.as_bytes() == method)
}

/// The method a browser sends for `method` as a script wrote it: `DELETE`, `GET`, `HEAD`,
/// `OPTIONS`, `POST` and `PUT` upper-cased in any case, every other method byte for byte
/// ([Fetch: normalize](https://fetch.spec.whatwg.org/#concept-method-normalize)), so `patch`
/// stays `patch`.
pub fn normalize(method: &str) -> &str {
    match NORMALIZED.iter().find(|m| m.eq_ignore_ascii_case(method)) {
        Some(upper) => upper,
        None => method,
    }
}

/// True for `CONNECT`, `TRACE` and `TRACK` in any case, which scripts cannot send
/// ([Fetch: forbidden method](https://fetch.spec.whatwg.org/#forbidden-method)).
pub fn is_forbidden(method: &str) -> bool {
    FORBIDDEN.iter().any(|f| f.eq_ignore_ascii_case(method))
}

/// Why a configured method is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MethodDefect {
    /// Not an HTTP token.
    NotToken,
    /// `CONNECT`, `TRACE` or `TRACK`, in any case.
    Forbidden,
    /// A standard method in lower or mixed case; the field holds the upper-case spelling.
    NotUpperCase(&'static str),
}

/// Checks one configured method.
pub fn check_method(method: &str) -> Result<(), MethodDefect> {
    if !is_token(method.as_bytes()) {
        return Err(MethodDefect::NotToken);
    }
    if is_forbidden(method) {
        return Err(MethodDefect::Forbidden);
    }
    match STANDARD
        .iter()
        .find(|s| s.eq_ignore_ascii_case(method) && **s != method)
    {
        Some(upper) => Err(MethodDefect::NotUpperCase(upper)),
        None => Ok(()),
    }
}

impl MethodDefect {
    /// The lower-case sentence naming the defect and its fix.
    pub fn message(self, method: &str) -> String {
        match self {
            MethodDefect::NotToken => {
                format!(
                    "method `{method}` is not a valid method token; write one word of letters, \
                     digits and `-`, without spaces"
                )
            }
            MethodDefect::Forbidden => format!(
                "method `{method}` is forbidden by the fetch standard; browsers never send it, so remove it"
            ),
            MethodDefect::NotUpperCase(upper) => format!(
                "method `{method}` is not upper case; methods are case-sensitive, write `{upper}`"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_methods() {
        assert_eq!(check_method("GET"), Ok(()));
        assert_eq!(check_method("PURGE"), Ok(()));
        assert_eq!(
            check_method("purge"),
            Ok(()),
            "non-standard methods keep their case"
        );
        assert_eq!(
            check_method("patch"),
            Err(MethodDefect::NotUpperCase("PATCH"))
        );
        assert_eq!(check_method("Get"), Err(MethodDefect::NotUpperCase("GET")));
        assert_eq!(check_method("trace"), Err(MethodDefect::Forbidden));
        assert_eq!(check_method("CONNECT"), Err(MethodDefect::Forbidden));
        assert_eq!(check_method("GE T"), Err(MethodDefect::NotToken));
        assert_eq!(check_method(""), Err(MethodDefect::NotToken));
    }

    #[test]
    fn normalizes_the_six_methods_only() {
        assert_eq!(normalize("get"), "GET");
        assert_eq!(normalize("Delete"), "DELETE");
        assert_eq!(normalize("options"), "OPTIONS");
        assert_eq!(normalize("patch"), "patch", "PATCH is not among the six");
        assert_eq!(normalize("PATCH"), "PATCH");
        assert_eq!(normalize("purge"), "purge");
        assert!(is_forbidden("trace") && is_forbidden("CONNECT") && !is_forbidden("PUT"));
    }

    #[test]
    fn safelisted_is_byte_exact() {
        assert!(is_safelisted(b"GET"));
        assert!(!is_safelisted(b"get"));
        assert!(!is_safelisted(b"PUT"));
    }
}

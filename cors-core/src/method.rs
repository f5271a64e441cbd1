//! HTTP methods as CORS sees them: case-sensitive tokens
//! ([Fetch: methods](https://fetch.spec.whatwg.org/#concept-method)).

use crate::header::is_token;

/// Methods a browser sends without preflight ([Fetch](https://fetch.spec.whatwg.org/#cors-safelisted-method)).
pub const SAFELISTED: [&str; 3] = ["GET", "HEAD", "POST"];

/// Methods a browser never sends ([Fetch](https://fetch.spec.whatwg.org/#forbidden-method)).
pub const FORBIDDEN: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];

/// Standard methods written in upper case; browsers upper-case the first six only, so `patch`
/// stays `patch` on the wire and a lower-case entry is almost always a typo.
const STANDARD: [&str; 7] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH"];

/// True for `GET`, `HEAD` and `POST` (byte-exact).
pub fn is_safelisted(method: &[u8]) -> bool {
    SAFELISTED.iter().any(|m| m.as_bytes() == method)
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
    if FORBIDDEN.iter().any(|f| f.eq_ignore_ascii_case(method)) {
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
    fn safelisted_is_byte_exact() {
        assert!(is_safelisted(b"GET"));
        assert!(!is_safelisted(b"get"));
        assert!(!is_safelisted(b"PUT"));
    }
}

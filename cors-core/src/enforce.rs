//! Opt-in server-side enforcement: refuse state-changing cross-origin requests from origins a
//! policy does not allow, before the handler runs. CORS itself never blocks on the server (the
//! browser does), and same-origin requests also carry `Origin` (Fetch, "append a request
//! `Origin` header"), so same-origin requests must never be refused.

use crate::header::trim_ows;

/// `GET`, `HEAD` and `OPTIONS` never change state and are never refused.
pub fn is_state_changing(method: &[u8]) -> bool {
    !matches!(method, b"GET" | b"HEAD" | b"OPTIONS")
}

/// What `Sec-Fetch-Site` says about the request: `Some(true)` for cross-origin (`same-site`,
/// `cross-site`), `Some(false)` for `same-origin` or `none` (user-initiated), `None` otherwise.
/// ([Fetch Metadata](https://w3c.github.io/webappsec-fetch-metadata/#sec-fetch-site-header))
pub fn sec_fetch_site_is_cross_origin(value: &[u8]) -> Option<bool> {
    match trim_ows(value) {
        b"same-origin" | b"none" => Some(false),
        b"same-site" | b"cross-site" => Some(true),
        _ => None,
    }
}

/// True when `origin` is the request's own origin: `scheme://host` with the `Host` header's
/// host and port (ASCII case-insensitive, default port ignored).
pub fn is_same_origin(origin: &[u8], scheme: &str, host: &str) -> bool {
    let Some(rest) = origin
        .strip_prefix(scheme.as_bytes())
        .and_then(|r| r.strip_prefix(b"://"))
    else {
        return false;
    };
    let host = match crate::origin::default_port(scheme) {
        Some(port) => host
            .strip_suffix(port)
            .and_then(|h| h.strip_suffix(':'))
            .unwrap_or(host),
        None => host,
    };
    rest.eq_ignore_ascii_case(host.as_bytes())
}

#[cfg(test)]
mod tests;

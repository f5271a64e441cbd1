//! Which requests a browser preflights: the CORS-safelisted methods and request headers
//! ([Fetch: CORS-safelisted request-header](https://fetch.spec.whatwg.org/#cors-safelisted-request-header)).
//! Used for documentation, diagnostics and tests; the server never needs it to answer a request.

use crate::header::is_forbidden_request_header;
use crate::method::is_safelisted;

/// Longest value of one safelisted header.
const MAX_VALUE: usize = 128;
/// Largest total of safelisted header values before they all count as unsafe.
const MAX_TOTAL: usize = 1024;

/// True when a browser would send a preflight before a request with this method and these
/// script-set headers (`(name, value)` pairs). Forbidden names are ignored: scripts cannot set them.
pub fn needs_preflight<'a>(
    method: &[u8],
    headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> bool {
    let scripted = headers
        .into_iter()
        .filter(|(name, _)| !is_forbidden_request_header(name));
    !is_safelisted(method) || !unsafe_request_header_names(scripted).is_empty()
}

/// The names a preflight lists in `Access-Control-Request-Headers`: every header that is not
/// safelisted on its own, and every safelisted one too once their values add up to more than
/// 1,024 bytes; lower case, sorted by bytes, without duplicates
/// ([Fetch: CORS-unsafe request-header names](https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names),
/// [convert header names to a sorted-lowercase set](https://fetch.spec.whatwg.org/#convert-header-names-to-a-sorted-lowercase-set)).
pub fn unsafe_request_header_names<'a>(
    headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Vec<String> {
    let mut unsafe_names = Vec::new();
    let mut safelisted = Vec::new();
    let mut total = 0;
    for (name, value) in headers {
        if is_safelisted_header(name, value) {
            safelisted.push(name);
            total += value.len();
        } else {
            unsafe_names.push(name);
        }
    }
    if total > MAX_TOTAL {
        unsafe_names.extend(safelisted);
    }
    let mut names: Vec<String> = unsafe_names
        .into_iter()
        .map(str::to_ascii_lowercase)
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// `(name, value)` is a CORS-safelisted request-header on its own.
pub fn is_safelisted_header(name: &str, value: &[u8]) -> bool {
    if value.len() > MAX_VALUE {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    match lower.as_str() {
        "accept" => !value.iter().any(|&b| is_unsafe_byte(b)),
        "accept-language" | "content-language" => value
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b" *,-.;=".contains(&b)),
        "content-type" => !value.iter().any(|&b| is_unsafe_byte(b)) && is_safelisted_mime(value),
        "range" => is_simple_range(value),
        _ => false,
    }
}

/// A CORS-unsafe request-header byte.
fn is_unsafe_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\t') || b"\"():<>?@[\\]{}\x7f".contains(&b)
}

fn is_safelisted_mime(value: &[u8]) -> bool {
    let essence = value.split(|&b| b == b';').next().unwrap_or_default();
    let essence = essence.trim_ascii();
    [
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "text/plain",
    ]
    .iter()
    .any(|m| essence.eq_ignore_ascii_case(m.as_bytes()))
}

/// `bytes=N-` or `bytes=N-M` with `N <= M`.
fn is_simple_range(value: &[u8]) -> bool {
    let Some(spec) = value.strip_prefix(b"bytes=") else {
        return false;
    };
    let Some(dash) = spec.iter().position(|&b| b == b'-') else {
        return false;
    };
    let (start, end) = (&spec[..dash], &spec[dash + 1..]);
    let number = |d: &[u8]| -> Option<u64> {
        if d.is_empty() || !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(d).ok()?.parse().ok()
    };
    match (number(start), end.is_empty()) {
        (Some(_), true) => true,
        (Some(s), false) => number(end).is_some_and(|e| s <= e),
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests;

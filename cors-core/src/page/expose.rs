//! Which response headers the page's script can read.

use super::{Request, Response};
use crate::header::is_forbidden_response_header;

/// Readable on every CORS response
/// ([Fetch: CORS-safelisted response-header name](https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name)).
const SAFELISTED: [&str; 7] = [
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

/// True when the script can read header `name` of `response` to `request` (an allowed one):
/// present, never `set-cookie`, and on a cross-origin response either safelisted, listed in
/// `Access-Control-Expose-Headers`, or any name under its `*` without credentials
/// ([Fetch: main fetch](https://fetch.spec.whatwg.org/#main-fetch) step 14.3, the
/// [CORS filtered response](https://fetch.spec.whatwg.org/#concept-filtered-response-cors)).
/// A same-origin response hides only `set-cookie` and `set-cookie2`
/// ([basic filtered response](https://fetch.spec.whatwg.org/#concept-filtered-response-basic)).
pub fn can_read(request: &Request, response: &Response, name: &str) -> bool {
    if response.values(name).next().is_none() || is_forbidden_response_header(name) {
        return false;
    }
    if request.is_same_origin() || SAFELISTED.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        return true;
    }
    // An unparsable list exposes nothing beyond the safelist.
    let exposed = response
        .tokens("access-control-expose-headers")
        .ok()
        .flatten()
        .unwrap_or_default();
    exposed.iter().any(|e| e.eq_ignore_ascii_case(name))
        || (!request.credentials() && exposed.iter().any(|e| e == "*"))
}

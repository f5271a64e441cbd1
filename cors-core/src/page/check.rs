//! The checks a browser makes on the answers: the CORS check on every cross-origin response, and
//! the preflight's own checks of status, methods and headers.

use super::engine::Engine;
use super::{Blocked, CorsFailure, Request, Response};
use crate::method::is_safelisted;

/// The CORS check of `response` to `request`
/// ([Fetch: CORS check](https://fetch.spec.whatwg.org/#concept-cors-check)): one
/// `Access-Control-Allow-Origin` that is `*` (without credentials) or the page's origin byte for
/// byte, and, with credentials, `Access-Control-Allow-Credentials: true`.
pub fn cors_check(request: &Request, response: &Response) -> Result<(), CorsFailure> {
    // Step 1-2: "get" joins several field lines with ", ", which no origin equals.
    let Some(origin) = response.get("access-control-allow-origin") else {
        return Err(CorsFailure::MissingAllowOrigin);
    };
    let origin = String::from_utf8_lossy(&origin).into_owned();
    // Step 3: `*` passes without credentials.
    if origin == "*" {
        return match request.credentials() {
            false => Ok(()),
            true => Err(CorsFailure::WildcardWithCredentials),
        };
    }
    // Step 4: the request's serialized origin, byte for byte. Chromium tells a list, a value
    // that is no origin, and another origin apart (`services/network/public/cpp/cors/cors.cc`).
    if origin != request.origin() {
        return Err(if origin.contains([',', ' ']) {
            CorsFailure::MultipleAllowOrigin(origin)
        } else if origin != "null" && !origin.contains("://") {
            CorsFailure::InvalidAllowOrigin(origin)
        } else {
            CorsFailure::AllowOriginMismatch(origin)
        });
    }
    // Steps 5-7: credentials need `Access-Control-Allow-Credentials: true`, exactly.
    if request.credentials() {
        let allow = response.get("access-control-allow-credentials");
        if allow.as_deref() != Some(b"true") {
            let seen = allow.map(|v| String::from_utf8_lossy(&v).into_owned());
            return Err(CorsFailure::InvalidAllowCredentials(
                seen.unwrap_or_default(),
            ));
        }
    }
    Ok(())
}

/// What a passed preflight allows, for the cache.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreflightGrant {
    pub(crate) methods: Vec<String>,
    pub(crate) headers: Vec<String>,
    pub(crate) max_age: Option<Vec<u8>>,
}

impl PreflightGrant {
    /// How long `engine` caches this grant: `Access-Control-Max-Age`, capped by the engine; zero
    /// when not cached ([Fetch](https://fetch.spec.whatwg.org/#cors-preflight-fetch-0) steps
    /// 7.9-7.10).
    pub fn lifetime(&self, engine: Engine) -> std::time::Duration {
        engine.preflight_lifetime(self.max_age.as_deref())
    }
}

/// The preflight's checks for `request`
/// ([Fetch: CORS-preflight fetch](https://fetch.spec.whatwg.org/#cors-preflight-fetch-0) step 7):
/// the CORS check with the request's credentials mode, an ok status, then the method and each
/// CORS-unsafe header name against `Access-Control-Allow-Methods` and `-Headers`.
pub fn preflight_check(request: &Request, response: &Response) -> Result<PreflightGrant, Blocked> {
    cors_check(request, response).map_err(CorsFailure::on_preflight)?;
    let status = response.status();
    if (300..400).contains(&status) {
        return Err(Blocked::PreflightRedirect);
    }
    if !(200..300).contains(&status) {
        return Err(Blocked::PreflightStatus(status));
    }
    // Steps 7.1-7.3: either list failing to parse fails the preflight; absent is empty.
    let methods = response
        .tokens("access-control-allow-methods")
        .map_err(|()| Blocked::InvalidAllowMethods)?
        .unwrap_or_default();
    let headers = response
        .tokens("access-control-allow-headers")
        .map_err(|()| Blocked::InvalidAllowHeaders)?
        .unwrap_or_default();
    let credentials = request.credentials();
    let star = |list: &[String]| !credentials && list.iter().any(|m| m == "*");
    // Step 7.5: a safelisted method passes; others are listed byte for byte, or `*` without
    // credentials.
    let method = request.method();
    if !is_safelisted(method.as_bytes()) && !methods.iter().any(|m| m == method) && !star(&methods)
    {
        return Err(Blocked::MethodNotAllowed(method.to_owned()));
    }
    // Steps 7.6-7.7: each unsafe name listed (ASCII case-insensitively), or `*` without
    // credentials. By the standard `*` never covers `authorization`; today's engines let it
    // (the browser suite's `bare_star_allow_headers_still_covers_authorization`), as here.
    for name in request.unsafe_header_names() {
        if !headers.iter().any(|h| h.eq_ignore_ascii_case(&name)) && !star(&headers) {
            return Err(Blocked::HeaderNotAllowed(name));
        }
    }
    let max_age = response.get("access-control-max-age");
    Ok(PreflightGrant {
        methods,
        headers,
        max_age,
    })
}

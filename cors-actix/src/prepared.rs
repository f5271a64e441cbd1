//! A policy with its response header values prepared once, when the app starts (or once per
//! [`crate::PolicyHandle::replace`]), so a request costs no formatting and no allocation.

use std::sync::Arc;

use actix_web::http::header::HeaderValue;
use cors_core::{AllowedHeaders, AllowedMethods, CorsRequest, Decision, Policy, RequestHeader};

use crate::response::Pending;

/// A policy and its header values: what a [`crate::SharedPolicy`] holds fixed, and what a
/// [`crate::PolicyHandle`] swaps.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub(crate) policy: Arc<Policy>,
    /// `Access-Control-Expose-Headers`.
    pub(crate) expose: Option<HeaderValue>,
    /// `Access-Control-Max-Age`.
    pub(crate) max_age: Option<HeaderValue>,
    /// The policy's own `methods` list (a policy without one answers with its route's).
    pub(crate) methods: Option<HeaderValue>,
    /// The policy's `allow_headers` list, when it names any.
    pub(crate) allow_headers: Option<HeaderValue>,
    /// The headers of every request without `Origin`.
    pub(crate) without_origin: Pending,
}

/// A request without `Origin`, to have the policy decide it once.
struct WithoutOrigin;

impl CorsRequest for WithoutOrigin {
    fn method(&self) -> &[u8] {
        b"GET"
    }

    fn header_values(&self, _: RequestHeader) -> impl Iterator<Item = &[u8]> {
        std::iter::empty()
    }
}

impl Prepared {
    pub(crate) fn new(policy: Arc<Policy>) -> Prepared {
        let expose = policy.expose_headers().map(value);
        let Decision::NotCors(plan) = policy.evaluate(&WithoutOrigin) else {
            unreachable!("a request without `Origin` is not CORS")
        };
        let without_origin = Pending::without_origin(&plan, expose.as_ref());
        Prepared {
            without_origin,
            expose,
            max_age: policy.max_age().map(value),
            methods: match policy.methods() {
                AllowedMethods::List(list) => Some(value(list.header_value())),
                AllowedMethods::Route | AllowedMethods::Any => None,
            },
            allow_headers: match policy.allow_headers() {
                AllowedHeaders::List(list) if !list.is_empty() => Some(value(list.header_value())),
                _ => None,
            },
            policy,
        }
    }
}

/// A header value from a policy's text.
pub(crate) fn value(text: &str) -> HeaderValue {
    // Validated at policy build time: tokens, digits, commas and spaces only.
    HeaderValue::from_str(text).expect("policy header values are visible ASCII")
}

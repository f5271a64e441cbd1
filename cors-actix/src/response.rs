//! Writing a cors-core header plan onto actix responses, with header values prepared once per
//! policy so a request costs no formatting and no allocation.

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use cors_core::{AllowHeadersValue, AllowMethodsValue, AllowOriginValue, HeaderPlan, VarySet};

use crate::request::{ACAPN, Head, header_name};

const STAR: HeaderValue = HeaderValue::from_static("*");
const TRUE: HeaderValue = HeaderValue::from_static("true");

/// A response the CORS layer sends itself (a preflight's answer, a `403`): a status and headers,
/// never a body. Its body type is `()`, so a future holding one stays small enough to move
/// without a `memcpy` call; it becomes a [`BoxBody`](actix_web::body::BoxBody) when sent.
pub(crate) type Answer = HttpResponse<()>;

/// An empty answer with `status`.
pub(crate) fn answer(status: StatusCode) -> Answer {
    HttpResponse::with_body(status, ())
}

/// The headers of an actual response, resolved before the handler runs.
#[derive(Clone, Debug)]
#[doc(hidden)]
pub struct Pending {
    allow_origin: Option<HeaderValue>,
    allow_credentials: bool,
    expose: Option<HeaderValue>,
    vary: VarySet,
}

impl Pending {
    /// No CORS headers at all (`#[cors(off)]`).
    pub(crate) fn none() -> Pending {
        Pending {
            allow_origin: None,
            allow_credentials: false,
            expose: None,
            vary: VarySet::default(),
        }
    }

    /// `expose`: the policy's prepared `Access-Control-Expose-Headers`.
    #[inline]
    pub(crate) fn new(
        plan: &HeaderPlan<'_>,
        expose: Option<&HeaderValue>,
        head: &Head<'_>,
    ) -> Pending {
        Pending {
            allow_origin: plan.allow_origin.map(|o| allow_origin(o, head)),
            allow_credentials: plan.allow_credentials,
            expose: plan.expose_headers.and_then(|_| expose.cloned()),
            vary: plan.vary,
        }
    }

    /// The headers of a request without `Origin`, from the plan cors-core made for one when the
    /// policy was prepared: the same for every such request.
    pub(crate) fn without_origin(plan: &HeaderPlan<'_>, expose: Option<&HeaderValue>) -> Pending {
        Pending {
            allow_origin: plan.allow_origin.map(|_| STAR),
            allow_credentials: plan.allow_credentials,
            expose: plan.expose_headers.and(expose.cloned()),
            vary: plan.vary,
        }
    }

    /// Writes the headers, moving the values out (the future writes from its own state, in
    /// place): singletons replace what the handler set, `Vary` is appended.
    pub(crate) fn write(&mut self, headers: &mut HeaderMap) {
        let set = Present::in_response(headers);
        if let Some(origin) = self.allow_origin.take() {
            put(
                headers,
                set.allow_origin,
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                origin,
            );
        }
        if self.allow_credentials {
            put(
                headers,
                set.allow_credentials,
                header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                TRUE,
            );
        }
        if let Some(expose) = self.expose.take() {
            put(
                headers,
                set.expose,
                header::ACCESS_CONTROL_EXPOSE_HEADERS,
                expose,
            );
        }
        if set.vary {
            append_vary(headers, self.vary);
        } else {
            append_vary_value(headers, self.vary);
        }
    }
}

/// Which of the headers an actual response gets the handler set already, found in one pass over
/// the response's (few) header names rather than one hash lookup each.
#[derive(Default)]
struct Present {
    allow_origin: bool,
    allow_credentials: bool,
    expose: bool,
    vary: bool,
}

impl Present {
    fn in_response(headers: &HeaderMap) -> Present {
        let mut set = Present::default();
        for name in headers.keys() {
            if *name == header::ACCESS_CONTROL_ALLOW_ORIGIN {
                set.allow_origin = true;
            } else if *name == header::ACCESS_CONTROL_ALLOW_CREDENTIALS {
                set.allow_credentials = true;
            } else if *name == header::ACCESS_CONTROL_EXPOSE_HEADERS {
                set.expose = true;
            } else if *name == header::VARY {
                set.vary = true;
            }
        }
        set
    }
}

/// Sets a singleton header, replacing the handler's when `present`. Handlers rarely set CORS
/// headers: appending costs less than `insert`, which hands back (and drops) the old values
/// whether there were any or not.
fn put(headers: &mut HeaderMap, present: bool, name: HeaderName, value: HeaderValue) {
    if present {
        headers.insert(name, value);
    } else {
        headers.append(name, value);
    }
}

fn allow_origin(origin: AllowOriginValue<'_>, head: &Head<'_>) -> HeaderValue {
    match origin {
        AllowOriginValue::Any => STAR,
        // The plan mirrors the request's single Origin line: clone it (a reference count).
        AllowOriginValue::Mirror(_) => head.origin().cloned().unwrap_or(STAR),
    }
}

/// Every [`VarySet`]'s value, indexed by its bits, built at compile time (`from_static` at run
/// time checks every byte of the value on each call).
static VARY_VALUES: [HeaderValue; 16] = {
    const fn vary(bits: u8) -> HeaderValue {
        HeaderValue::from_static(VarySet::from_bits(bits).header_value())
    }
    [
        vary(0),
        vary(1),
        vary(2),
        vary(3),
        vary(4),
        vary(5),
        vary(6),
        vary(7),
        vary(8),
        vary(9),
        vary(10),
        vary(11),
        vary(12),
        vary(13),
        vary(14),
        vary(15),
    ]
};

/// The `Vary` value naming `vary`. `Vary: Origin`, on every actual response of a listed-origin
/// policy, is a constant: no clone through `Bytes`' vtable.
fn vary_value(vary: VarySet) -> HeaderValue {
    const ORIGIN: HeaderValue = HeaderValue::from_static(VarySet::ORIGIN.header_value());
    if vary == VarySet::ORIGIN {
        ORIGIN
    } else {
        VARY_VALUES[usize::from(vary.bits())].clone()
    }
}

/// Appends the part of `vary` the response does not already name (nothing after `Vary: *`).
pub(crate) fn append_vary(headers: &mut HeaderMap, vary: VarySet) {
    if vary.is_empty() {
        return;
    }
    let missing = vary.missing_from(headers.get_all(header::VARY).map(HeaderValue::as_bytes));
    append_vary_value(headers, missing);
}

/// Appends `vary` to a response known to have no `Vary` of its own.
fn append_vary_value(headers: &mut HeaderMap, vary: VarySet) {
    if !vary.is_empty() {
        headers.append(header::VARY, vary_value(vary));
    }
}

/// A policy's prepared values a preflight answer may carry.
pub(crate) struct PreflightValues<'a> {
    /// `Access-Control-Allow-Headers`, when the policy lists names.
    pub(crate) allow_headers: Option<&'a HeaderValue>,
    /// `Access-Control-Max-Age`.
    pub(crate) max_age: Option<&'a HeaderValue>,
}

/// Writes an accepted preflight's headers onto the fresh response that answers it (nothing to
/// replace, so each header is appended: no old value is looked up and dropped); `methods` is ACAM
/// (the policy's list, the route's methods, or a merged route table's union).
pub(crate) fn write_preflight(
    plan: &HeaderPlan<'_>,
    values: &PreflightValues<'_>,
    methods: &HeaderValue,
    head: &Head<'_>,
    headers: &mut HeaderMap,
) {
    if let Some(origin) = plan.allow_origin {
        headers.append(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            allow_origin(origin, head),
        );
    }
    if plan.allow_credentials {
        headers.append(header::ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
    }
    let request = head.request_head().headers();
    match (plan.allow_methods, methods) {
        (Some(AllowMethodsValue::Mirror(_)), _) => {
            if let Some(method) = request.get(header::ACCESS_CONTROL_REQUEST_METHOD) {
                headers.append(header::ACCESS_CONTROL_ALLOW_METHODS, method.clone());
            }
        }
        // Empty when no method the path serves is allowed beyond the safelisted ones, which
        // the browser passes without it: then nothing is sent rather than an empty field.
        (Some(AllowMethodsValue::List(_)), list) if !list.is_empty() => {
            headers.append(header::ACCESS_CONTROL_ALLOW_METHODS, list.clone());
        }
        _ => {}
    }
    match plan.allow_headers {
        Some(AllowHeadersValue::MirrorRequest) => {
            let name = header_name(cors_core::RequestHeader::RequestHeaders);
            for line in request.get_all(name) {
                headers.append(header::ACCESS_CONTROL_ALLOW_HEADERS, line.clone());
            }
        }
        Some(AllowHeadersValue::List(_)) => {
            if let Some(list) = values.allow_headers {
                headers.append(header::ACCESS_CONTROL_ALLOW_HEADERS, list.clone());
            }
        }
        None => {}
    }
    if let (Some(_), Some(max_age)) = (plan.max_age, values.max_age) {
        headers.append(header::ACCESS_CONTROL_MAX_AGE, max_age.clone());
    }
    if plan.allow_private_network {
        headers.append(ACAPN, TRUE);
    }
    if !plan.vary.is_empty() {
        headers.append(header::VARY, vary_value(plan.vary));
    }
}

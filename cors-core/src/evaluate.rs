//! Request -> decision: classify a request and plan the CORS headers of its response
//! ([Fetch: CORS protocol](https://fetch.spec.whatwg.org/#http-cors-protocol)).

use std::fmt;

use crate::header::{ListError, all_allowed, for_each_name, is_token};
use crate::method::is_safelisted;
use crate::names::NameList;
use crate::plan::{AllowHeadersValue, AllowMethodsValue, AllowOriginValue, HeaderPlan};
use crate::policy::{AllowedHeaders, AllowedMethods, Policy};
use crate::vary::VarySet;

/// The request headers CORS reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestHeader {
    /// `Origin`
    Origin,
    /// `Access-Control-Request-Method`
    RequestMethod,
    /// `Access-Control-Request-Headers`
    RequestHeaders,
    /// `Access-Control-Request-Private-Network`
    RequestPrivateNetwork,
}

impl RequestHeader {
    /// The lower-case header name.
    pub const fn as_str(self) -> &'static str {
        match self {
            RequestHeader::Origin => "origin",
            RequestHeader::RequestMethod => "access-control-request-method",
            RequestHeader::RequestHeaders => "access-control-request-headers",
            RequestHeader::RequestPrivateNetwork => "access-control-request-private-network",
        }
    }
}

/// Borrowed view of an HTTP request, implemented by each framework adapter.
pub trait CorsRequest {
    /// The method, as sent.
    fn method(&self) -> &[u8];
    /// Every field line of `header`, in order.
    fn header_values(&self, header: RequestHeader) -> impl Iterator<Item = &[u8]>;
}

/// What kind of request this is, for CORS.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// No `Origin`.
    NotCors,
    /// `Origin` present, not a preflight.
    Actual,
    /// `OPTIONS` + `Origin` + `Access-Control-Request-Method`.
    Preflight,
}

/// Classifies a request ([Fetch: CORS-preflight request](https://fetch.spec.whatwg.org/#cors-preflight-request)).
/// An `OPTIONS` without `Access-Control-Request-Method` is not a preflight.
pub fn classify(req: &impl CorsRequest) -> RequestKind {
    if req.header_values(RequestHeader::Origin).next().is_none() {
        RequestKind::NotCors
    } else if req.method() == b"OPTIONS"
        && req
            .header_values(RequestHeader::RequestMethod)
            .next()
            .is_some()
    {
        RequestKind::Preflight
    } else {
        RequestKind::Actual
    }
}

/// Why a request's origin got no ACAO, or why a preflight was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RejectReason<'a> {
    /// The origin is not allowed by the policy.
    OriginNotAllowed(&'a [u8]),
    /// The policy's list refused the origin, and so did its run-time check.
    OriginRefusedByCheck(&'a [u8]),
    /// Several `Origin` field lines.
    MalformedOrigin,
    /// The requested method is not allowed.
    MethodNotAllowed(&'a [u8]),
    /// `Access-Control-Request-Method` repeated or not a token.
    MalformedRequestMethod,
    /// This requested header is not allowed.
    HeaderNotAllowed(&'a [u8]),
    /// `Access-Control-Request-Headers` malformed or beyond the bounds.
    MalformedRequestHeaders(ListError),
    /// Private Network Access requested, but the policy does not enable it.
    PrivateNetworkNotAllowed,
}

impl fmt::Display for RejectReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        match self {
            RejectReason::OriginNotAllowed(o) => {
                write!(f, "origin `{}` is not allowed", show(o).escape_debug())
            }
            RejectReason::OriginRefusedByCheck(o) => write!(
                f,
                "origin `{}` is not listed and the run-time origin check refused it",
                show(o).escape_debug()
            ),
            RejectReason::MalformedOrigin => f.write_str("several `Origin` header lines"),
            RejectReason::MethodNotAllowed(m) => {
                write!(f, "method `{}` is not allowed", show(m).escape_debug())
            }
            RejectReason::MalformedRequestMethod => {
                f.write_str("malformed `Access-Control-Request-Method`")
            }
            RejectReason::HeaderNotAllowed(h) => write!(
                f,
                "request header `{}` is not allowed",
                show(h).escape_debug()
            ),
            RejectReason::MalformedRequestHeaders(e) => {
                write!(f, "malformed `Access-Control-Request-Headers`: {e:?}")
            }
            RejectReason::PrivateNetworkNotAllowed => {
                f.write_str("private network access is not enabled")
            }
        }
    }
}

/// What to do with a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision<'a> {
    /// No `Origin`: run the handler, then apply the plan (possibly `ACAO: *` or `Vary: Origin`).
    NotCors(HeaderPlan<'a>),
    /// An actual CORS request: run the handler, then apply the plan. `rejected` tells why the
    /// origin got no ACAO; the handler still runs (same-origin POSTs carry `Origin` too).
    Actual {
        /// Headers for the handler's response.
        plan: HeaderPlan<'a>,
        /// Why no ACAO, for diagnostics.
        rejected: Option<RejectReason<'a>>,
    },
    /// Answer the preflight with `204` and the plan; run no handler.
    PreflightAccepted(HeaderPlan<'a>),
    /// Answer the preflight with `403`, no CORS headers, empty body.
    PreflightRejected(RejectReason<'a>),
}

/// Safelisted methods, sent as ACAM where no route is known and the policy names none.
pub static DEFAULT_METHODS: NameList =
    NameList::from_static(&["GET", "HEAD", "POST"], "GET, HEAD, POST");

impl Policy {
    /// Decides a request on its own (app- or scope-wide use), with `GET, HEAD, POST` standing in
    /// for the route's methods when the policy names none.
    pub fn evaluate<'a>(&'a self, req: &'a impl CorsRequest) -> Decision<'a> {
        self.evaluate_for_route(req, &DEFAULT_METHODS)
    }

    /// Decides a request for a route serving `route_methods`, which apply when the policy has no
    /// `methods` of its own. Never allocates.
    pub fn evaluate_for_route<'a>(
        &'a self,
        req: &'a impl CorsRequest,
        route_methods: &'a NameList,
    ) -> Decision<'a> {
        self.evaluate_checked(req, route_methods, None::<fn(&str) -> bool>)
    }

    /// [`Policy::evaluate_for_route`], with a run-time origin check asked about a well-formed
    /// origin the list refuses (see `origin_check.rs`).
    /// Inlined: a caller deciding actual requests keeps the decision in registers rather than
    /// receiving the whole `Decision` through memory.
    #[inline(always)]
    pub(crate) fn evaluate_checked<'a>(
        &'a self,
        req: &'a impl CorsRequest,
        route_methods: &'a NameList,
        check: Option<impl FnOnce(&'a str) -> bool>,
    ) -> Decision<'a> {
        let mut origins = req.header_values(RequestHeader::Origin);
        let Some(origin) = origins.next() else {
            return Decision::NotCors(self.plan_without_origin());
        };
        let malformed = origins.next().is_some();
        // `classify`, without looking `Origin` up again.
        if req.method() == b"OPTIONS" {
            let mut methods = req.header_values(RequestHeader::RequestMethod);
            if let Some(method) = methods.next() {
                let method = (methods.next().is_none() && is_token(method)).then_some(method);
                let checked =
                    self.check_preflight(req, origin, malformed, method, route_methods, check);
                return match checked {
                    Ok(plan) => Decision::PreflightAccepted(plan),
                    Err(reason) => Decision::PreflightRejected(reason),
                };
            }
        }
        let rejected = if malformed {
            Some(RejectReason::MalformedOrigin)
        } else {
            self.origin_verdict(origin, check).err()
        };
        let plan = match rejected {
            Some(_) => HeaderPlan {
                vary: VarySet::ORIGIN,
                ..HeaderPlan::default()
            },
            None => HeaderPlan {
                expose_headers: self.expose_headers(),
                ..self.plan_allowed_origin(origin)
            },
        };
        Decision::Actual { plan, rejected }
    }

    /// Debug mode: headers for a refused preflight that make the browser console name the check
    /// that failed (the method, a header, private network) instead of a missing ACAO. `None` when
    /// the origin itself is refused or malformed: no ACAO is ever sent to a refused origin.
    pub fn explain_rejection<'a>(
        &'a self,
        req: &'a impl CorsRequest,
        route_methods: &'a NameList,
        reason: &RejectReason<'a>,
    ) -> Option<HeaderPlan<'a>> {
        if matches!(
            reason,
            RejectReason::OriginNotAllowed(_)
                | RejectReason::OriginRefusedByCheck(_)
                | RejectReason::MalformedOrigin
        ) {
            return None;
        }
        let origin = req.header_values(RequestHeader::Origin).next()?;
        let allow_methods = match self.methods() {
            AllowedMethods::List(list) => AllowMethodsValue::List(list.header_value()),
            AllowedMethods::Route | AllowedMethods::Any => {
                AllowMethodsValue::List(route_methods.header_value())
            }
        };
        let allow_headers = match self.allow_headers() {
            AllowedHeaders::List(list) if !list.is_empty() => {
                Some(AllowHeadersValue::List(list.header_value()))
            }
            _ => None,
        };
        Some(HeaderPlan {
            allow_methods: Some(allow_methods),
            allow_headers,
            vary: VarySet::PREFLIGHT,
            ..self.plan_allowed_origin(origin)
        })
    }

    /// No `Origin`: a static `*` policy still sends ACAO; a list policy varies on `Origin`.
    fn plan_without_origin(&self) -> HeaderPlan<'_> {
        if self.is_static_any_origin() {
            HeaderPlan {
                allow_origin: Some(AllowOriginValue::Any),
                expose_headers: self.expose_headers(),
                ..HeaderPlan::default()
            }
        } else {
            HeaderPlan {
                vary: VarySet::ORIGIN,
                ..HeaderPlan::default()
            }
        }
    }

    fn plan_allowed_origin<'a>(&'a self, origin: &'a [u8]) -> HeaderPlan<'a> {
        if self.is_static_any_origin() {
            HeaderPlan {
                allow_origin: Some(AllowOriginValue::Any),
                ..HeaderPlan::default()
            }
        } else {
            HeaderPlan {
                allow_origin: Some(AllowOriginValue::Mirror(origin)),
                allow_credentials: self.credentials(),
                vary: VarySet::ORIGIN,
                ..HeaderPlan::default()
            }
        }
    }

    #[inline(always)]
    fn check_preflight<'a>(
        &'a self,
        req: &'a impl CorsRequest,
        origin: &'a [u8],
        malformed_origin: bool,
        method: Option<&'a [u8]>,
        route_methods: &'a NameList,
        check: Option<impl FnOnce(&'a str) -> bool>,
    ) -> Result<HeaderPlan<'a>, RejectReason<'a>> {
        if malformed_origin {
            return Err(RejectReason::MalformedOrigin);
        }
        self.origin_verdict(origin, check)?;
        // `None`: repeated, or not a token.
        let method = method.ok_or(RejectReason::MalformedRequestMethod)?;
        // The browser passes `GET`, `HEAD` and `POST` whatever `Access-Control-Allow-Methods`
        // says (Fetch, CORS-preflight fetch, step 7.5), so such a preflight is judged on its
        // origin and headers only; the methods sent stay the policy's.
        let safelisted = is_safelisted(method);
        let allow_methods = match self.methods() {
            AllowedMethods::Any => AllowMethodsValue::Mirror(method),
            AllowedMethods::List(list) if safelisted || list.contains(method) => {
                AllowMethodsValue::List(list.header_value())
            }
            AllowedMethods::Route if safelisted || route_methods.contains(method) => {
                AllowMethodsValue::List(route_methods.header_value())
            }
            _ => return Err(RejectReason::MethodNotAllowed(method)),
        };
        let requested = req.header_values(RequestHeader::RequestHeaders);
        let allow_headers = match self.allow_headers() {
            AllowedHeaders::Any => {
                let count = for_each_name(requested, |_| true).map_err(reject_list)?;
                (count > 0).then_some(AllowHeadersValue::MirrorRequest)
            }
            AllowedHeaders::List(list) => {
                let allowed = |name: &[u8]| list.contains_ignore_case(name);
                if all_allowed(requested, allowed).is_none() {
                    // Refused or malformed: the validating scan tells which.
                    let requested = req.header_values(RequestHeader::RequestHeaders);
                    for_each_name(requested, allowed).map_err(reject_list)?;
                }
                (!list.is_empty()).then(|| AllowHeadersValue::List(list.header_value()))
            }
        };
        let mut pna = req.header_values(RequestHeader::RequestPrivateNetwork);
        let private_network = matches!((pna.next(), pna.next()), (Some(b"true"), None));
        if private_network && !self.private_network() {
            return Err(RejectReason::PrivateNetworkNotAllowed);
        }
        Ok(HeaderPlan {
            allow_methods: Some(allow_methods),
            allow_headers,
            max_age: self.max_age(),
            allow_private_network: private_network,
            vary: if self.private_network() {
                VarySet::PREFLIGHT_PRIVATE_NETWORK
            } else {
                VarySet::PREFLIGHT
            },
            ..self.plan_allowed_origin(origin)
        })
    }
}

fn reject_list(error: Result<&[u8], ListError>) -> RejectReason<'_> {
    match error {
        Ok(name) => RejectReason::HeaderNotAllowed(name),
        Err(error) => RejectReason::MalformedRequestHeaders(error),
    }
}

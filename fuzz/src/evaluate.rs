//! Target `evaluate`: the input is one byte choosing one of [`CASES`], then the request:
//! `METHOD \n name: value \n name: value ...` (names case-insensitive, values trimmed as HTTP
//! parsers trim them, repeated names are several field lines).
//!
//! Every decision is checked against the request and the reference, both app-wide
//! (`evaluate`) and for a route (`evaluate_for_route`): the plan never pairs ACAO `*` with ACAC,
//! mirrors only the single `Origin` line of an origin the reference admits, echoes request
//! headers only when every requested name is a token other than `*` within the bounds, names
//! only allowed methods and headers; refusals name a reason the request really has; debug
//! explanations never reach a refused origin.

use std::sync::LazyLock;

use cors_core::{
    AllowHeadersValue, AllowMethodsValue, AllowOriginValue, CorsRequest, DEFAULT_METHODS, Decision,
    HeaderPlan, NameList, Policy, RejectReason, RequestHeader, VarySet,
};

use cors_testkit::Request;

use super::reference::{ListFacts, is_safelisted, is_token, policy_allows, trim_ows};

/// A policy as configured, so the reference can read the configuration rather than the policy.
pub struct Case {
    /// `allow_origins`.
    pub origins: &'static [&'static str],
    /// `allow_null_origin`.
    pub null: bool,
    /// `allow_methods`, if set.
    pub methods: Option<&'static [&'static str]>,
    /// `allow_headers`, if set.
    pub headers: Option<&'static [&'static str]>,
    /// `allow_credentials`.
    pub credentials: bool,
    /// `allow_private_network`.
    pub private_network: bool,
}

const fn case(origins: &'static [&'static str]) -> Case {
    Case {
        origins,
        null: false,
        methods: None,
        headers: None,
        credentials: false,
        private_network: false,
    }
}

/// The policies an input chooses from (its first byte modulo 8: ASCII `0`..`7` choose 0..7).
pub const CASES: [Case; 8] = [
    Case {
        methods: Some(&["GET", "PATCH"]),
        headers: Some(&["content-type", "x-api-key"]),
        credentials: true,
        ..case(&["https://app.example", "https://*.example.org"])
    },
    Case {
        methods: Some(&["*"]),
        headers: Some(&["*"]),
        ..case(&["*"])
    },
    Case {
        null: true,
        methods: Some(&["*"]),
        headers: Some(&["*"]),
        private_network: true,
        ..case(&["https://app.example", "http://localhost:*"])
    },
    Case {
        credentials: true,
        ..case(&["https://*.example.com:*", "http://[::1]:8080"])
    },
    Case {
        methods: Some(&["PUT", "DELETE"]),
        headers: Some(&["authorization"]),
        private_network: true,
        ..case(&["*"])
    },
    Case {
        headers: Some(&["*"]),
        ..case(&[
            "https://a.example",
            "https://b.example",
            "https://*.a.example",
        ])
    },
    Case {
        // More names than cors-core indexes from, so lookups go through the hash index.
        headers: Some(&[
            "x-a",
            "x-b",
            "content-type",
            "authorization",
            "x-api-key",
            "x-request-id",
            "if-match",
            "if-none-match",
            "x-csrf-token",
            "x-trace-id",
            "accept-version",
            "X-Tenant",
        ]),
        credentials: true,
        ..case(&["https://*.example.com:8443", "http://127.0.0.1:3000"])
    },
    case(&["https://app.example"]),
];

/// The route every input is also evaluated for.
static ROUTE_METHODS: NameList =
    NameList::from_static(&["GET", "PUT", "DELETE"], "GET, PUT, DELETE");

static POLICIES: LazyLock<Vec<Policy>> = LazyLock::new(|| CASES.iter().map(build).collect());

fn build(case: &Case) -> Policy {
    let mut builder = Policy::builder()
        .allow_origins(case.origins)
        .allow_credentials(case.credentials)
        .allow_private_network(case.private_network)
        .max_age(600)
        .expose_headers(["x-request-id"]);
    if case.null {
        builder = builder.allow_null_origin();
    }
    if let Some(methods) = case.methods {
        builder = builder.allow_methods(methods);
    }
    if let Some(headers) = case.headers {
        builder = builder.allow_headers(headers);
    }
    builder.build().expect("valid policy")
}

/// Decodes `METHOD \n name: value \n ...` into a request; lines without `:` are skipped.
fn decode(data: &[u8]) -> Request<'_> {
    let mut lines = data.split(|&b| b == b'\n');
    let method = lines.next().unwrap_or_default();
    let fields = lines.filter_map(|line| {
        let at = line.iter().position(|&b| b == b':')?;
        Some((&line[..at], trim_ows(&line[at + 1..])))
    });
    Request::from_fields(method, fields)
}

/// Checks every decision invariant on `data`.
pub fn check(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let index = usize::from(choice) % CASES.len();
    let (case, policy) = (&CASES[index], &POLICIES[index]);
    let req = decode(rest);
    let facts = RequestFacts::read(&req);
    for route in [&DEFAULT_METHODS, &ROUTE_METHODS] {
        let checker = Checker {
            case,
            route,
            facts: &facts,
        };
        let decision = policy.evaluate_for_route(&req, route);
        checker.decision(&decision);
        if let Decision::PreflightRejected(reason) = decision {
            checker.explanation(policy.explain_rejection(&req, route, &reason), &reason);
        }
    }
    let app_wide = policy.evaluate(&req);
    assert_eq!(app_wide, policy.evaluate_for_route(&req, &DEFAULT_METHODS));
}

/// What the request carries, read without cors-core.
struct RequestFacts<'a> {
    method: &'a [u8],
    origins: Vec<&'a [u8]>,
    request_methods: Vec<&'a [u8]>,
    request_headers: Vec<&'a [u8]>,
    private_network: Vec<&'a [u8]>,
}

impl<'a> RequestFacts<'a> {
    fn read(req: &'a Request<'_>) -> RequestFacts<'a> {
        let lines = |header| {
            req.lines()
                .filter(|&(h, _)| h == header)
                .map(|(_, value)| value)
                .collect()
        };
        RequestFacts {
            method: req.method(),
            origins: lines(RequestHeader::Origin),
            request_methods: lines(RequestHeader::RequestMethod),
            request_headers: lines(RequestHeader::RequestHeaders),
            private_network: lines(RequestHeader::RequestPrivateNetwork),
        }
    }

    fn is_preflight(&self) -> bool {
        self.method == b"OPTIONS" && !self.origins.is_empty() && !self.request_methods.is_empty()
    }

    /// The single `Origin` line, when there is exactly one.
    fn origin(&self) -> Option<&'a [u8]> {
        match self.origins.as_slice() {
            [origin] => Some(origin),
            _ => None,
        }
    }

    fn asks_private_network(&self) -> bool {
        self.private_network.as_slice() == [b"true"]
    }
}

struct Checker<'c, 'a> {
    case: &'c Case,
    route: &'c NameList,
    facts: &'c RequestFacts<'a>,
}

impl Checker<'_, '_> {
    fn allows_origin(&self, origin: &[u8]) -> bool {
        policy_allows(self.case.origins, self.case.null, origin)
    }

    fn is_static_any(&self) -> bool {
        self.case.origins == ["*"] && !self.case.credentials
    }

    /// The browser passes `GET`, `HEAD` and `POST` whatever the answer lists (Fetch,
    /// CORS-preflight fetch, step 7.5), so the policy's list only decides the others.
    fn allows_method(&self, method: &[u8]) -> bool {
        if is_safelisted(method) {
            return true;
        }
        match self.case.methods {
            Some(["*"]) => true,
            Some(methods) => methods.iter().any(|m| m.as_bytes() == method),
            None => self.route.iter().any(|m| m.as_bytes() == method),
        }
    }

    fn allows_header(&self, name: &[u8]) -> bool {
        match self.case.headers {
            Some(["*"]) => true,
            Some(names) => names
                .iter()
                .any(|n| n.as_bytes().eq_ignore_ascii_case(name)),
            None => false,
        }
    }

    fn decision(&self, decision: &Decision<'_>) {
        let facts = self.facts;
        match decision {
            Decision::NotCors(plan) => {
                assert!(facts.origins.is_empty(), "no Origin, yet {decision:?}");
                let expected = if self.is_static_any() {
                    (Some(AllowOriginValue::Any), VarySet::NONE)
                } else {
                    (None, VarySet::ORIGIN)
                };
                assert_eq!((plan.allow_origin, plan.vary), expected);
                self.plan(plan, false);
            }
            Decision::Actual { plan, rejected } => {
                assert!(!facts.origins.is_empty() && !facts.is_preflight());
                let allowed = facts.origin().is_some_and(|o| self.allows_origin(o));
                assert_eq!(rejected.is_none(), allowed, "{decision:?}");
                match rejected {
                    None => {
                        assert!(plan.allow_origin.is_some());
                        assert_eq!(plan.expose_headers, Some("x-request-id"));
                    }
                    Some(reason) => {
                        self.reason(reason);
                        let only_vary = HeaderPlan {
                            vary: VarySet::ORIGIN,
                            ..HeaderPlan::default()
                        };
                        assert_eq!(*plan, only_vary, "a refused origin gets Vary: Origin only");
                    }
                }
                self.plan(plan, false);
            }
            Decision::PreflightAccepted(plan) => self.accepted_preflight(plan),
            Decision::PreflightRejected(reason) => {
                assert!(facts.is_preflight());
                self.reason(reason);
            }
        }
    }

    fn accepted_preflight(&self, plan: &HeaderPlan<'_>) {
        let facts = self.facts;
        assert!(facts.is_preflight());
        let origin = facts.origin().expect("one Origin line");
        assert!(self.allows_origin(origin));
        let [method] = facts.request_methods.as_slice() else {
            panic!(
                "accepted {} request-method lines",
                facts.request_methods.len()
            );
        };
        assert!(is_token(method) && self.allows_method(method));
        let list = ListFacts::read(&facts.request_headers);
        assert!(list.is_echoable(), "accepted request headers {list:?}");
        assert!(list.names.iter().all(|n| self.allows_header(n)));
        assert_eq!(plan.allow_private_network, facts.asks_private_network());
        assert!(plan.allow_origin.is_some());
        assert!(plan.allow_methods.is_some());
        match plan.allow_methods {
            Some(AllowMethodsValue::Mirror(m)) => {
                assert_eq!(self.case.methods, Some(&["*"][..]));
                assert_eq!(m, *method);
            }
            Some(AllowMethodsValue::List(listed)) => {
                let listed = listed.split(", ").any(|m| m.as_bytes() == *method);
                assert!(listed || is_safelisted(method), "ACAM misses {method:?}");
            }
            None => unreachable!(),
        }
        match plan.allow_headers {
            Some(AllowHeadersValue::MirrorRequest) => {
                assert_eq!(self.case.headers, Some(&["*"][..]));
                assert!(!list.names.is_empty());
            }
            Some(AllowHeadersValue::List(listed)) => {
                assert!(list.names.iter().all(|n| {
                    listed
                        .split(", ")
                        .any(|l| l.as_bytes().eq_ignore_ascii_case(n))
                }));
            }
            None => {}
        }
        assert_eq!(plan.max_age, Some("600"));
        let vary = plan.vary.header_value();
        assert!(vary.contains("Access-Control-Request-Method, Access-Control-Request-Headers"));
        self.plan(plan, true);
    }

    /// A refusal names something the request really has.
    fn reason(&self, reason: &RejectReason<'_>) {
        let facts = self.facts;
        match *reason {
            RejectReason::MalformedOrigin => assert!(facts.origins.len() > 1),
            RejectReason::OriginNotAllowed(o) => {
                assert_eq!(Some(o), facts.origin());
                assert!(!self.allows_origin(o), "refused an allowed origin");
            }
            RejectReason::MalformedRequestMethod => {
                let one_token = matches!(facts.request_methods.as_slice(), [m] if is_token(m));
                assert!(!one_token);
            }
            RejectReason::MethodNotAllowed(m) => assert!(!self.allows_method(m)),
            RejectReason::HeaderNotAllowed(h) => {
                assert!(!self.allows_header(h));
                assert!(ListFacts::read(&facts.request_headers).names.contains(&h));
            }
            RejectReason::MalformedRequestHeaders(error) => {
                let list = ListFacts::read(&facts.request_headers);
                assert!(!list.is_echoable(), "{error:?} for {list:?}");
            }
            RejectReason::PrivateNetworkNotAllowed => {
                assert!(facts.asks_private_network() && !self.case.private_network);
            }
            ref other => panic!("a reason this reference does not model: {other:?}"),
        }
    }

    /// Debug explanations only ever go to allowed origins.
    fn explanation(&self, plan: Option<HeaderPlan<'_>>, reason: &RejectReason<'_>) {
        let Some(plan) = plan else { return };
        assert!(!matches!(
            reason,
            RejectReason::OriginNotAllowed(_) | RejectReason::MalformedOrigin
        ));
        assert_ne!(plan.allow_headers, Some(AllowHeadersValue::MirrorRequest));
        self.plan(&plan, true);
    }

    /// What holds for every plan.
    fn plan(&self, plan: &HeaderPlan<'_>, preflight: bool) {
        let facts = self.facts;
        match plan.allow_origin {
            Some(AllowOriginValue::Any) => {
                assert!(!plan.allow_credentials, "ACAO * with ACAC");
                assert!(self.is_static_any());
            }
            Some(AllowOriginValue::Mirror(origin)) => {
                assert_eq!(
                    Some(origin),
                    facts.origin(),
                    "mirrors the single Origin line"
                );
                assert!(self.allows_origin(origin), "mirrors a refused origin");
                assert!(!self.is_static_any());
                assert!(plan.vary.header_value().starts_with("Origin"));
            }
            None => assert!(!plan.allow_credentials),
        }
        assert_eq!(
            plan.allow_credentials,
            self.case.credentials && plan.allow_origin.is_some()
        );
        if !preflight {
            assert_eq!(
                (plan.allow_methods, plan.allow_headers, plan.max_age),
                (None, None, None)
            );
            assert!(!plan.allow_private_network);
        } else {
            assert_eq!(plan.expose_headers, None);
        }
        if plan.allow_private_network {
            assert!(self.case.private_network && facts.asks_private_network());
        }
    }
}

//! Request -> decision: how `Policy::evaluate` classifies requests and plans the CORS headers of
//! their responses, case by case.

use cors_core::{
    AllowHeadersValue, AllowMethodsValue, AllowOriginValue, DEFAULT_METHODS, Decision, HeaderPlan,
    ListError, NameList, Policy, RejectReason, RequestKind, VarySet, classify,
};
use cors_testkit::Request;

fn req<'a>(method: &'a str, headers: &[(&'a str, &'a str)]) -> Request<'a> {
    Request::from_fields(method, headers.iter().copied())
}

const APP: &str = "https://app.example";

fn list_policy() -> Policy {
    Policy::builder()
        .allow_origins([APP, "https://*.example.org"])
        .allow_methods(["GET", "PATCH"])
        .allow_headers(["content-type", "x-api-key"])
        .expose_headers(["x-request-id"])
        .allow_credentials(true)
        .max_age(600)
        .build()
        .unwrap()
}

fn any_policy() -> Policy {
    Policy::builder()
        .allow_any_origin()
        .allow_any_method()
        .allow_any_header()
        .expose_headers(["x-request-id"])
        .build()
        .unwrap()
}

fn preflight<'a>(headers: &[(&'a str, &'a str)]) -> Request<'a> {
    req("OPTIONS", headers)
}

#[test]
fn no_origin_list_policy_varies_on_origin() {
    let p = list_policy();
    let r = req("GET", &[]);
    let d = p.evaluate(&r);
    assert_eq!(
        d,
        Decision::NotCors(HeaderPlan {
            vary: VarySet::ORIGIN,
            ..HeaderPlan::default()
        })
    );
}

#[test]
fn no_origin_any_policy_sends_static_star_without_vary() {
    let p = any_policy();
    let r = req("GET", &[]);
    let Decision::NotCors(plan) = p.evaluate(&r) else {
        panic!()
    };
    assert_eq!(plan.allow_origin, Some(AllowOriginValue::Any));
    assert_eq!(plan.expose_headers, Some("x-request-id"));
    assert!(plan.vary.is_empty());
}

#[test]
fn actual_allowed_mirrors_origin_with_credentials_and_expose() {
    let p = list_policy();
    let r = req("GET", &[("origin", APP)]);
    let Decision::Actual {
        plan,
        rejected: None,
    } = p.evaluate(&r)
    else {
        panic!()
    };
    assert_eq!(
        plan.allow_origin,
        Some(AllowOriginValue::Mirror(APP.as_bytes()))
    );
    assert!(plan.allow_credentials);
    assert_eq!(plan.expose_headers, Some("x-request-id"));
    assert_eq!(plan.vary, VarySet::ORIGIN);
    assert_eq!(
        (plan.allow_methods, plan.allow_headers, plan.max_age),
        (None, None, None)
    );
}

#[test]
fn actual_any_origin_sends_star() {
    let p = any_policy();
    let r = req("POST", &[("origin", "https://anyone.example")]);
    let Decision::Actual {
        plan,
        rejected: None,
    } = p.evaluate(&r)
    else {
        panic!()
    };
    assert_eq!(plan.allow_origin, Some(AllowOriginValue::Any));
    assert!(!plan.allow_credentials);
    assert!(plan.vary.is_empty());
}

#[test]
fn actual_disallowed_gets_only_vary() {
    let p = list_policy();
    for origin in [
        "https://evil.example",
        "https://APP.example",
        "https://example.org",
        "null",
    ] {
        let headers = [("origin", origin)];
        let r = req("POST", &headers);
        let d = p.evaluate(&r);
        assert_eq!(
            d,
            Decision::Actual {
                plan: HeaderPlan {
                    vary: VarySet::ORIGIN,
                    ..HeaderPlan::default()
                },
                rejected: Some(RejectReason::OriginNotAllowed(origin.as_bytes())),
            },
            "{origin}"
        );
    }
}

#[test]
fn repeated_origin_is_not_allowed() {
    let p = list_policy();
    let r = req("GET", &[("origin", APP), ("origin", APP)]);
    assert!(
        matches!(p.evaluate(&r), Decision::Actual { rejected: Some(RejectReason::MalformedOrigin), plan } if plan.allow_origin.is_none())
    );
    let r = preflight(&[
        ("origin", APP),
        ("origin", APP),
        ("access-control-request-method", "GET"),
    ]);
    assert_eq!(
        p.evaluate(&r),
        Decision::PreflightRejected(RejectReason::MalformedOrigin)
    );
}

#[test]
fn preflight_accepted_with_every_header() {
    let p = list_policy();
    let r = preflight(&[
        ("origin", "https://eu.example.org"),
        ("access-control-request-method", "PATCH"),
        ("access-control-request-headers", "content-type,x-api-key"),
    ]);
    let Decision::PreflightAccepted(plan) = p.evaluate(&r) else {
        panic!("{:?}", p.evaluate(&r))
    };
    assert_eq!(
        plan,
        HeaderPlan {
            allow_origin: Some(AllowOriginValue::Mirror(b"https://eu.example.org")),
            allow_credentials: true,
            expose_headers: None,
            allow_methods: Some(AllowMethodsValue::List("GET, PATCH")),
            allow_headers: Some(AllowHeadersValue::List("content-type, x-api-key")),
            max_age: Some("600"),
            allow_private_network: false,
            vary: VarySet::PREFLIGHT,
        }
    );
    assert_eq!(
        plan.vary.header_value(),
        "Origin, Access-Control-Request-Method, Access-Control-Request-Headers"
    );
}

#[test]
fn preflight_rejections() {
    let p = list_policy();
    let cases: [(&[(&str, &str)], RejectReason); 6] = [
        (
            &[
                ("origin", "https://evil.example"),
                ("access-control-request-method", "GET"),
            ],
            RejectReason::OriginNotAllowed(b"https://evil.example"),
        ),
        (
            &[("origin", APP), ("access-control-request-method", "patch")],
            RejectReason::MethodNotAllowed(b"patch"),
        ),
        (
            &[("origin", APP), ("access-control-request-method", "DELETE")],
            RejectReason::MethodNotAllowed(b"DELETE"),
        ),
        (
            &[("origin", APP), ("access-control-request-method", "G T")],
            RejectReason::MalformedRequestMethod,
        ),
        (
            &[
                ("origin", APP),
                ("access-control-request-method", "GET"),
                (
                    "access-control-request-headers",
                    "content-type, authorization",
                ),
            ],
            RejectReason::HeaderNotAllowed(b"authorization"),
        ),
        (
            &[
                ("origin", APP),
                ("access-control-request-method", "GET"),
                ("access-control-request-private-network", "true"),
            ],
            RejectReason::PrivateNetworkNotAllowed,
        ),
    ];
    for (headers, reason) in cases {
        assert_eq!(
            p.evaluate(&preflight(headers)),
            Decision::PreflightRejected(reason)
        );
    }
    let twice = preflight(&[
        ("origin", APP),
        ("access-control-request-method", "GET"),
        ("access-control-request-method", "GET"),
    ]);
    assert_eq!(
        p.evaluate(&twice),
        Decision::PreflightRejected(RejectReason::MalformedRequestMethod)
    );
}

#[test]
fn header_names_are_case_insensitive_and_lists_lenient() {
    let p = list_policy();
    let r = preflight(&[
        ("origin", APP),
        ("access-control-request-method", "GET"),
        ("access-control-request-headers", " Content-Type , ,"),
        ("access-control-request-headers", "X-API-KEY"),
    ]);
    assert!(matches!(p.evaluate(&r), Decision::PreflightAccepted(_)));
}

#[test]
fn oversized_request_headers_are_rejected() {
    let p = any_policy();
    let long = "a,".repeat(100);
    let headers = [
        ("origin", APP),
        ("access-control-request-method", "GET"),
        ("access-control-request-headers", &long),
    ];
    let r = preflight(&headers);
    assert_eq!(
        p.evaluate(&r),
        Decision::PreflightRejected(RejectReason::MalformedRequestHeaders(
            ListError::TooManyElements
        ))
    );
}

#[test]
fn any_policy_echoes_method_and_headers_never_star() {
    let p = any_policy();
    let r = preflight(&[
        ("origin", APP),
        ("access-control-request-method", "patch"),
        ("access-control-request-headers", "authorization,x-custom"),
    ]);
    let Decision::PreflightAccepted(plan) = p.evaluate(&r) else {
        panic!()
    };
    assert_eq!(plan.allow_origin, Some(AllowOriginValue::Any));
    assert_eq!(
        plan.allow_methods,
        Some(AllowMethodsValue::Mirror(b"patch"))
    );
    assert_eq!(plan.allow_headers, Some(AllowHeadersValue::MirrorRequest));
    let r = preflight(&[
        ("origin", APP),
        ("access-control-request-method", "GET"),
        ("access-control-request-headers", "*"),
    ]);
    assert!(matches!(
        p.evaluate(&r),
        Decision::PreflightRejected(RejectReason::MalformedRequestHeaders(ListError::NotToken))
    ));
    let r = preflight(&[("origin", APP), ("access-control-request-method", "GET")]);
    let Decision::PreflightAccepted(plan) = p.evaluate(&r) else {
        panic!()
    };
    assert_eq!(
        plan.allow_headers, None,
        "nothing requested, nothing echoed"
    );
}

#[test]
fn route_methods_apply_when_policy_has_none() {
    let p = Policy::builder().allow_origins([APP]).build().unwrap();
    static ROUTE: NameList = NameList::from_static(&["PUT"], "PUT");
    let put = preflight(&[("origin", APP), ("access-control-request-method", "PUT")]);
    let Decision::PreflightAccepted(plan) = p.evaluate_for_route(&put, &ROUTE) else {
        panic!()
    };
    assert_eq!(plan.allow_methods, Some(AllowMethodsValue::List("PUT")));
    assert_eq!(
        p.evaluate(&put),
        Decision::PreflightRejected(RejectReason::MethodNotAllowed(b"PUT"))
    );
    let get = preflight(&[("origin", APP), ("access-control-request-method", "GET")]);
    let Decision::PreflightAccepted(plan) = p.evaluate(&get) else {
        panic!()
    };
    assert_eq!(
        plan.allow_methods,
        Some(AllowMethodsValue::List("GET, HEAD, POST"))
    );
    assert_eq!(plan.allow_headers, None, "empty list sends no ACAH");
}

#[test]
fn safelisted_methods_pass_whatever_the_policy_lists() {
    let p = Policy::builder()
        .allow_origins([APP])
        .allow_methods(["PUT"])
        .allow_headers(["x-custom"])
        .build()
        .unwrap();
    for method in ["GET", "HEAD", "POST"] {
        let headers = [
            ("origin", APP),
            ("access-control-request-method", method),
            ("access-control-request-headers", "x-custom"),
        ];
        let r = preflight(&headers);
        let Decision::PreflightAccepted(plan) = p.evaluate(&r) else {
            panic!("{method}: {:?}", p.evaluate(&r))
        };
        assert_eq!(
            plan.allow_origin,
            Some(AllowOriginValue::Mirror(APP.as_bytes()))
        );
        assert_eq!(
            plan.allow_methods,
            Some(AllowMethodsValue::List("PUT")),
            "{method}"
        );
        assert_eq!(
            plan.allow_headers,
            Some(AllowHeadersValue::List("x-custom"))
        );
    }
    // Origin and headers are still judged, and only the byte-exact safelisted methods pass.
    let cases: [(&[(&str, &str)], RejectReason); 4] = [
        (
            &[("origin", APP), ("access-control-request-method", "get")],
            RejectReason::MethodNotAllowed(b"get"),
        ),
        (
            &[("origin", APP), ("access-control-request-method", "DELETE")],
            RejectReason::MethodNotAllowed(b"DELETE"),
        ),
        (
            &[
                ("origin", "https://evil.example"),
                ("access-control-request-method", "GET"),
            ],
            RejectReason::OriginNotAllowed(b"https://evil.example"),
        ),
        (
            &[
                ("origin", APP),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", "x-other"),
            ],
            RejectReason::HeaderNotAllowed(b"x-other"),
        ),
    ];
    for (headers, reason) in cases {
        assert_eq!(
            p.evaluate(&preflight(headers)),
            Decision::PreflightRejected(reason)
        );
    }
    // A route's own methods stand in the same way.
    let route_only = Policy::builder().allow_origins([APP]).build().unwrap();
    static PUT_ROUTE: NameList = NameList::from_static(&["PUT"], "PUT");
    let post = preflight(&[("origin", APP), ("access-control-request-method", "POST")]);
    let Decision::PreflightAccepted(plan) = route_only.evaluate_for_route(&post, &PUT_ROUTE) else {
        panic!()
    };
    assert_eq!(plan.allow_methods, Some(AllowMethodsValue::List("PUT")));
}

#[test]
fn private_network_only_for_exact_true() {
    let p = Policy::builder()
        .allow_origins([APP])
        .allow_private_network(true)
        .build()
        .unwrap();
    let r = preflight(&[
        ("origin", APP),
        ("access-control-request-method", "GET"),
        ("access-control-request-private-network", "true"),
    ]);
    let Decision::PreflightAccepted(plan) = p.evaluate(&r) else {
        panic!()
    };
    assert!(plan.allow_private_network);
    assert_eq!(plan.vary, VarySet::PREFLIGHT_PRIVATE_NETWORK);
    let r = preflight(&[
        ("origin", APP),
        ("access-control-request-method", "GET"),
        ("access-control-request-private-network", "TRUE"),
    ]);
    let Decision::PreflightAccepted(plan) = p.evaluate(&r) else {
        panic!()
    };
    assert!(!plan.allow_private_network);
    let r = preflight(&[("origin", APP), ("access-control-request-method", "GET")]);
    let Decision::PreflightAccepted(plan) = p.evaluate(&r) else {
        panic!()
    };
    assert!(!plan.allow_private_network);
}

#[test]
fn options_without_request_method_is_not_a_preflight() {
    let p = list_policy();
    let r = req("OPTIONS", &[("origin", APP)]);
    assert_eq!(classify(&r), RequestKind::Actual);
    assert!(matches!(
        p.evaluate(&r),
        Decision::Actual { rejected: None, .. }
    ));
    assert_eq!(
        classify(&req("OPTIONS", &[("access-control-request-method", "GET")])),
        RequestKind::NotCors
    );
    assert_eq!(
        classify(&preflight(&[
            ("origin", APP),
            ("access-control-request-method", "GET")
        ])),
        RequestKind::Preflight
    );
}

#[test]
fn debug_explanations_never_reach_refused_origins() {
    let p = list_policy();
    let headers = [("origin", APP), ("access-control-request-method", "DELETE")];
    let r = preflight(&headers);
    let Decision::PreflightRejected(reason) = p.evaluate(&r) else {
        panic!()
    };
    let plan = p.explain_rejection(&r, &DEFAULT_METHODS, &reason).unwrap();
    assert_eq!(
        plan.allow_origin,
        Some(AllowOriginValue::Mirror(APP.as_bytes()))
    );
    assert_eq!(
        plan.allow_methods,
        Some(AllowMethodsValue::List("GET, PATCH"))
    );
    assert_eq!(
        plan.allow_headers,
        Some(AllowHeadersValue::List("content-type, x-api-key"))
    );
    let headers = [
        ("origin", "https://evil.example"),
        ("access-control-request-method", "GET"),
    ];
    let r = preflight(&headers);
    let Decision::PreflightRejected(reason) = p.evaluate(&r) else {
        panic!()
    };
    assert_eq!(p.explain_rejection(&r, &DEFAULT_METHODS, &reason), None);
}

#[test]
fn null_origin_with_opt_in() {
    let p = Policy::builder()
        .allow_origins([APP])
        .allow_null_origin()
        .build()
        .unwrap();
    let r = req("GET", &[("origin", "null")]);
    let Decision::Actual {
        plan,
        rejected: None,
    } = p.evaluate(&r)
    else {
        panic!()
    };
    assert_eq!(plan.allow_origin, Some(AllowOriginValue::Mirror(b"null")));
}

use super::*;

fn strings(items: &[&str]) -> Option<Vec<String>> {
    Some(items.iter().map(|s| s.to_string()).collect())
}

fn spec(origins: &[&str]) -> PolicySpec {
    PolicySpec {
        origins: strings(origins),
        ..PolicySpec::default()
    }
}

fn problems(spec: &PolicySpec) -> Vec<(ProblemKind, Field, Option<usize>)> {
    match validate(spec) {
        Ok(_) => Vec::new(),
        Err(e) => e
            .problems()
            .iter()
            .map(|p| (p.kind, p.field, p.index))
            .collect(),
    }
}

use Field as F;
use ProblemKind as K;

#[test]
fn all_lists_every_rule() {
    // Each rule gets a distinct position; adding a rule fails to compile here (no wildcard
    // arm), and `ALL` must then hold it at its position.
    let position = |kind: ProblemKind| match kind {
        K::MissingOrigins => 0,
        K::EmptyList => 1,
        K::InvalidOrigin => 2,
        K::InvalidOriginPattern => 3,
        K::PortZero => 4,
        K::PublicSuffixPattern => 5,
        K::NullOriginNotAllowed => 6,
        K::WildcardMixed => 7,
        K::WildcardWithCredentials => 8,
        K::InsecureOriginWithCredentials => 9,
        K::Duplicate => 10,
        K::InvalidMethod => 11,
        K::ForbiddenMethod => 12,
        K::MethodNotUpperCase => 13,
        K::InvalidHeaderName => 14,
        K::ForbiddenRequestHeader => 15,
        K::AccessControlHeader => 16,
        K::ForbiddenExposedHeader => 17,
        K::MaxAgeTooLarge => 18,
        K::WildcardWithOriginCheck => 19,
    };
    for (i, kind) in ProblemKind::all().iter().enumerate() {
        assert_eq!(position(*kind), i, "{kind:?}");
    }
}

#[test]
fn missing_and_empty_origins() {
    assert_eq!(
        problems(&PolicySpec::default()),
        [(K::MissingOrigins, F::Origins, None)]
    );
    assert_eq!(problems(&spec(&[])), [(K::EmptyList, F::Origins, None)]);
}

#[test]
fn each_bad_origin_is_reported_at_its_index() {
    let s = spec(&[
        "https://ok.example",
        "https://a.com/",
        "HTTPS://b.com",
        "https://c.com:443",
        "null",
        "https://*.com",
        "https://ok.example",
    ]);
    assert_eq!(
        problems(&s),
        [
            (K::InvalidOrigin, F::Origins, Some(1)),
            (K::InvalidOrigin, F::Origins, Some(2)),
            (K::InvalidOrigin, F::Origins, Some(3)),
            (K::NullOriginNotAllowed, F::Origins, Some(4)),
            (K::InvalidOriginPattern, F::Origins, Some(5)),
            (K::Duplicate, F::Origins, Some(6)),
        ]
    );
}

#[test]
fn null_with_opt_in_is_accepted() {
    let s = PolicySpec {
        allow_null_origin: true,
        ..spec(&["null"])
    };
    assert!(validate(&s).unwrap().allows_origin(b"null"));
}

#[test]
fn wildcards() {
    assert_eq!(
        problems(&spec(&["https://a.example", "*"])),
        [(K::WildcardMixed, F::Origins, Some(1))]
    );
    let cred = |mut s: PolicySpec| {
        s.credentials = true;
        problems(&s)
    };
    assert_eq!(
        cred(spec(&["*"])),
        [(K::WildcardWithCredentials, F::Origins, Some(0))]
    );
    let base = spec(&["https://a.example"]);
    assert_eq!(
        cred(PolicySpec {
            methods: strings(&["*"]),
            ..base.clone()
        }),
        [(K::WildcardWithCredentials, F::Methods, Some(0))]
    );
    assert_eq!(
        cred(PolicySpec {
            allow_headers: strings(&["x-a", "*"]),
            ..base.clone()
        }),
        [
            (K::WildcardMixed, F::AllowHeaders, Some(1)),
            (K::WildcardWithCredentials, F::AllowHeaders, Some(1))
        ]
    );
    assert_eq!(
        cred(PolicySpec {
            expose_headers: strings(&["*"]),
            ..base.clone()
        }),
        [(K::WildcardWithCredentials, F::ExposeHeaders, Some(0))]
    );
    assert!(
        problems(&PolicySpec {
            methods: strings(&["*"]),
            allow_headers: strings(&["*"]),
            expose_headers: strings(&["*"]),
            ..spec(&["*"])
        })
        .is_empty()
    );
}

#[test]
fn methods() {
    let s = PolicySpec {
        methods: strings(&["GET", "get", "TRACE", "GE T", "PURGE", "GET"]),
        ..spec(&["*"])
    };
    assert_eq!(
        problems(&s),
        [
            (K::MethodNotUpperCase, F::Methods, Some(1)),
            (K::ForbiddenMethod, F::Methods, Some(2)),
            (K::InvalidMethod, F::Methods, Some(3)),
            (K::Duplicate, F::Methods, Some(5)),
        ]
    );
    assert_eq!(
        problems(&PolicySpec {
            methods: strings(&[]),
            ..spec(&["*"])
        }),
        [(K::EmptyList, F::Methods, None)]
    );
}

#[test]
fn header_names() {
    let s = PolicySpec {
        allow_headers: strings(&["content-type", "Cookie", "x a", "Content-Type", "sec-foo"]),
        expose_headers: strings(&["x-id", "Set-Cookie", "x-id"]),
        ..spec(&["*"])
    };
    assert_eq!(
        problems(&s),
        [
            (K::ForbiddenRequestHeader, F::AllowHeaders, Some(1)),
            (K::InvalidHeaderName, F::AllowHeaders, Some(2)),
            (K::Duplicate, F::AllowHeaders, Some(3)),
            (K::ForbiddenRequestHeader, F::AllowHeaders, Some(4)),
            (K::ForbiddenExposedHeader, F::ExposeHeaders, Some(1)),
            (K::Duplicate, F::ExposeHeaders, Some(2)),
        ]
    );
}

#[test]
fn port_zero_is_refused_in_origins_and_patterns() {
    let s = spec(&[
        "http://localhost:0",
        "https://*.example.com:0",
        "http://localhost:00",
        "http://localhost:*",
    ]);
    assert_eq!(
        problems(&s),
        [
            (K::PortZero, F::Origins, Some(0)),
            (K::PortZero, F::Origins, Some(1)),
            (K::PortZero, F::Origins, Some(2)),
        ]
    );
    assert_eq!(
        validate(&spec(&["http://localhost:0"]))
            .unwrap_err()
            .problems()[0]
            .message,
        "origin `http://localhost:0` has port 0, which browsers never fetch from (Fetch blocks it \
         as a bad port); write the port the page is served on"
    );
}

#[test]
fn subdomain_patterns_over_a_public_suffix_need_the_opt_in() {
    let s = spec(&[
        "https://*.co.uk",
        "https://*.github.io",
        "https://*.herokuapp.com",
        "https://*.compute.amazonaws.com",
        "https://*.example.co.uk",
        "https://someone.github.io",
        "https://*.someone.github.io",
        "https://*.example.com",
    ]);
    assert_eq!(
        problems(&s),
        [
            (K::PublicSuffixPattern, F::Origins, Some(0)),
            (K::PublicSuffixPattern, F::Origins, Some(1)),
            (K::PublicSuffixPattern, F::Origins, Some(2)),
            (K::PublicSuffixPattern, F::Origins, Some(3)),
        ]
    );
    assert_eq!(
        validate(&spec(&["https://*.github.io"]))
            .unwrap_err()
            .problems()[0]
            .message,
        "origin pattern `https://*.github.io` admits every site registered under `github.io`, a \
         public suffix (private section of the Public Suffix List), other people's included; name \
         your own domain, e.g. `https://example.github.io` or `https://*.example.github.io`, or set \
         `allow_public_suffix_patterns = true` if you run `github.io`"
    );
    let owner = PolicySpec {
        allow_public_suffix_patterns: true,
        ..s
    };
    let policy = validate(&owner).expect("the owner's opt-in");
    assert!(policy.allows_origin(b"https://someone.herokuapp.com"));
    // A bare top-level domain stays refused: no one owns `*.com`.
    let bare = PolicySpec {
        allow_public_suffix_patterns: true,
        ..spec(&["https://*.com"])
    };
    assert_eq!(
        problems(&bare),
        [(K::InvalidOriginPattern, F::Origins, Some(0))]
    );
}

#[test]
fn credentials_need_secure_or_loopback_origins() {
    let s = PolicySpec {
        credentials: true,
        ..spec(&[
            "http://app.example.com",
            "http://*.example.com",
            "http://10.0.0.1:8080",
            "https://app.example.com",
            "http://localhost:*",
            "http://localhost:3000",
            "http://127.0.0.1:5173",
            "http://127.8.9.10",
            "http://[::1]:3000",
            "http://app.localhost:8080",
            "http://*.dev.localhost",
        ])
    };
    assert_eq!(
        problems(&s),
        [
            (K::InsecureOriginWithCredentials, F::Origins, Some(0)),
            (K::InsecureOriginWithCredentials, F::Origins, Some(1)),
            (K::InsecureOriginWithCredentials, F::Origins, Some(2)),
        ]
    );
    let messages: Vec<String> = validate(&s)
        .unwrap_err()
        .problems()
        .iter()
        .map(|p| p.message.clone())
        .collect();
    assert_eq!(
        messages[0],
        "origin `http://app.example.com` is plain `http`, so with `credentials = true` anyone on \
         the network path can act as that origin and use the user's session; write \
         `https://app.example.com`, or set `allow_insecure_origins = true` to accept the risk"
    );
    assert!(messages[1].starts_with("origin pattern `http://*.example.com` is plain `http`"));
    assert!(messages[1].contains("write `https://*.example.com`"));
    assert!(
        validate(&PolicySpec {
            allow_insecure_origins: true,
            ..s.clone()
        })
        .is_ok()
    );
    assert!(
        validate(&PolicySpec {
            credentials: false,
            ..s
        })
        .is_ok(),
        "without credentials, plain http is only as exposed as the page itself"
    );
}

#[test]
fn access_control_names_in_allow_headers_name_the_key_meant() {
    let s = PolicySpec {
        allow_headers: strings(&[
            "Access-Control-Allow-Origin",
            "access-control-allow-credentials",
            "access-control-request-method",
            "ACCESS-CONTROL-REQUEST-HEADERS",
            "x-api-key",
        ]),
        expose_headers: strings(&["access-control-allow-origin"]),
        ..spec(&["*"])
    };
    // The `access-control-request-*` names are forbidden request headers too; the sentence
    // naming the key the user meant wins.
    assert_eq!(
        problems(&s),
        [
            (K::AccessControlHeader, F::AllowHeaders, Some(0)),
            (K::AccessControlHeader, F::AllowHeaders, Some(1)),
            (K::AccessControlHeader, F::AllowHeaders, Some(2)),
            (K::AccessControlHeader, F::AllowHeaders, Some(3)),
        ]
    );
}

#[test]
fn max_age_bound() {
    assert_eq!(
        problems(&PolicySpec {
            max_age: Some(86_401),
            ..spec(&["*"])
        }),
        [(K::MaxAgeTooLarge, F::MaxAge, None)]
    );
    assert!(
        problems(&PolicySpec {
            max_age: Some(86_400),
            ..spec(&["*"])
        })
        .is_empty()
    );
}

#[test]
fn messages_are_lower_case_and_say_the_fix() {
    let err = validate(&PolicySpec {
        credentials: true,
        ..spec(&["*", "https://a.com/"])
    })
    .unwrap_err();
    let text = err.to_string();
    assert_eq!(
        text,
        "invalid CORS policy (3 problems):\n  \
         - `\"*\"` in `origins` cannot be combined with other entries; use `origins = \"*\"` alone or list them\n  \
         - `origins = \"*\"` cannot be used with `credentials = true`: browsers refuse `Access-Control-Allow-Origin: *` on credentialed requests; list them explicitly\n  \
         - origin `https://a.com/` has a path; write `https://a.com`"
    );
    for p in err.problems() {
        assert!(!p.message.starts_with(char::is_uppercase), "{}", p.message);
    }
}

#[test]
fn builder_and_spec_agree() {
    let from_builder = Policy::builder()
        .allow_origins(["https://a.com/"])
        .max_age(90_000)
        .build()
        .unwrap_err();
    let from_spec = validate(&PolicySpec {
        max_age: Some(90_000),
        ..spec(&["https://a.com/"])
    })
    .unwrap_err();
    assert_eq!(from_builder, from_spec);
}

#[test]
fn built_values_are_precomputed() {
    let p = Policy::builder()
        .allow_origins(["https://b.example", "https://a.example"])
        .allow_methods(["GET", "PATCH"])
        .allow_headers(["Content-Type", "x-api-key"])
        .expose_headers(["X-Request-Id"])
        .max_age(600)
        .build()
        .unwrap();
    assert_eq!(
        p.origins().exact().iter().collect::<Vec<_>>(),
        ["https://a.example", "https://b.example"]
    );
    assert!(matches!(p.methods(), AllowedMethods::List(l) if l.header_value() == "GET, PATCH"));
    assert!(
        matches!(p.allow_headers(), AllowedHeaders::List(l) if l.header_value() == "content-type, x-api-key")
    );
    assert_eq!(p.expose_headers(), Some("x-request-id"));
    assert_eq!(p.max_age(), Some("600"));
}

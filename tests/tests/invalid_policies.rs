//! No dangerous or impossible policy can be written: every rule of the rulebook refuses its case
//! both at compile time (a `tests/ui/fail` case whose snapshot carries the sentence) and in the
//! run-time builder, with the same sentence, because both call the same code.

use cors_actix::ProblemKind;
use cors_actix::{Policy, PolicyBuilder};

const APP: &str = "https://app.example";

/// One case per rule: the builder form, and the UI case that writes the same policy as an attribute.
fn cases() -> Vec<(ProblemKind, PolicyBuilder, &'static str)> {
    let b = Policy::builder;
    let app = || b().allow_origins([APP]);
    vec![
        (
            ProblemKind::MissingOrigins,
            b().max_age(600),
            "origins/missing",
        ),
        (
            ProblemKind::EmptyList,
            b().allow_origins([""; 0]),
            "origins/empty",
        ),
        (
            ProblemKind::InvalidOrigin,
            b().allow_origins(["https://app.example/api"]),
            "origins/path",
        ),
        (
            ProblemKind::InvalidOriginPattern,
            b().allow_origins(["https://*.com"]),
            "origins/pattern_bare_tld",
        ),
        (
            ProblemKind::PortZero,
            b().allow_origins([APP, "http://localhost:0"]),
            "origins/port_zero",
        ),
        (
            ProblemKind::PublicSuffixPattern,
            b().allow_origins([APP, "https://*.co.uk"]),
            "origins/pattern_public_suffix",
        ),
        (
            ProblemKind::NullOriginNotAllowed,
            b().allow_origins(["null"]),
            "origins/null_without_opt_in",
        ),
        (
            ProblemKind::WildcardMixed,
            b().allow_origins(["*", APP]),
            "origins/wildcard_mixed",
        ),
        (
            ProblemKind::WildcardWithCredentials,
            b().allow_any_origin().allow_credentials(true),
            "credentials/wildcard_origins",
        ),
        (
            ProblemKind::InsecureOriginWithCredentials,
            b().allow_origins(["http://app.example.com"])
                .allow_credentials(true),
            "credentials/insecure_origin",
        ),
        (
            ProblemKind::Duplicate,
            b().allow_origins([APP, APP]),
            "origins/duplicate",
        ),
        (
            ProblemKind::InvalidMethod,
            app().allow_methods(["GET", "GE T"]),
            "methods/invalid_token",
        ),
        (
            ProblemKind::ForbiddenMethod,
            app().allow_methods(["GET", "TRACE"]),
            "methods/forbidden_trace",
        ),
        (
            ProblemKind::MethodNotUpperCase,
            app().allow_methods(["patch"]),
            "methods/lower_case_patch",
        ),
        (
            ProblemKind::InvalidHeaderName,
            app().allow_headers(["x api key"]),
            "headers/invalid_name",
        ),
        (
            ProblemKind::ForbiddenRequestHeader,
            app().allow_headers(["content-type", "cookie"]),
            "headers/forbidden_request_header",
        ),
        (
            ProblemKind::AccessControlHeader,
            app().allow_headers(["content-type", "Access-Control-Allow-Origin"]),
            "headers/access_control_name",
        ),
        (
            ProblemKind::ForbiddenExposedHeader,
            app().expose_headers(["x-request-id", "set-cookie"]),
            "headers/expose_set_cookie",
        ),
        (
            ProblemKind::MaxAgeTooLarge,
            app().max_age(86_401),
            "max_age/above_one_day",
        ),
        (
            ProblemKind::WildcardWithOriginCheck,
            Policy::builder().allow_any_origin().origin_check(true),
            "origin_fn/beside_any_origin",
        ),
    ]
}

#[test]
fn every_rule_is_refused_by_the_builder_and_the_attribute_with_one_sentence() {
    let cases = cases();
    let covered: Vec<ProblemKind> = cases.iter().map(|(kind, ..)| *kind).collect();
    assert_eq!(
        covered,
        ProblemKind::all(),
        "one case per rule, in rulebook order"
    );
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/fail");
    for (kind, builder, ui_case) in cases {
        let error = builder.build().expect_err(ui_case);
        assert_eq!(error.problems().len(), 1, "{ui_case}: {error}");
        let problem = &error.problems()[0];
        assert_eq!(problem.kind, kind, "{ui_case}");
        let stderr = std::fs::read_to_string(ui.join(format!("{ui_case}.stderr"))).expect(ui_case);
        assert!(
            stderr.contains(&format!("error: {}\n", problem.message)),
            "{ui_case}.stderr lacks the builder's sentence: {}",
            problem.message
        );
        assert!(ui.join(format!("{ui_case}.rs")).is_file(), "{ui_case}.rs");
    }
}

/// The same refusal through `policy!`, for a suffix from the list's private section.
#[test]
fn policy_macro_refuses_a_private_suffix_pattern_with_the_builders_sentence() {
    let error = Policy::builder()
        .allow_origins(["https://*.github.io"])
        .build()
        .unwrap_err();
    assert_eq!(error.problems()[0].kind, ProblemKind::PublicSuffixPattern);
    let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/fail/policy");
    let stderr = std::fs::read_to_string(ui.join("macro_private_suffix.stderr")).unwrap();
    assert!(stderr.contains(&format!("error: {}\n", error.problems()[0].message)));
}

// The opt-outs, written as attribute keys: these compile only because the keys lift the rules.
static SUFFIX_OWNER: Policy = cors_actix::policy!(
    origins = ["https://*.github.io", "https://*.co.uk"],
    allow_public_suffix_patterns = true,
);

static INSECURE_ON_PURPOSE: Policy = cors_actix::policy!(
    origins = ["http://app.example.com", "http://*.example.org:8080"],
    credentials = true,
    allow_insecure_origins = true,
);

// Loopback origins never need the opt-in beside credentials.
static LOOPBACK: Policy = cors_actix::policy!(
    origins = [
        "http://localhost:*",
        "http://localhost:3000",
        "http://127.0.0.1:5173",
        "http://[::1]:3000",
        "http://app.localhost:8080",
    ],
    credentials = true,
);

#[test]
fn opt_outs_admit_what_they_name_at_compile_time_and_at_run_time() {
    assert!(SUFFIX_OWNER.allows_origin(b"https://someone.github.io"));
    assert!(INSECURE_ON_PURPOSE.allows_origin(b"http://app.example.com"));
    assert!(INSECURE_ON_PURPOSE.allows_origin(b"http://a.example.org:8080"));
    assert!(LOOPBACK.allows_origin(b"http://localhost:5173"));
    assert!(LOOPBACK.allows_origin(b"http://[::1]:3000"));
    let built = Policy::builder()
        .allow_origins(["https://*.github.io"])
        .allow_public_suffix_patterns(true)
        .build()
        .expect("the suffix owner's opt-in");
    assert!(built.allows_origin(b"https://someone.github.io"));
    let built = Policy::builder()
        .allow_origins(["http://app.example.com"])
        .allow_credentials(true)
        .allow_insecure_origins(true)
        .build()
        .expect("the insecure opt-in");
    assert!(built.credentials());
}

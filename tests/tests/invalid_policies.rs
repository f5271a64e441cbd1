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
            ProblemKind::ForbiddenExposedHeader,
            app().expose_headers(["x-request-id", "set-cookie"]),
            "headers/expose_set_cookie",
        ),
        (
            ProblemKind::MaxAgeTooLarge,
            app().max_age(86_401),
            "max_age/above_one_day",
        ),
    ]
}

#[test]
fn every_rule_is_refused_by_the_builder_and_the_attribute_with_one_sentence() {
    let cases = cases();
    let covered: Vec<ProblemKind> = cases.iter().map(|(kind, ..)| *kind).collect();
    assert_eq!(
        covered,
        ProblemKind::ALL,
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

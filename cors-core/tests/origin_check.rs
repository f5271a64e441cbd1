//! Run-time origin checks beside the list: asked only about a well-formed origin the list
//! refuses, and a `true` admits it as a listed one.

use std::cell::Cell;

use cors_core::{AllowOriginValue, DEFAULT_METHODS, Decision, Policy, ProblemKind, RejectReason};
use cors_testkit::Request;

fn req<'a>(method: &'a str, headers: &[(&'a str, &'a str)]) -> Request<'a> {
    Request::from_fields(method, headers.iter().copied())
}

fn policy() -> Policy {
    Policy::builder()
        .allow_origins(["https://listed.example"])
        .allow_credentials(true)
        .origin_check(true)
        .build()
        .unwrap()
}

#[test]
fn check_asked_only_for_a_well_formed_refused_origin() {
    let p = policy();
    for (origin, asked) in [
        ("https://listed.example", false),
        ("https://tenant.example", true),
        ("null", false),
        ("https://Tenant.example", false),
        ("https://tenant.example/", false),
    ] {
        let calls = Cell::new(0);
        let headers = [("origin", origin)];
        let r = req("GET", &headers);
        p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| {
            calls.set(calls.get() + 1);
            true
        });
        assert_eq!(calls.get(), usize::from(asked), "{origin}");
    }
}

#[test]
fn admitted_by_the_check_as_a_listed_origin() {
    let p = policy();
    let r = req("GET", &[("origin", "https://tenant.example")]);
    let Decision::Actual {
        plan,
        rejected: None,
    } = p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| true)
    else {
        panic!("admitted")
    };
    assert_eq!(
        plan.allow_origin,
        Some(AllowOriginValue::Mirror(b"https://tenant.example"))
    );
    assert!(plan.allow_credentials);
    let refused = p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| false);
    assert!(matches!(
        refused,
        Decision::Actual {
            rejected: Some(RejectReason::OriginRefusedByCheck(
                b"https://tenant.example"
            )),
            ..
        }
    ));
}

#[test]
fn preflight_refused_by_the_check() {
    let p = policy();
    let r = req(
        "OPTIONS",
        &[
            ("origin", "https://tenant.example"),
            ("access-control-request-method", "GET"),
        ],
    );
    assert_eq!(
        p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| false),
        Decision::PreflightRejected(RejectReason::OriginRefusedByCheck(
            b"https://tenant.example"
        ))
    );
    assert!(matches!(
        p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| true),
        Decision::PreflightAccepted(_)
    ));
}

#[test]
fn origins_may_be_left_out_beside_a_check_and_star_is_refused() {
    assert!(Policy::builder().build().is_err());
    assert!(Policy::builder().origin_check(true).build().is_ok());
    let error = Policy::builder()
        .allow_any_origin()
        .origin_check(true)
        .build()
        .unwrap_err();
    assert_eq!(
        error.problems()[0].kind,
        ProblemKind::WildcardWithOriginCheck
    );
}

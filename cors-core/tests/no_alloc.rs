//! Evaluation and header planning never touch the heap, for any kind of request.

use cors_core::{Decision, Policy, VarySet};
use cors_testkit::{CountingAllocator, Request, Usage};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn req<'a>(method: &'a str, headers: &[(&'a str, &'a str)]) -> Request<'a> {
    Request::from_fields(method, headers.iter().copied())
}

const O: &str = "origin";
const M: &str = "access-control-request-method";
const H: &str = "access-control-request-headers";
const P: &str = "access-control-request-private-network";

#[test]
fn every_request_kind_is_allocation_free() {
    let many: Vec<String> = (0..1000).map(|i| format!("https://o{i}.example")).collect();
    let list = Policy::builder()
        .allow_origins(
            many.iter()
                .map(String::as_str)
                .chain(["https://*.example.org", "http://localhost:*"]),
        )
        .allow_methods(["GET", "PUT"])
        .allow_headers(["content-type", "x-api-key"])
        .expose_headers(["x-request-id"])
        .allow_credentials(true)
        .allow_private_network(true)
        .max_age(600)
        .build()
        .unwrap();
    let any = Policy::builder()
        .allow_any_origin()
        .allow_any_method()
        .allow_any_header()
        .build()
        .unwrap();
    let long = "x,".repeat(3000);
    let oversized = [(O, "https://o1.example"), (M, "GET"), (H, long.as_str())];
    let requests: Vec<Request> = vec![
        req("GET", &[]),
        req("GET", &[(O, "https://o500.example")]),
        req("POST", &[(O, "https://a.b.example.org")]),
        req("GET", &[(O, "http://localhost:5173")]),
        req("GET", &[(O, "https://evil.example")]),
        req("GET", &[(O, "https://A.example.org")]),
        req("GET", &[(O, "a"), (O, "b")]),
        req("OPTIONS", &[(O, "https://o1.example")]),
        req(
            "OPTIONS",
            &[
                (O, "https://o1.example"),
                (M, "PUT"),
                (H, "content-type, X-Api-Key"),
                (P, "true"),
            ],
        ),
        req("OPTIONS", &[(O, "https://o1.example"), (M, "DELETE")]),
        req(
            "OPTIONS",
            &[(O, "https://o1.example"), (M, "GET"), (H, "authorization")],
        ),
        req("OPTIONS", &oversized),
        req("OPTIONS", &[(O, "https://evil.example"), (M, "GET")]),
    ];
    let mut decisions = 0;
    for policy in [&list, &any] {
        for req in &requests {
            let usage = Usage::of(|| {
                let decision = policy.evaluate(req);
                let plan = match decision {
                    Decision::NotCors(plan)
                    | Decision::Actual { plan, .. }
                    | Decision::PreflightAccepted(plan) => plan,
                    Decision::PreflightRejected(_) => Default::default(),
                };
                let vary = plan.vary.missing_from([&b"accept-encoding"[..]]);
                std::hint::black_box((decision, vary.header_value(), VarySet::ORIGIN));
                decisions += 1;
            });
            assert_eq!(usage.allocations, 0, "{req:?}");
        }
    }
    assert_eq!(decisions, 26);
    // With a run-time check beside the list (asked, or not, in each of the requests above).
    for req in &requests {
        for verdict in [true, false] {
            let usage = Usage::of(|| {
                let decision = list.evaluate_with_check(req, &cors_core::DEFAULT_METHODS, |o| {
                    std::hint::black_box(o.len()) > 0 && verdict
                });
                std::hint::black_box(decision);
            });
            assert_eq!(usage.allocations, 0, "checked {req:?}");
        }
    }
    // The counter does count: a deliberate allocation is seen.
    let boxed = Usage::of(|| drop(std::hint::black_box(Box::new(1u8))));
    assert_eq!(boxed.allocations, 1);
}

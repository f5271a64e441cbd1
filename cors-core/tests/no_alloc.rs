//! Evaluation and header planning never touch the heap, for any kind of request.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use cors_core::{CorsRequest, Decision, Policy, RequestHeader, VarySet};

struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if ARMED.with(Cell::get) {
            COUNT.with(|c| c.set(c.get() + 1));
        }
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations made on this thread while running `f`.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    ARMED.with(|a| a.set(true));
    f();
    ARMED.with(|a| a.set(false));
    COUNT.with(Cell::get)
}

struct Req<'a>(&'a str, &'a [(&'a str, &'a str)]);

impl CorsRequest for Req<'_> {
    fn method(&self) -> &[u8] {
        self.0.as_bytes()
    }
    fn header_values(&self, h: RequestHeader) -> impl Iterator<Item = &[u8]> {
        self.1
            .iter()
            .filter(move |(n, _)| *n == h.as_str())
            .map(|(_, v)| v.as_bytes())
    }
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
    let requests: Vec<Req> = vec![
        Req("GET", &[]),
        Req("GET", &[(O, "https://o500.example")]),
        Req("POST", &[(O, "https://a.b.example.org")]),
        Req("GET", &[(O, "http://localhost:5173")]),
        Req("GET", &[(O, "https://evil.example")]),
        Req("GET", &[(O, "https://A.example.org")]),
        Req("GET", &[(O, "a"), (O, "b")]),
        Req("OPTIONS", &[(O, "https://o1.example")]),
        Req(
            "OPTIONS",
            &[
                (O, "https://o1.example"),
                (M, "PUT"),
                (H, "content-type, X-Api-Key"),
                (P, "true"),
            ],
        ),
        Req("OPTIONS", &[(O, "https://o1.example"), (M, "DELETE")]),
        Req(
            "OPTIONS",
            &[(O, "https://o1.example"), (M, "GET"), (H, "authorization")],
        ),
        Req("OPTIONS", &oversized),
        Req("OPTIONS", &[(O, "https://evil.example"), (M, "GET")]),
    ];
    let mut decisions = 0;
    for policy in [&list, &any] {
        for req in &requests {
            let count = allocations(|| {
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
            assert_eq!(count, 0, "{} {:?}", req.0, req.1.first());
        }
    }
    assert_eq!(decisions, 26);
    // With a run-time check beside the list (asked, or not, in each of the requests above).
    for req in &requests {
        for verdict in [true, false] {
            let count = allocations(|| {
                let decision = list.evaluate_with_check(req, &cors_core::DEFAULT_METHODS, |o| {
                    std::hint::black_box(o.len()) > 0 && verdict
                });
                std::hint::black_box(decision);
            });
            assert_eq!(count, 0, "checked {} {:?}", req.0, req.1.first());
        }
    }
    // The counter does count: a deliberate allocation is seen.
    assert_eq!(allocations(|| drop(std::hint::black_box(Box::new(1u8)))), 1);
}

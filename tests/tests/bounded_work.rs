//! What hostile requests cost, counted rather than timed: the field lines and names cors-core
//! reads (operation counts), the allocations a request through the real actix service makes
//! (a counting global allocator: no more for a 1 MiB list than for a one-word one), and the
//! memory left behind (allocated minus freed bytes flat across repeated hostile requests).

use std::cell::Cell;

use actix_web::App;
use actix_web::http::header::HeaderValue;
use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service};
use cors_core::__private::for_each_name;
use cors_core::{Decision, ListError, Policy, RejectReason, RequestHeader};
use cors_testkit::{CountingAllocator, Request, Usage, from_origin, preflight};
use cors_tests::routes::{APP, PARTNERS, configure, huge_origin, megabyte_header_list};

// Counts per thread: actix's test runtime runs the service on the test's thread.
#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// What reading a list cost and gave: (lines pulled, names visited, result).
type ListWork = (usize, usize, Result<usize, ListError>);

/// Reads `lines` as one `Access-Control-Request-Headers` list.
fn read_list(lines: &[&[u8]]) -> ListWork {
    let pulled = Cell::new(0);
    let mut visited = 0;
    let counted = lines.iter().map(|&line| {
        pulled.set(pulled.get() + 1);
        line
    });
    let result = for_each_name(counted, |_| {
        visited += 1;
        true
    });
    let result = result.map_err(|e| e.expect_err("the visitor refuses nothing"));
    (pulled.get(), visited, result)
}

#[test]
fn hostile_lists_stop_at_their_bounds() {
    let megabyte = megabyte_header_list();
    let commas = ",".repeat(10_000);
    let comma_lines = vec![&b","[..]; 10_000];
    let name_lines = vec![&b"x-a"[..]; 10_000];
    let byte_lines = vec![&b"a,"[..]; 10_000];
    let cases: [(&str, &[&[u8]], ListWork); 5] = [
        // Refused on its length before a single element is read: a scan would have stopped
        // at the 65th name, 130 bytes in.
        (
            "1 MiB `a,a,...`",
            &[megabyte.as_bytes()],
            (1, 0, Err(ListError::TooLong)),
        ),
        (
            "10,000 commas",
            &[commas.as_bytes()],
            (1, 0, Err(ListError::TooLong)),
        ),
        (
            "10,000 `,` lines",
            &comma_lines,
            (9, 0, Err(ListError::TooManyElements)),
        ),
        (
            "10,000 `x-a` lines",
            &name_lines,
            (65, 64, Err(ListError::TooManyElements)),
        ),
        (
            "10,000 `a,` lines",
            &byte_lines,
            (17, 17, Err(ListError::TooManyElements)),
        ),
    ];
    for (what, lines, expected) in cases {
        assert_eq!(read_list(lines), expected, "{what}");
    }
}

#[test]
fn hostile_requests_hand_cors_core_a_bounded_number_of_lines() {
    use RequestHeader::{Origin, RequestHeaders, RequestMethod};
    let any_header = Policy::builder()
        .allow_origins([APP])
        .allow_any_header()
        .build()
        .expect("valid policy");
    let megabyte = megabyte_header_list();
    let origin = huge_origin();
    let app = APP.as_bytes();
    let preflight = |extra: Vec<(RequestHeader, &'static [u8])>| {
        let mut headers = vec![(Origin, app), (RequestMethod, &b"POST"[..])];
        headers.extend(extra);
        headers
    };
    let cases: Vec<(&str, &Policy, Request<'_>, usize)> = vec![
        (
            "1 MiB list",
            &any_header,
            Request::from_headers("OPTIONS", {
                let mut h = preflight(vec![]);
                h.push((RequestHeaders, megabyte.as_bytes()));
                h
            }),
            // `Origin` (twice: classification, then decision), the method, the one list line.
            4,
        ),
        (
            "10,000 `,` lines",
            &any_header,
            Request::from_headers(
                "OPTIONS",
                preflight(vec![(RequestHeaders, &b","[..]); 10_000]),
            ),
            // Two empty elements a line: the ninth line's first one is the 17th.
            3 + 9,
        ),
        (
            "10,000 Origin lines",
            &PARTNERS,
            // The first and second `Origin` lines make it malformed; the rest are never read.
            Request::from_headers("POST", vec![(Origin, app); 10_000]),
            2,
        ),
        (
            "10,000 Origin lines, preflight",
            &PARTNERS,
            Request::from_headers("OPTIONS", {
                let mut h = vec![(Origin, app); 10_000];
                h.push((RequestMethod, &b"POST"[..]));
                h
            }),
            3,
        ),
        (
            "64 KiB origin",
            &PARTNERS,
            Request::from_headers("GET", vec![(Origin, origin.as_bytes())]),
            1,
        ),
    ];
    for (what, policy, req, most) in &cases {
        let decision = policy.evaluate(req);
        assert!(
            !matches!(
                decision,
                Decision::PreflightAccepted(_) | Decision::Actual { rejected: None, .. }
            ),
            "{what}: {decision:?}"
        );
        assert!(
            req.lines_read() <= *most,
            "{what}: {} field lines read, expected at most {most}",
            req.lines_read()
        );
    }
    let Decision::PreflightRejected(reason) = any_header.evaluate(&cases[0].2) else {
        panic!("1 MiB list accepted")
    };
    assert_eq!(
        reason,
        RejectReason::MalformedRequestHeaders(ListError::TooLong)
    );
}

/// A hostile request and a benign one answered the same way: the hostile one may not cost more.
struct Pair {
    what: &'static str,
    hostile: fn() -> TestRequest,
    benign: fn() -> TestRequest,
    status: StatusCode,
}

/// Values built once and shared by reference count, so building a request costs no copy.
struct Values {
    megabyte: HeaderValue,
    origin: HeaderValue,
}

thread_local! {
    static VALUES: Values = Values {
        megabyte: HeaderValue::from_str(&megabyte_header_list()).expect("visible ASCII"),
        origin: HeaderValue::from_str(&huge_origin()).expect("visible ASCII"),
    };
}

/// A preflight from [`APP`] asking for `method` and the request headers `list`.
fn asking(path: &str, method: &str, list: HeaderValue) -> TestRequest {
    preflight(path, APP, method).insert_header(("access-control-request-headers", list))
}

/// A GET of `/items` from `origin`.
fn items_from(origin: HeaderValue) -> TestRequest {
    TestRequest::get()
        .uri("/items")
        .insert_header(("origin", origin))
}

fn megabyte() -> HeaderValue {
    VALUES.with(|v| v.megabyte.clone())
}

fn pairs() -> [Pair; 6] {
    let refused_star: fn() -> TestRequest =
        || asking("/echo", "PUT", HeaderValue::from_static("*"));
    let refused_origin: fn() -> TestRequest =
        || items_from(HeaderValue::from_static("https://evil.example"));
    [
        Pair {
            what: "1 MiB request-header list",
            hostile: || asking("/echo", "PUT", megabyte()),
            benign: refused_star,
            status: StatusCode::FORBIDDEN,
        },
        Pair {
            what: "1 MiB request-header list, list policy",
            hostile: || asking("/items", "POST", megabyte()),
            benign: || asking("/items", "POST", HeaderValue::from_static("authorization")),
            status: StatusCode::FORBIDDEN,
        },
        Pair {
            what: "1,000 comma-only field lines",
            hostile: || {
                (0..1_000).fold(preflight("/echo", APP, "PUT"), |req, _| {
                    req.append_header(("access-control-request-headers", ","))
                })
            },
            benign: refused_star,
            status: StatusCode::FORBIDDEN,
        },
        Pair {
            what: "64 KiB origin",
            hostile: || items_from(VALUES.with(|v| v.origin.clone())),
            benign: refused_origin,
            status: StatusCode::OK,
        },
        Pair {
            what: "1,000 Origin lines",
            hostile: || {
                (0..1_000).fold(from_origin(Method::GET, "/items", APP), |req, _| {
                    req.append_header(("origin", APP))
                })
            },
            benign: refused_origin,
            status: StatusCode::OK,
        },
        Pair {
            what: "non-ASCII origin",
            hostile: || {
                items_from(HeaderValue::from_bytes(b"https://b\xfc.example.org").expect("obs-text"))
            },
            benign: refused_origin,
            status: StatusCode::OK,
        },
    ]
}

#[actix_web::test]
async fn hostile_requests_allocate_no_more_than_benign_ones() {
    let app = init_service(App::new().configure(configure)).await;
    for pair in pairs() {
        let mut cost = [Usage::default(); 2];
        for (slot, make) in [pair.hostile, pair.benign].into_iter().enumerate() {
            // Warm up (request pools, lazily built state), then measure one call.
            for _ in 0..3 {
                drop(call_service(&app, make().to_request()).await);
            }
            let req = make().to_request();
            let before = Usage::of_this_thread();
            let res = call_service(&app, req).await;
            assert_eq!(res.status(), pair.status, "{}", pair.what);
            drop(res);
            cost[slot] = Usage::of_this_thread().since(before);
        }
        let [hostile, benign] = cost;
        assert!(benign.allocations > 0, "the counting allocator counts");
        assert!(
            hostile.allocations <= benign.allocations
                && hostile.allocated_bytes <= benign.allocated_bytes,
            "{}: hostile {hostile:?}, benign {benign:?}",
            pair.what
        );
    }
}

#[actix_web::test]
async fn repeated_hostile_requests_leave_no_memory_behind() {
    let app = init_service(App::new().configure(configure)).await;
    let pairs = pairs();
    let round = || async {
        for pair in &pairs {
            let res = call_service(&app, (pair.hostile)().to_request()).await;
            assert_eq!(res.status(), pair.status, "{}", pair.what);
        }
    };
    for _ in 0..20 {
        round().await;
    }
    let warm = Usage::of_this_thread().live_bytes();
    for _ in 0..200 {
        round().await;
    }
    let after = Usage::of_this_thread().live_bytes();
    assert!(
        after <= warm,
        "{} bytes more live after 200 more rounds of hostile requests",
        after - warm
    );
}

//! Hostile requests through a real actix service answer exactly as DESIGN.md's behaviour table
//! says: a refused origin gets no ACAO/ACAC/ACEH and `Vary: Origin` while the handler runs; a
//! refused preflight gets `403`, no CORS headers, an empty body. What they cost (operations,
//! allocations, memory) is checked in `bounded_work.rs`; the app is `cors_tests::routes`.

use actix_web::App;
use actix_web::dev::ServiceResponse;
use actix_web::http::header::HeaderValue;
use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use cors_testkit::{all, assert_headers, assert_no_cors, from_origin, header, preflight};
use cors_tests::routes::{APP, configure, huge_origin, megabyte_header_list};

const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// The handler ran (`200`), and the origin got no CORS headers but `Vary: Origin`.
fn assert_refused_actual(res: &ServiceResponse, what: &str) {
    assert_no_cors(res, StatusCode::OK, what);
    assert_eq!(all(res, "vary"), ["Origin"], "{what}");
}

/// `403`, no CORS headers, empty body.
async fn assert_refused_preflight(res: ServiceResponse, what: &str) {
    assert_no_cors(&res, StatusCode::FORBIDDEN, what);
    assert!(read_body(res).await.is_empty(), "{what}");
}

/// `/items` answered an allowed `origin`: mirrored byte for byte, once, with credentials.
fn assert_items_allowed(res: &ServiceResponse, origin: &str) {
    assert_eq!(res.status(), StatusCode::OK, "{origin}");
    assert_eq!(all(res, "access-control-allow-origin"), [origin]);
    assert_eq!(all(res, "access-control-allow-credentials"), ["true"]);
    assert_eq!(
        header(res, "access-control-expose-headers"),
        Some("x-request-id")
    );
    assert_eq!(all(res, "vary"), ["Origin"]);
}

fn value(bytes: &[u8]) -> HeaderValue {
    HeaderValue::from_bytes(bytes).expect("the test request builder takes this value")
}

/// A preflight for `/items` (POST) from an allowed origin asking for `list`.
fn items_preflight_with(list: impl Into<String>) -> TestRequest {
    preflight("/items", APP, "POST").insert_header(("access-control-request-headers", list.into()))
}

#[actix_web::test]
async fn megabyte_request_header_list_is_refused_without_echo() {
    let app = init_service(App::new().configure(configure)).await;
    let list = megabyte_header_list();
    let res = call_service(&app, items_preflight_with(list.clone()).to_request()).await;
    assert_refused_preflight(res, "1 MiB list, list policy").await;
    let req = preflight("/echo", APP, "PUT")
        .insert_header(("access-control-request-headers", list))
        .to_request();
    let res = call_service(&app, req).await;
    assert_refused_preflight(res, "1 MiB list, any-header policy").await;
}

#[actix_web::test]
async fn comma_only_lists_are_tolerated_up_to_sixteen_empty_items() {
    let app = init_service(App::new().configure(configure)).await;
    let res = call_service(&app, items_preflight_with(",".repeat(10_000)).to_request()).await;
    assert_refused_preflight(res, "10,000 commas on one line").await;

    let mut req = preflight("/echo", APP, "PUT");
    for _ in 0..10_000 {
        req = req.append_header(("access-control-request-headers", ","));
    }
    let res = call_service(&app, req.to_request()).await;
    assert_refused_preflight(res, "10,000 comma-only field lines").await;

    // 15 commas are 16 empty items: tolerated, and nothing is echoed.
    let req = preflight("/echo", APP, "PUT")
        .insert_header(("access-control-request-headers", ",".repeat(15)))
        .to_request();
    let res = call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_headers(
        &res,
        &[
            ("access-control-allow-origin", Some(APP)),
            ("access-control-allow-headers", None),
            ("vary", Some(PREFLIGHT_VARY)),
        ],
    );
    let res = call_service(&app, items_preflight_with(",".repeat(15)).to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        header(&res, "access-control-allow-headers"),
        Some("content-type, x-api-key")
    );
    // 16 commas are 17.
    let res = call_service(&app, items_preflight_with(",".repeat(16)).to_request()).await;
    assert_refused_preflight(res, "17 empty items").await;
}

#[actix_web::test]
async fn several_origin_lines_are_not_allowed() {
    let app = init_service(App::new().configure(configure)).await;
    for (path, second) in [
        ("/items", APP),
        ("/items", "https://eu.example.org"),
        ("/public", APP),
        ("/sandboxed", "null"),
    ] {
        let req = from_origin(Method::GET, path, APP)
            .append_header(("origin", second))
            .to_request();
        assert_refused_actual(&call_service(&app, req).await, path);
        let req = preflight(path, APP, "GET")
            .append_header(("origin", second))
            .to_request();
        assert_refused_preflight(call_service(&app, req).await, path).await;
    }
    let mut req = from_origin(Method::POST, "/items", APP);
    for _ in 0..10_000 {
        req = req.append_header(("origin", APP));
    }
    assert_refused_actual(&call_service(&app, req.to_request()).await, "10,001 lines");
}

#[actix_web::test]
async fn non_ascii_and_control_bytes_are_not_allowed() {
    let app = init_service(App::new().configure(configure)).await;
    let origins: [&[u8]; 6] = [
        "https://bü.example.org".as_bytes(),
        b"https://b\xfc.example.org",
        b"https://app.example\xff",
        b"https://app\t.example",
        b"https://app.example\t",
        &[0x80; 64],
    ];
    for origin in origins {
        let what = String::from_utf8_lossy(origin);
        let req = TestRequest::get()
            .uri("/items")
            .insert_header(("origin", value(origin)))
            .to_request();
        assert_refused_actual(&call_service(&app, req).await, &what);
        let req = TestRequest::default()
            .method(Method::OPTIONS)
            .uri("/items")
            .insert_header(("origin", value(origin)))
            .insert_header(("access-control-request-method", "GET"))
            .to_request();
        assert_refused_preflight(call_service(&app, req).await, &what).await;
        // Any-origin: the static `*`, as on every response of that route; nothing echoed.
        let req = TestRequest::get()
            .uri("/public")
            .insert_header(("origin", value(origin)))
            .to_request();
        let res = call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(all(&res, "access-control-allow-origin"), ["*"], "{what}");
    }
    for list in [&b"x-\xc3\xa4"[..], b"content-type, x-api-key\xff", b"\x80"] {
        let req = preflight("/echo", APP, "PUT")
            .insert_header(("access-control-request-headers", value(list)))
            .to_request();
        let what = String::from_utf8_lossy(list);
        assert_refused_preflight(call_service(&app, req).await, &what).await;
    }
    // A method no route on the path serves is not claimed by its preflight routes: `404`
    // (DESIGN.md, known limits), still without CORS headers.
    let req = preflight("/items", APP, "G\tT").to_request();
    let res = call_service(&app, req).await;
    assert_no_cors(&res, StatusCode::NOT_FOUND, "no route claims the preflight");
    // Tabs are optional whitespace in lists.
    let res = call_service(
        &app,
        items_preflight_with("\tcontent-type,\tx-api-key\t").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[actix_web::test]
async fn origin_of_64_kib_is_not_allowed() {
    let app = init_service(App::new().configure(configure)).await;
    let origin = huge_origin();
    assert_eq!(origin.len(), 64 * 1024);
    let req = from_origin(Method::GET, "/items", &origin).to_request();
    assert_refused_actual(&call_service(&app, req).await, "64 KiB origin");
    let req = preflight("/items", &origin, "GET").to_request();
    assert_refused_preflight(call_service(&app, req).await, "64 KiB origin").await;
    let req = from_origin(Method::GET, "/public", &origin).to_request();
    let res = call_service(&app, req).await;
    assert_eq!(all(&res, "access-control-allow-origin"), ["*"]);
    assert_eq!(header(&res, "vary"), None);
}

/// Origins `/items` refuses, by kind: none of them is the canonical form of an allowed origin.
const REFUSED_ORIGINS: [(&str, &[&str]); 4] = [
    (
        "userinfo",
        &[
            "https://user:pass@app.example",
            "https://app.example@evil.example",
            "https://user@eu.example.org",
            "https://eu.example.org@evil.example",
            "https://evil.example#@app.example",
            "https://evil.example\\@app.example",
        ],
    ),
    (
        "non-canonical IPv6",
        &[
            "http://[::1]",
            "http://[::1]:8081",
            "http://[0:0:0:0:0:0:0:1]:8080",
            "http://[0::1]:8080",
            "http://[::0001]:8080",
            "http://[::1]:8080.example.org",
            "http://[::1%25eth0]:8080",
            "http://::1:8080",
            "http://[::ffff:127.0.0.1]:8080",
        ],
    ),
    (
        "mixed case",
        &[
            "HTTPS://app.example",
            "Https://app.example",
            "https://APP.example",
            "https://App.Example",
            "HTTPS://eu.example.org",
            "https://EU.example.org",
            "https://eu.EXAMPLE.org",
            "HTTP://[::1]:8080",
        ],
    ),
    (
        "look-alike",
        &[
            "https://app.example.evil",
            "https://evilapp.example",
            "https://app.example:443",
            "https://app.example/",
            "https://app.example.",
            "http://app.example",
            "https://example.org",
            "https://evilexample.org",
            "https://eu.example.org.evil.com",
            "https://eu.example.org:443",
            "https://eu.example.org:8443",
            "https://eu.example.org/",
            "https://eu.example.org.",
            "https://.example.org",
            "https://eu..example.org",
            "",
            " ",
        ],
    ),
];

#[actix_web::test]
async fn userinfo_ipv6_mixed_case_and_look_alike_origins_are_not_allowed() {
    let app = init_service(App::new().configure(configure)).await;
    for (kind, origins) in REFUSED_ORIGINS {
        for origin in origins {
            let what = format!("{kind}: {origin:?}");
            let req = from_origin(Method::GET, "/items", origin).to_request();
            assert_refused_actual(&call_service(&app, req).await, &what);
            let req = preflight("/items", origin, "GET").to_request();
            assert_refused_preflight(call_service(&app, req).await, &what).await;
        }
    }
}

#[actix_web::test]
async fn canonical_ipv6_and_subdomain_origins_are_allowed() {
    let app = init_service(App::new().configure(configure)).await;
    let ipv6 = "http://[::1]:8080";
    let res = call_service(&app, preflight("/items", ipv6, "POST").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(all(&res, "access-control-allow-origin"), [ipv6]);
    assert_eq!(
        header(&res, "access-control-allow-methods"),
        Some("GET, POST")
    );
    for origin in [ipv6, "https://eu.example.org", "https://a.b.example.org"] {
        let req = from_origin(Method::GET, "/items", origin).to_request();
        assert_items_allowed(&call_service(&app, req).await, origin);
    }
}

#[actix_web::test]
async fn null_origin_only_where_opted_in() {
    let app = init_service(App::new().configure(configure)).await;
    let req = from_origin(Method::GET, "/items", "null").to_request();
    assert_refused_actual(&call_service(&app, req).await, "null on /items");
    let req = preflight("/items", "null", "GET").to_request();
    assert_refused_preflight(call_service(&app, req).await, "null on /items").await;

    let req = from_origin(Method::GET, "/sandboxed", "null").to_request();
    let res = call_service(&app, req).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(all(&res, "access-control-allow-origin"), ["null"]);
    assert_eq!(header(&res, "access-control-allow-credentials"), None);
    assert_eq!(all(&res, "vary"), ["Origin"]);
    let res = call_service(&app, preflight("/sandboxed", "null", "GET").to_request()).await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(all(&res, "access-control-allow-origin"), ["null"]);
    assert_eq!(header(&res, "access-control-allow-methods"), Some("GET"));
    assert_eq!(header(&res, "vary"), Some(PREFLIGHT_VARY));

    for origin in ["NULL", "Null", "null ", "nul", "null,null"] {
        let req = from_origin(Method::GET, "/sandboxed", origin).to_request();
        assert_refused_actual(&call_service(&app, req).await, origin);
    }
}

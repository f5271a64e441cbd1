use std::time::Duration;

use super::*;

const PAGE: &str = "https://app.example";
const API: &str = "https://api.example/items";

fn request(method: &str) -> Request {
    Request::new(PAGE, method, API).unwrap()
}

fn allowing(status: u16) -> Response {
    Response::new(status).header("access-control-allow-origin", PAGE)
}

#[test]
fn methods_are_normalised_and_forbidden_ones_refused() {
    assert_eq!(request("delete").method(), "DELETE");
    assert_eq!(request("patch").method(), "patch");
    assert_eq!(
        Request::new(PAGE, "trace", API),
        Err(Blocked::ForbiddenMethod("trace".into()))
    );
    assert_eq!(
        Request::new(PAGE, "GE T", API),
        Err(Blocked::InvalidMethod("GE T".into()))
    );
    assert_eq!(
        Request::new("https://app.example/", "GET", API),
        Err(Blocked::InvalidPageOrigin("https://app.example/".into()))
    );
}

#[test]
fn headers_follow_headers_append() {
    let r = request("GET")
        .header("x-trace", "  1\t")
        .unwrap()
        .header("cookie", "a=b")
        .unwrap();
    assert_eq!(
        r.headers().collect::<Vec<_>>(),
        [("x-trace", "1")],
        "cookie dropped"
    );
    assert_eq!(
        request("GET").header("x y", "1"),
        Err(Blocked::InvalidHeaderName("x y".into()))
    );
    for bad in ["a\nb", "a\u{0}b", "a\u{1}b", "a\u{7f}"] {
        assert_eq!(
            request("GET").header("x-a", bad),
            Err(Blocked::InvalidHeaderValue("x-a".into())),
            "{bad:?}"
        );
    }
    assert!(request("GET").header("x-a", "caf\u{e9}\tau lait").is_ok());
}

#[test]
fn preflight_only_when_method_or_headers_are_unsafe() {
    assert_eq!(request("GET").preflight(), None);
    let simple = request("POST").header("content-type", "text/plain;charset=utf-8");
    assert_eq!(simple.unwrap().preflight(), None);
    let put = request("put").preflight().unwrap();
    assert_eq!((put.request_method(), put.request_headers()), ("PUT", None));
    let get = request("GET")
        .header("X-Trace", "1")
        .unwrap()
        .header("Authorization", "t")
        .unwrap()
        .header("accept", "*/*")
        .unwrap()
        .preflight()
        .unwrap();
    assert_eq!(get.request_method(), "GET");
    assert_eq!(get.request_headers(), Some("authorization,x-trace"));
    let json = request("POST").header("content-type", "application/json");
    let json = json.unwrap().preflight().unwrap();
    assert_eq!(json.request_headers(), Some("content-type"));
}

#[test]
fn same_origin_involves_no_cors() {
    let r = Request::new(PAGE, "PUT", "https://app.example/items").unwrap();
    assert!(r.is_same_origin());
    assert_eq!(r.preflight(), None);
    assert_eq!(
        r.origin_header(),
        Some(PAGE),
        "same-origin PUT still carries Origin"
    );
    let get = Request::new(PAGE, "GET", "/items").unwrap();
    assert!(get.is_same_origin());
    assert_eq!(get.origin_header(), None);
    assert_eq!(request("GET").origin_header(), Some(PAGE));
    let r = Request::new(PAGE, "GET", "https://app.example:8443/").unwrap();
    assert!(!r.is_same_origin(), "another port is another origin");
}

#[test]
fn fetch_metadata_names_the_site() {
    let site = |page: &str, url: &str| Request::new(page, "GET", url).unwrap().sec_fetch_site();
    assert_eq!(site(PAGE, "https://app.example/x"), Some("same-origin"));
    assert_eq!(
        site(PAGE, "https://api.example/x"),
        Some("cross-site"),
        "`example` is a TLD"
    );
    assert_eq!(
        site("https://app.example.com", "https://api.example.com/"),
        Some("same-site")
    );
    assert_eq!(
        site("https://app.example.co.uk", "https://api.example.co.uk/"),
        Some("same-site")
    );
    assert_eq!(
        site("https://a.co.uk", "https://b.co.uk/"),
        Some("cross-site")
    );
    assert_eq!(
        site("http://app.example", "https://api.example/"),
        Some("cross-site")
    );
    assert_eq!(
        site("http://127.0.0.1:1", "http://127.0.0.1:2/"),
        Some("same-site")
    );
    assert_eq!(
        site("http://127.0.0.1:1", "http://localhost:2/"),
        Some("cross-site")
    );
    assert_eq!(
        site(PAGE, "http://api.example/x"),
        None,
        "not trustworthy: not sent"
    );
}

#[test]
fn cors_check_reads_allow_origin_and_credentials() {
    let get = request("GET");
    let creds = request("GET").with_credentials();
    let star = Response::new(200).header("access-control-allow-origin", "*");
    assert_eq!(cors_check(&get, &allowing(200)), Ok(()));
    assert_eq!(cors_check(&get, &star), Ok(()));
    assert_eq!(
        cors_check(&creds, &star),
        Err(CorsFailure::WildcardWithCredentials)
    );
    assert_eq!(
        cors_check(&get, &Response::new(200)),
        Err(CorsFailure::MissingAllowOrigin)
    );
    let other = Response::new(200).header("access-control-allow-origin", "https://b.example");
    assert_eq!(
        cors_check(&get, &other),
        Err(CorsFailure::AllowOriginMismatch("https://b.example".into()))
    );
    let twice = allowing(200).header("access-control-allow-origin", PAGE);
    assert_eq!(
        cors_check(&get, &twice),
        Err(CorsFailure::MultipleAllowOrigin(format!("{PAGE}, {PAGE}")))
    );
    let upper = Response::new(200).header("access-control-allow-origin", "HTTPS://APP.EXAMPLE");
    assert!(cors_check(&get, &upper).is_err(), "byte for byte");
    assert_eq!(
        cors_check(&creds, &allowing(200)),
        Err(CorsFailure::InvalidAllowCredentials(String::new()))
    );
    let capital = allowing(200).header("access-control-allow-credentials", "True");
    assert_eq!(
        cors_check(&creds, &capital),
        Err(CorsFailure::InvalidAllowCredentials("True".into()))
    );
    let ok = allowing(200).header("access-control-allow-credentials", "true");
    assert_eq!(cors_check(&creds, &ok), Ok(()));
}

#[test]
fn preflight_needs_ok_status_then_method_then_headers() {
    let put = request("PUT").header("x-a", "1").unwrap();
    let full = |r: Response| {
        r.header("access-control-allow-methods", "GET, PUT")
            .header("access-control-allow-headers", "X-A")
    };
    assert!(preflight_check(&put, &full(allowing(204))).is_ok());
    assert_eq!(
        preflight_check(&put, &full(Response::new(403))),
        Err(Blocked::Preflight(CorsFailure::MissingAllowOrigin)),
        "the CORS check comes before the status"
    );
    assert_eq!(
        preflight_check(&put, &full(allowing(403))),
        Err(Blocked::PreflightStatus(403))
    );
    assert_eq!(
        preflight_check(&put, &full(allowing(302))),
        Err(Blocked::PreflightRedirect)
    );
    let no_method = allowing(204).header("access-control-allow-headers", "x-a");
    assert_eq!(
        preflight_check(&put, &no_method),
        Err(Blocked::MethodNotAllowed("PUT".into()))
    );
    let lower = request("patch");
    let upper_listed = allowing(204).header("access-control-allow-methods", "PATCH");
    assert_eq!(
        preflight_check(&lower, &upper_listed),
        Err(Blocked::MethodNotAllowed("patch".into())),
        "methods are compared byte for byte"
    );
    let no_header = allowing(204).header("access-control-allow-methods", "PUT");
    assert_eq!(
        preflight_check(&put, &no_header),
        Err(Blocked::HeaderNotAllowed("x-a".into()))
    );
    let bad = allowing(204).header("access-control-allow-methods", "PUT, a b");
    assert_eq!(
        preflight_check(&put, &bad),
        Err(Blocked::InvalidAllowMethods)
    );
    let bad = allowing(204)
        .header("access-control-allow-methods", "PUT")
        .header("access-control-allow-headers", "x-a;");
    assert_eq!(
        preflight_check(&put, &bad),
        Err(Blocked::InvalidAllowHeaders)
    );
    let get = request("GET").header("x-a", "1").unwrap();
    let only_put = allowing(204)
        .header("access-control-allow-methods", "PUT")
        .header("access-control-allow-headers", "x-a");
    assert!(
        preflight_check(&get, &only_put).is_ok(),
        "a safelisted method passes whatever is listed"
    );
}

#[test]
fn star_counts_only_without_credentials() {
    let stars = allowing(204)
        .header("access-control-allow-methods", "*")
        .header("access-control-allow-headers", "*")
        .header("access-control-allow-credentials", "true");
    let put = request("PUT").header("authorization", "t").unwrap();
    assert!(
        preflight_check(&put, &stars).is_ok(),
        "engines let `*` cover authorization"
    );
    let creds = put.clone().with_credentials();
    assert_eq!(
        preflight_check(&creds, &stars),
        Err(Blocked::MethodNotAllowed("PUT".into()))
    );
    let listed_method = allowing(204)
        .header("access-control-allow-methods", "PUT")
        .header("access-control-allow-headers", "*")
        .header("access-control-allow-credentials", "true");
    assert_eq!(
        preflight_check(&creds, &listed_method),
        Err(Blocked::HeaderNotAllowed("authorization".into()))
    );
}

#[test]
fn readable_headers() {
    let get = request("GET");
    let r = allowing(200)
        .header("content-type", "text/plain")
        .header("x-request-id", "7")
        .header("x-internal", "no")
        .header("set-cookie", "a=b")
        .header("access-control-expose-headers", "X-Request-Id, set-cookie");
    assert!(can_read(&get, &r, "Content-Type"));
    assert!(can_read(&get, &r, "x-request-id"));
    assert!(!can_read(&get, &r, "x-internal"));
    assert!(!can_read(&get, &r, "set-cookie"), "never, even listed");
    assert!(
        !can_read(&get, &r, "cache-control"),
        "safelisted but absent"
    );
    let star = allowing(200)
        .header("x-internal", "no")
        .header("access-control-expose-headers", "*");
    assert!(can_read(&get, &star, "x-internal"));
    assert!(!can_read(
        &get.clone().with_credentials(),
        &star,
        "x-internal"
    ));
    let same = Request::new(PAGE, "GET", "/items").unwrap();
    assert!(can_read(
        &same,
        &Response::new(200).header("x-internal", "1"),
        "x-internal"
    ));
}

fn grant(request: &Request, max_age: Option<&str>) -> PreflightGrant {
    let mut answer = allowing(204)
        .header("access-control-allow-methods", "PUT")
        .header("access-control-allow-headers", "x-a");
    if let Some(max_age) = max_age {
        answer = answer.header("access-control-max-age", max_age);
    }
    preflight_check(request, &answer).unwrap()
}

#[test]
fn lifetimes_follow_each_engine() {
    let put = request("PUT");
    let secs = |max_age, engine| grant(&put, max_age).lifetime(engine).as_secs();
    for engine in Engine::ALL {
        assert_eq!(secs(None, engine), 5, "{engine:?}: absent");
        assert_eq!(secs(Some("0"), engine), 0, "{engine:?}: zero");
        assert_eq!(secs(Some("600"), engine), 600, "{engine:?}");
    }
    assert_eq!(secs(Some("86400"), Engine::Chromium), 7200);
    assert_eq!(secs(Some("86400"), Engine::Firefox), 86400);
    assert_eq!(secs(Some("86400"), Engine::Webkit), 600);
    assert_eq!(secs(Some("soon"), Engine::Chromium), 5);
    assert_eq!(secs(Some("soon"), Engine::Firefox), 0);
    assert_eq!(secs(Some("-1"), Engine::Chromium), 0);
}

#[test]
fn cache_spares_preflights_until_max_age() {
    let put = request("PUT").header("X-A", "1").unwrap();
    let mut cache = PreflightCache::new(Engine::Chromium);
    assert!(!cache.covers(&put));
    cache.store(&put, &grant(&put, Some("600")));
    assert!(cache.covers(&put));
    let other_header = request("PUT").header("x-b", "1").unwrap();
    assert!(!cache.covers(&other_header), "one entry per header name");
    assert!(!cache.covers(&request("DELETE")), "one entry per method");
    assert!(
        !cache.covers(&put.clone().with_credentials()),
        "keyed by credentials"
    );
    let elsewhere = Request::new(PAGE, "PUT", "https://api.example/other").unwrap();
    assert!(!cache.covers(&elsewhere), "keyed by URL");
    let other_page = Request::new("https://b.example", "PUT", API).unwrap();
    assert!(!cache.covers(&other_page), "keyed by origin");
    cache.advance(Duration::from_secs(599));
    assert!(cache.covers(&put));
    cache.advance(Duration::from_secs(1));
    assert!(!cache.covers(&put), "expired after 600 s");

    let mut cache = PreflightCache::new(Engine::Firefox);
    cache.store(&put, &grant(&put, None));
    cache.advance(Duration::from_secs(4));
    assert!(cache.covers(&put), "5 s when absent");
    cache.clear(&put);
    assert!(!cache.covers(&put), "cleared");
    cache.store(&put, &grant(&put, Some("0")));
    assert!(!cache.covers(&put), "0 is never cached");
}

//! Properties of `cors_actix::test`. Malformed calls never panic. And for random page requests
//! against random valid policies, what `cors_actix::test`
//! says a browser does agrees with the policy's own decision. A request the policy allows (its
//! preflight accepted when one is due, its actual request given the origin, credentials only
//! where the policy allows them) is never blocked by the simulator, and a request the policy
//! refuses is always blocked.

use std::cell::Cell;

use actix_web::test::init_service;
use actix_web::{App, HttpResponse, web};
use cors_actix::Cors;
use cors_actix::test::Fetch;
use cors_core::{Decision, Policy, PolicyBuilder, RequestHeader};
use cors_testkit::Request;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

const URL: &str = "https://api.example/x";

/// A policy as written: which of each pool it lists, or `*` (never beside credentials).
#[derive(Clone, Debug)]
struct Written {
    origins: Option<Vec<&'static str>>,
    methods: Option<Option<Vec<&'static str>>>,
    headers: Option<Option<Vec<&'static str>>>,
    credentials: bool,
}

fn subset(pool: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    prop::sample::subsequence(pool, 1..=pool.len())
}

fn written() -> impl Strategy<Value = Written> {
    let origins = &[
        "https://app.example",
        "https://*.example.org",
        "http://localhost:*",
    ];
    let methods = &["GET", "PUT", "DELETE", "PATCH", "PURGE"];
    let headers = &["x-api-key", "content-type", "authorization"];
    (
        prop::option::of(subset(origins)),
        prop::option::of(prop::option::of(subset(methods))),
        prop::option::of(prop::option::of(subset(headers))),
        any::<bool>(),
    )
        .prop_map(|(origins, methods, headers, credentials)| Written {
            origins,
            methods,
            headers,
            credentials,
        })
        // `*` with credentials is refused at build time.
        .prop_filter("no wildcard beside credentials", |w| {
            !w.credentials
                || (w.origins.is_some()
                    && !matches!(w.methods, Some(None))
                    && !matches!(w.headers, Some(None)))
        })
}

impl Written {
    fn build(&self) -> Policy {
        let mut builder: PolicyBuilder = Policy::builder();
        builder = match &self.origins {
            Some(origins) => builder.allow_origins(origins.iter().copied()),
            None => builder.allow_any_origin(),
        };
        builder = match &self.methods {
            Some(Some(methods)) => builder.allow_methods(methods.iter().copied()),
            Some(None) => builder.allow_any_method(),
            None => builder,
        };
        builder = match &self.headers {
            Some(Some(headers)) => builder.allow_headers(headers.iter().copied()),
            Some(None) => builder.allow_any_header(),
            None => builder,
        };
        builder
            .allow_credentials(self.credentials)
            .build()
            .expect("a valid policy")
    }
}

/// A page's call: its origin, method as the script wrote it, headers, credentials mode.
#[derive(Clone, Debug)]
struct Call {
    origin: &'static str,
    method: &'static str,
    headers: Vec<(&'static str, &'static str)>,
    credentials: bool,
}

fn call() -> impl Strategy<Value = Call> {
    // The page every written policy may list comes up most.
    let origins: &'static [&str] = &[
        "https://app.example",
        "https://app.example",
        "https://app.example",
        "https://eu.example.org",
        "https://example.org",
        "http://localhost:3000",
        "https://evil.example",
    ];
    let methods: &'static [&str] = &[
        "GET", "get", "HEAD", "POST", "PUT", "put", "DELETE", "PATCH", "patch", "PURGE",
    ];
    let headers: &[(&str, &str)] = &[
        ("x-api-key", "k"),
        ("content-type", "application/json"),
        ("content-type", "text/plain"),
        ("Authorization", "Bearer t"),
        ("accept", "*/*"),
        ("accept-language", "fr"),
        ("x-other", "1"),
    ];
    (
        prop::sample::select(origins),
        prop::sample::select(methods),
        prop::sample::subsequence(headers, 0..=3),
        any::<bool>(),
    )
        .prop_map(|(origin, method, headers, credentials)| Call {
            origin,
            method,
            headers,
            credentials,
        })
}

/// The policy's own decision on the requests a browser sends for `call`: the preflight when one
/// is due (as the page's side computes it), then the actual request; and credentials only where
/// the policy allows them.
fn policy_allows(policy: &Policy, call: &Call) -> bool {
    let mut page = cors_core::page::Request::new(call.origin, call.method, URL).expect("valid");
    for (name, value) in &call.headers {
        page = page.header(name, value).expect("valid");
    }
    let preflight_ok = match page.preflight() {
        None => true,
        Some(preflight) => {
            let mut req = Request::new("OPTIONS")
                .header(RequestHeader::Origin, call.origin)
                .header(
                    RequestHeader::RequestMethod,
                    preflight.request_method().to_owned(),
                );
            if let Some(names) = preflight.request_headers() {
                req = req.header(RequestHeader::RequestHeaders, names.to_owned());
            }
            matches!(policy.evaluate(&req), Decision::PreflightAccepted(_))
        }
    };
    let actual = Request::new(page.method().to_owned()).header(RequestHeader::Origin, call.origin);
    let actual_ok = matches!(
        policy.evaluate(&actual),
        Decision::Actual { rejected: None, .. }
    );
    preflight_ok && actual_ok && (!call.credentials || policy.credentials())
}

#[test]
fn simulator_verdict_agrees_with_the_policy() {
    let system = actix_web::rt::System::new();
    let mut runner = TestRunner::new(Config::with_cases(512));
    let (allowed, blocked) = (Cell::new(0), Cell::new(0));
    runner
        .run(&(written(), call()), |(written, call)| {
            let policy = written.build();
            let want = policy_allows(&policy, &call);
            let verdict = system.block_on(async {
                let app = init_service(
                    App::new()
                        .wrap(Cors::new(policy.clone()))
                        .default_service(web::to(HttpResponse::Ok)),
                )
                .await;
                let mut fetch = Fetch::new(call.origin, call.method, URL);
                for (name, value) in &call.headers {
                    fetch = fetch.header(name, value);
                }
                if call.credentials {
                    fetch = fetch.credentials();
                }
                fetch.send(&app).await
            });
            prop_assert_eq!(verdict.is_allowed(), want, "{}", verdict);
            let side = if want { &allowed } else { &blocked };
            side.set(side.get() + 1);
            Ok(())
        })
        .unwrap();
    // Both sides of the property were exercised, not one.
    let (allowed, blocked) = (allowed.get(), blocked.get());
    assert!(
        allowed > 30 && blocked > 30,
        "allowed {allowed}, blocked {blocked}"
    );
}

/// Whatever a test passes (any origin, method, URL, header, cookie, body), sending it never
/// panics: `fetch()`'s own refusals come back as a blocked verdict.
#[test]
fn malformed_calls_never_panic() {
    let system = actix_web::rt::System::new();
    let app = system.block_on(init_service(
        App::new()
            .wrap(Cors::new(
                Policy::builder()
                    .allow_any_origin()
                    .allow_any_header()
                    .allow_any_method()
                    .build()
                    .expect("a valid policy"),
            ))
            .default_service(web::to(HttpResponse::Ok)),
    ));
    let text = || prop_oneof![any::<String>(), "[ -~]{0,12}", Just(String::new())];
    let url = prop_oneof![
        any::<String>(),
        "https?://[a-zA-Z0-9.:\\[\\]@-]{0,20}(/[ -~]{0,20})?",
        "/[^#]{0,20}"
    ];
    let origin = prop_oneof![any::<String>(), Just("https://app.example".to_owned())];
    let mut runner = TestRunner::new(Config::with_cases(512));
    runner
        .run(
            &(origin, text(), url, text(), text(), text(), text()),
            |(origin, method, url, name, value, cookie, body)| {
                let fetch = Fetch::new(&origin, &method, &url)
                    .header(&name, &value)
                    .cookie(&cookie)
                    .body(body)
                    .credentials();
                let verdict = system.block_on(fetch.send(&app));
                // Every verdict words itself, blocked or not.
                prop_assert!(!verdict.to_string().is_empty());
                Ok(())
            },
        )
        .unwrap();
}

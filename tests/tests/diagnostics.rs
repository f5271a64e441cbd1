//! Every refusal emits one `tracing` event (target `cors`) with structured fields; the success
//! path emits nothing. Debug mode makes refused preflights name the failing check.

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock};

use actix_web::http::{Method, StatusCode};
use actix_web::test::{call_service, init_service};
use actix_web::{App, Responder, get, web};
use cors_actix::{Cors, Policy, cors};
use cors_testkit::{assert_headers, from_origin, header, preflight};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// Records every event as `target: field=value ...`.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

struct Line<'a>(&'a mut String);

impl Visit for Line<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push_str(&format!(" {}={}", field.name(), value));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }
    fn record(&self, _: &Id, _: &Record<'_>) {}
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut line = format!("{}:", event.metadata().target());
        event.record(&mut Line(&mut line));
        self.0.lock().unwrap().push(line);
    }
    fn enter(&self, _: &Id) {}
    fn exit(&self, _: &Id) {}
}

/// The process-wide recorder. A scoped subscriber would race with other test threads over
/// tracing's per-callsite interest cache, so one global subscriber records for every test.
fn recorder() -> &'static Recorder {
    static RECORDER: OnceLock<Recorder> = OnceLock::new();
    RECORDER.get_or_init(|| {
        let recorder = Recorder::default();
        tracing::subscriber::set_global_default(recorder.clone()).expect("first subscriber");
        recorder
    })
}

/// Events about `route`.
fn events_for(route: &str) -> Vec<String> {
    let suffix = format!("route={route}");
    recorder()
        .0
        .lock()
        .unwrap()
        .iter()
        .filter(|e| e.ends_with(&suffix))
        .cloned()
        .collect()
}

#[cors(origins = ["https://app.example"], allow_headers = ["content-type"])]
#[get("/items")]
async fn items() -> impl Responder {
    "[]"
}

#[actix_web::test]
async fn refusals_emit_one_event_each_and_success_none() {
    recorder();
    let app = init_service(App::new().service(items)).await;

    call_service(
        &app,
        from_origin(Method::GET, "/items", "https://app.example").to_request(),
    )
    .await;
    call_service(
        &app,
        preflight("/items", "https://app.example", "GET").to_request(),
    )
    .await;
    assert!(
        events_for("/items").is_empty(),
        "nothing on the success path"
    );

    call_service(
        &app,
        from_origin(Method::GET, "/items", "https://evil.example").to_request(),
    )
    .await;
    let req = preflight("/items", "https://app.example", "GET")
        .insert_header(("access-control-request-headers", "x-secret"));
    let res = call_service(&app, req.to_request()).await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let events = events_for("/items");
    assert_eq!(events.len(), 2, "{events:#?}");
    assert_eq!(
        events[0],
        "cors: message=CORS request refused kind=Actual reason=origin `https://evil.example` is not allowed \
         origin=https://evil.example method=GET route=/items"
    );
    assert!(
        events[1].contains("kind=Preflight reason=request header `x-secret` is not allowed"),
        "{}",
        events[1]
    );
    assert!(events[1].contains("method=OPTIONS"), "{}", events[1]);
}

#[actix_web::test]
async fn debug_mode_names_the_failing_check_but_never_admits_a_refused_origin() {
    let policy = Policy::builder()
        .allow_origins(["https://app.example"])
        .allow_methods(["GET"])
        .allow_headers(["content-type"])
        .build()
        .unwrap();
    let app = init_service(
        App::new()
            .wrap(Cors::new(policy).debug(true))
            .route("/x", web::get().to(|| async { "x" })),
    )
    .await;

    let res = call_service(
        &app,
        preflight("/x", "https://app.example", "PUT").to_request(),
    )
    .await;
    assert_eq!(
        res.status(),
        StatusCode::NO_CONTENT,
        "ok status, so the console reaches the method check"
    );
    assert_headers(
        &res,
        &[
            ("access-control-allow-origin", Some("https://app.example")),
            ("access-control-allow-methods", Some("GET")),
            ("access-control-allow-headers", Some("content-type")),
        ],
    );

    let res = call_service(
        &app,
        preflight("/x", "https://evil.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert_eq!(header(&res, "access-control-allow-origin"), None);
}

fn refuse_all(_: &str, _: &actix_web::HttpRequest) -> bool {
    false
}

#[cors(origins = ["https://app.example"], origin_fn = refuse_all)]
#[get("/checked")]
async fn checked() -> impl Responder {
    "checked"
}

#[actix_web::test]
async fn a_refusal_by_the_origin_check_is_its_own_reason() {
    recorder();
    let app = init_service(App::new().service(checked)).await;
    call_service(
        &app,
        from_origin(Method::GET, "/checked", "https://tenant.example").to_request(),
    )
    .await;
    let res = call_service(
        &app,
        preflight("/checked", "https://tenant.example", "GET").to_request(),
    )
    .await;
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Not asked about a malformed origin: the list's own reason.
    call_service(
        &app,
        from_origin(Method::GET, "/checked", "https://tenant.example/").to_request(),
    )
    .await;
    let events = events_for("/checked");
    assert_eq!(events.len(), 3, "{events:#?}");
    assert_eq!(
        events[0],
        "cors: message=CORS request refused kind=Actual reason=origin `https://tenant.example` is not \
         listed and the run-time origin check refused it origin=https://tenant.example method=GET route=/checked"
    );
    assert!(
        events[1].contains("kind=Preflight reason=origin `https://tenant.example` is not listed and the run-time origin check refused it"),
        "{}",
        events[1]
    );
    assert!(
        events[2].contains("reason=origin `https://tenant.example/` is not allowed"),
        "{}",
        events[2]
    );
}

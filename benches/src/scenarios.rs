//! The requests sent to every app, and what each app must answer (checked before measuring, so a
//! benchmark never times a misconfigured app).

use actix_web::dev::ServiceResponse;
use actix_web::http::header::HeaderValue;
use actix_web::http::{Method, StatusCode};
use actix_web::test::TestRequest;

use crate::{ALLOWED, AppKind, DISALLOWED, TENANT};

/// One kind of request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// `GET /p` from the allowed origin.
    AllowedGet,
    /// `GET /p` from an origin the policy does not allow (the handler still runs).
    DisallowedGet,
    /// `GET /p` without `Origin` (same-origin or not from a browser).
    NoOriginGet,
    /// A preflight for `GET /p` with `Access-Control-Request-Headers: content-type`, allowed.
    AllowedPreflight,
    /// A preflight for `GET /p` from a disallowed origin.
    RejectedPreflight,
    /// `GET /other` from the allowed origin: a route without `#[cors]` in the attribute app.
    OtherRouteGet,
    /// `GET /p` from [`TENANT`], which no list names and the `*-check` apps' checks admit.
    CheckedGet,
    /// A preflight for `GET /p` from [`TENANT`].
    CheckedPreflight,
}

impl Scenario {
    /// Every scenario.
    pub const ALL: [Scenario; 8] = [
        Scenario::AllowedGet,
        Scenario::DisallowedGet,
        Scenario::NoOriginGet,
        Scenario::AllowedPreflight,
        Scenario::RejectedPreflight,
        Scenario::OtherRouteGet,
        Scenario::CheckedGet,
        Scenario::CheckedPreflight,
    ];

    /// The name used on command lines and in tables.
    pub fn name(self) -> &'static str {
        match self {
            Scenario::AllowedGet => "allowed-get",
            Scenario::DisallowedGet => "disallowed-get",
            Scenario::NoOriginGet => "no-origin-get",
            Scenario::AllowedPreflight => "allowed-preflight",
            Scenario::RejectedPreflight => "rejected-preflight",
            Scenario::OtherRouteGet => "other-route-get",
            Scenario::CheckedGet => "checked-get",
            Scenario::CheckedPreflight => "checked-preflight",
        }
    }

    /// The scenario named `name`.
    pub fn parse(name: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.name() == name)
    }

    /// A fresh request (requests are consumed by the service).
    ///
    /// Header values are static `Bytes`: cloning one (as a CORS layer does to mirror `Origin`)
    /// is then free, as it is for the shared `Bytes` a server parses requests into. `TestRequest`
    /// would otherwise copy `&str` values into a `Vec`, whose first clone allocates.
    pub fn request(self) -> TestRequest {
        let get = |path: &str| TestRequest::get().uri(path);
        let value = HeaderValue::from_static;
        let preflight = |origin: &'static str| {
            TestRequest::default()
                .method(Method::OPTIONS)
                .uri("/p")
                .insert_header(("origin", value(origin)))
                .insert_header(("access-control-request-method", value("GET")))
        };
        match self {
            Scenario::AllowedGet => get("/p").insert_header(("origin", value(ALLOWED))),
            Scenario::DisallowedGet => get("/p").insert_header(("origin", value(DISALLOWED))),
            Scenario::NoOriginGet => get("/p"),
            Scenario::AllowedPreflight => preflight(ALLOWED)
                .insert_header(("access-control-request-headers", value("content-type"))),
            Scenario::RejectedPreflight => preflight(DISALLOWED),
            Scenario::OtherRouteGet => get("/other").insert_header(("origin", value(ALLOWED))),
            Scenario::CheckedGet => get("/p").insert_header(("origin", value(TENANT))),
            Scenario::CheckedPreflight => preflight(TENANT),
        }
    }

    /// Checks that `app` answered this scenario as a CORS layer must (the floor app decides
    /// nothing and is not checked).
    pub fn check<B>(self, app: AppKind, res: &ServiceResponse<B>) -> Result<(), String> {
        if app == AppKind::Floor {
            return Ok(());
        }
        let acao = res
            .headers()
            .get("access-control-allow-origin")
            .map(|v| v.as_bytes());
        let status = res.status();
        let cors = app != AppKind::NoCors;
        let checked = matches!(app, AppKind::WrapCheck | AppKind::WrapAsyncCheck);
        let (status_ok, want_acao) = match self {
            Scenario::AllowedGet => (status == StatusCode::OK, cors),
            Scenario::DisallowedGet | Scenario::NoOriginGet => (status == StatusCode::OK, false),
            Scenario::AllowedPreflight => (!cors || status.is_success(), cors),
            Scenario::RejectedPreflight => (!cors || status.is_client_error(), false),
            Scenario::OtherRouteGet => (
                status == StatusCode::OK,
                matches!(
                    app,
                    AppKind::ActixCors
                        | AppKind::Wrap
                        | AppKind::WrapMixed
                        | AppKind::WrapCheck
                        | AppKind::WrapAsyncCheck
                        | AppKind::WrapHandle
                ),
            ),
            Scenario::CheckedGet => (status == StatusCode::OK, checked),
            Scenario::CheckedPreflight => (
                !cors
                    || if checked {
                        status.is_success()
                    } else {
                        status.is_client_error()
                    },
                checked,
            ),
        };
        let expected = match self {
            Scenario::CheckedGet | Scenario::CheckedPreflight => TENANT,
            _ => ALLOWED,
        };
        let acao_ok = if want_acao {
            acao == Some(expected.as_bytes())
        } else {
            acao.is_none()
        };
        if status_ok && acao_ok {
            Ok(())
        } else {
            Err(format!(
                "{} answered {} with status {status} and ACAO {:?}",
                app.name(),
                self.name(),
                acao.map(String::from_utf8_lossy)
            ))
        }
    }
}

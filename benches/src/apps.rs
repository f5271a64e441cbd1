//! The apps under test. Each serves `GET /p` (the route CORS applies to) and `GET /other`, both
//! answering `ok`; only the CORS layer differs, with the same policy in each: origin
//! `https://app.example`, method `GET`, request headers `content-type` and `x-api-key`, max age
//! 600 s, no credentials.

use std::sync::LazyLock;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::{App, Error, Responder, get};
use cors_actix::{Policy, PolicyHandle, cors};

use crate::{ALLOWED, TENANT};

/// Which CORS layer an app has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AppKind {
    /// No CORS at all: the baseline every cost is measured against.
    NoCors,
    /// actix-cors 0.7, `.wrap`ped on the app (its only mode).
    ActixCors,
    /// Ours, `#[cors]` on the `/p` handler (`/other` has none).
    Attribute,
    /// Ours, `Cors::new` wrapped on the app.
    Wrap,
    /// Ours, `Cors::new` wrapped on an app that also has a `#[cors]` route elsewhere, so it
    /// asks the app's resource map which preflights a route claims and marks requests (see
    /// `cors_actix::Cors`).
    WrapMixed,
    /// Not CORS: the least a CORS middleware costs in actix-web ([`crate::floor`]).
    Floor,
    /// Ours, `Cors::new(..).origin_fn(..)`: the `wrap` policy beside a sync check admitting
    /// [`TENANT`].
    WrapCheck,
    /// Ours, `Cors::new(..).origin_fn_async(..)`: the same check, async.
    WrapAsyncCheck,
    /// Ours, `Cors::new(handle)`: the `wrap` policy behind a [`PolicyHandle`].
    WrapHandle,
}

impl AppKind {
    /// Every app, baseline first.
    pub const ALL: [AppKind; 9] = [
        AppKind::NoCors,
        AppKind::ActixCors,
        AppKind::Attribute,
        AppKind::Wrap,
        AppKind::WrapMixed,
        AppKind::Floor,
        AppKind::WrapCheck,
        AppKind::WrapAsyncCheck,
        AppKind::WrapHandle,
    ];

    /// The name used on command lines and in tables.
    pub fn name(self) -> &'static str {
        match self {
            AppKind::NoCors => "no-cors",
            AppKind::ActixCors => "actix-cors",
            AppKind::Attribute => "attribute",
            AppKind::Wrap => "wrap",
            AppKind::WrapMixed => "wrap-mixed",
            AppKind::Floor => "floor",
            AppKind::WrapCheck => "wrap-check",
            AppKind::WrapAsyncCheck => "wrap-async-check",
            AppKind::WrapHandle => "wrap-handle",
        }
    }

    /// The app named `name`.
    pub fn parse(name: &str) -> Option<AppKind> {
        AppKind::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// The policy of the `wrap` app (the attribute spells the same keys inline).
pub static POLICY: Policy = cors_actix::policy!(
    origins = ["https://app.example"],
    methods = [GET],
    allow_headers = ["content-type", "x-api-key"],
    max_age = 600,
);

#[get("/p")]
async fn plain() -> impl Responder {
    "ok"
}

#[cors(
    origins = ["https://app.example"],
    methods = [GET],
    allow_headers = ["content-type", "x-api-key"],
    max_age = 600,
)]
#[get("/p")]
async fn with_cors() -> impl Responder {
    "ok"
}

#[get("/other")]
async fn other() -> impl Responder {
    "ok"
}

#[cors(origins = ["https://partner.example"])]
#[get("/elsewhere")]
async fn elsewhere() -> impl Responder {
    "ok"
}

/// Declares an app constructor: the return type names only what the apps have in common.
macro_rules! app {
    ($(#[$doc:meta])* $name:ident => $app:expr) => {
        $(#[$doc])*
        pub fn $name() -> App<
            impl ServiceFactory<
                ServiceRequest,
                Config = (),
                Response = ServiceResponse<impl MessageBody>,
                Error = Error,
                InitError = (),
            >,
        > {
            $app
        }
    };
}

app!(
    /// The baseline app.
    no_cors => App::new().service(plain).service(other)
);

app!(
    /// actix-cors 0.7 with the shared policy (`block_on_origin_mismatch` left at its default,
    /// `false`, so a disallowed origin still reaches the handler, as with ours).
    actix_cors => App::new()
        .wrap(
            actix_cors::Cors::default()
                .allowed_origin(ALLOWED)
                .allowed_methods(["GET"])
                .allowed_headers(["content-type", "x-api-key"])
                .max_age(600),
        )
        .service(plain)
        .service(other)
);

app!(
    /// Ours, per route.
    attribute => App::new().service(with_cors).service(other)
);

app!(
    /// The yardstick: a middleware doing only the plumbing every CORS layer needs.
    floor => App::new()
        .wrap(crate::floor::Floor)
        .service(plain)
        .service(other)
);

app!(
    /// Ours, app-wide.
    wrap => App::new()
        .wrap(cors_actix::Cors::new(&POLICY))
        .service(plain)
        .service(other)
);

app!(
    /// Ours, app-wide, beside a route with its own policy.
    wrap_mixed => App::new()
        .wrap(cors_actix::Cors::new(&POLICY))
        .service(plain)
        .service(other)
        .service(elsewhere)
);

app!(
    /// Ours, app-wide, beside a sync run-time origin check.
    wrap_check => App::new()
        .wrap(cors_actix::Cors::new(&POLICY).origin_fn(|origin, _| origin == TENANT))
        .service(plain)
        .service(other)
);

app!(
    /// Ours, app-wide, beside an async run-time origin check.
    wrap_async_check => App::new()
        .wrap(
            cors_actix::Cors::new(&POLICY)
                .origin_fn_async(|origin, _| std::future::ready(origin == TENANT)),
        )
        .service(plain)
        .service(other)
);

/// The `wrap` policy behind a handle.
pub static HANDLE: LazyLock<PolicyHandle> = LazyLock::new(|| PolicyHandle::new(POLICY.clone()));

app!(
    /// Ours, app-wide, reading a [`PolicyHandle`].
    wrap_handle => App::new()
        .wrap(cors_actix::Cors::new(HANDLE.clone()))
        .service(plain)
        .service(other)
);

/// Runs `$body` with `$make` bound to the app constructor of `$kind` (a `fn() -> App<..>`, so it
/// also serves as an `HttpServer` factory). The apps have different types, hence a macro.
#[macro_export]
macro_rules! with_app {
    ($kind:expr, |$make:ident| $body:expr) => {
        match $kind {
            $crate::AppKind::NoCors => {
                let $make = $crate::apps::no_cors;
                $body
            }
            $crate::AppKind::ActixCors => {
                let $make = $crate::apps::actix_cors;
                $body
            }
            $crate::AppKind::Attribute => {
                let $make = $crate::apps::attribute;
                $body
            }
            $crate::AppKind::Wrap => {
                let $make = $crate::apps::wrap;
                $body
            }
            $crate::AppKind::WrapMixed => {
                let $make = $crate::apps::wrap_mixed;
                $body
            }
            $crate::AppKind::Floor => {
                let $make = $crate::apps::floor;
                $body
            }
            $crate::AppKind::WrapCheck => {
                let $make = $crate::apps::wrap_check;
                $body
            }
            $crate::AppKind::WrapAsyncCheck => {
                let $make = $crate::apps::wrap_async_check;
                $body
            }
            $crate::AppKind::WrapHandle => {
                let $make = $crate::apps::wrap_handle;
                $body
            }
        }
    };
}

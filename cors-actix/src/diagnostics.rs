//! Rejection diagnostics: one `tracing` event (target `cors`, level `debug`) per refused request,
//! nothing on the success path. See them with a subscriber and `RUST_LOG=cors=debug`.

use actix_web::dev::RequestHead;
use actix_web::http::header;
use cors_core::RejectReason;

/// Environment variable that turns on debug answers for refused preflights in every policy.
pub const DEBUG_ENV: &str = "CORS_ACTIX_DEBUG";

/// True when [`DEBUG_ENV`] is set to anything but `0` or empty; read once per middleware at startup.
pub(crate) fn debug_from_env() -> bool {
    std::env::var_os(DEBUG_ENV).is_some_and(|v| !v.is_empty() && v != "0")
}

/// What was refused, for the event's `kind` field.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Refused {
    /// A preflight answered `403`.
    Preflight,
    /// An actual request answered without ACAO (the handler ran).
    Actual,
    /// A state-changing cross-origin request answered `403` by `enforce` (the handler did not run).
    Enforced,
}

/// Emits the event for a refused request.
pub(crate) fn refused(head: &RequestHead, kind: Refused, reason: &RejectReason<'_>) {
    tracing::debug!(
        target: "cors",
        kind = ?kind,
        reason = %reason,
        origin = %head.headers().get(header::ORIGIN).map_or(std::borrow::Cow::Borrowed(""), |o| String::from_utf8_lossy(o.as_bytes())),
        method = %head.method,
        route = %head.uri.path(),
        "CORS request refused",
    );
}

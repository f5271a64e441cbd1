//! Run-time origin checks beside a policy's static list: `origin_fn` / `origin_fn_async` on
//! `#[cors]`, [`crate::Cors::origin_fn`] / [`crate::Cors::origin_fn_async`] app- or scope-wide.
//!
//! The list and patterns answer first; a check is asked only about a well-formed serialized
//! origin they refuse (cors-core's `evaluate_with_check`), so a listed origin costs nothing more,
//! and an async check allocates only when it is asked.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use actix_web::HttpRequest;

/// The future an async check returns, boxed.
#[doc(hidden)]
pub type CheckFuture = Pin<Box<dyn Future<Output = bool>>>;

type SyncCheck = dyn Fn(&str, &HttpRequest) -> bool + Send + Sync;
type AsyncCheck = dyn Fn(String, HttpRequest) -> CheckFuture + Send + Sync;

/// A run-time origin check, shared by every worker.
#[derive(Clone)]
pub(crate) enum OriginCheck {
    /// `origin_fn`: asked in line.
    Sync(Arc<SyncCheck>),
    /// `origin_fn_async`: awaited before the handler runs (or the preflight is answered).
    Async(Arc<AsyncCheck>),
}

impl OriginCheck {
    pub(crate) fn sync(f: impl Fn(&str, &HttpRequest) -> bool + Send + Sync + 'static) -> Self {
        OriginCheck::Sync(Arc::new(f))
    }

    pub(crate) fn asynchronous<F, Fut>(f: F) -> Self
    where
        F: Fn(String, HttpRequest) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = bool> + 'static,
    {
        OriginCheck::Async(Arc::new(move |origin, req| Box::pin(f(origin, req))))
    }
}

impl fmt::Debug for OriginCheck {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            OriginCheck::Sync(_) => "OriginCheck::Sync",
            OriginCheck::Async(_) => "OriginCheck::Async",
        })
    }
}

/// A `#[cors]` handler's check, as its constant holds it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum HandlerCheck {
    /// `origin_fn = PATH`.
    Sync(fn(&str, &HttpRequest) -> bool),
    /// `origin_fn_async = PATH`, through a generated function boxing its future.
    Async(fn(String, HttpRequest) -> CheckFuture),
}

impl From<HandlerCheck> for OriginCheck {
    fn from(check: HandlerCheck) -> Self {
        match check {
            HandlerCheck::Sync(f) => OriginCheck::Sync(Arc::new(f)),
            HandlerCheck::Async(f) => OriginCheck::Async(Arc::new(f)),
        }
    }
}

/// Calls an `origin_fn_async` path and boxes its future; generated code names it with the
/// path's span, so a signature that does not fit is reported at the path.
#[doc(hidden)]
pub fn boxed_check<F, Fut>(check: F, origin: String, req: HttpRequest) -> CheckFuture
where
    F: FnOnce(String, HttpRequest) -> Fut,
    Fut: Future<Output = bool> + 'static,
{
    Box::pin(check(origin, req))
}

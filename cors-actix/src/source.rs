//! Where a `#[cors]` handler's policy lives: inline, `policy = PATH` (a `static`, a
//! `LazyLock`, a [`PolicyHandle`]), or `off`.

use std::sync::LazyLock;

use cors_core::Policy;

use crate::handle::PolicyHandle;
use crate::shared::SharedPolicy;

/// Where a `#[cors]` handler's policy lives.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum HandlerPolicy {
    /// An inline policy: a `static` the expansion defines.
    Static(&'static Policy),
    /// `policy = PATH` naming a [`PolicyHandle`] (in a `LazyLock`).
    Live(&'static PolicyHandle),
    /// `policy = PATH`: a function, because the static may be a `LazyLock`, which only run
    /// time can force.
    Shared(fn() -> HandlerPolicy),
    /// `#[cors(off)]`: no CORS on this route.
    Off,
}

impl HandlerPolicy {
    /// The policy, forcing a shared run-time one.
    pub fn resolve(self) -> HandlerPolicy {
        match self {
            HandlerPolicy::Shared(policy) => policy().resolve(),
            other => other,
        }
    }

    /// The resolved policy as a middleware holds it; `None` for `off`.
    pub(crate) fn shared(self) -> Option<SharedPolicy> {
        match self.resolve() {
            HandlerPolicy::Static(policy) => Some(policy.into()),
            HandlerPolicy::Live(handle) => Some(handle.into()),
            HandlerPolicy::Shared(_) | HandlerPolicy::Off => None,
        }
    }
}

/// What `#[cors(policy = PATH)]` accepts: a `static` [`Policy`] (from `policy!`) or
/// `&'static Policy`, a `LazyLock<Policy>`, or a `LazyLock<PolicyHandle>`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`policy = ..` takes a `static` `Policy`, `LazyLock<Policy>` or `LazyLock<PolicyHandle>`, not `{Self}`",
    label = "not a CORS policy"
)]
pub trait PolicySource: Sync + 'static {
    /// Where the handler's policy lives.
    fn handler_policy(&'static self) -> HandlerPolicy;
}

impl PolicySource for Policy {
    fn handler_policy(&'static self) -> HandlerPolicy {
        HandlerPolicy::Static(self)
    }
}

impl PolicySource for &'static Policy {
    fn handler_policy(&'static self) -> HandlerPolicy {
        HandlerPolicy::Static(self)
    }
}

impl PolicySource for PolicyHandle {
    fn handler_policy(&'static self) -> HandlerPolicy {
        HandlerPolicy::Live(self)
    }
}

impl<T: PolicySource + Send, F: FnOnce() -> T + Send + 'static> PolicySource for LazyLock<T, F> {
    fn handler_policy(&'static self) -> HandlerPolicy {
        LazyLock::force(self).handler_policy()
    }
}

/// `policy = PATH` in generated code, named with the path's span so a wrong type is reported there.
#[doc(hidden)]
pub fn handler_policy<T: PolicySource>(source: &'static T) -> HandlerPolicy {
    source.handler_policy()
}

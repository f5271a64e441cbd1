//! What `#[cors(policy = PATH)]` accepts, resolved into a [`SharedPolicy`] when the app is built.

use std::sync::LazyLock;

use cors_core::Policy;

use crate::policy_handle::PolicyHandle;
use crate::shared_policy::SharedPolicy;

/// What `#[cors(policy = PATH)]` accepts: a `static` [`Policy`] (from `policy!`) or
/// `&'static Policy`, a `LazyLock<Policy>`, or a `LazyLock<PolicyHandle>`.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "`policy = ..` takes a `static` `Policy`, `LazyLock<Policy>` or `LazyLock<PolicyHandle>`, not `{Self}`",
    label = "not a CORS policy"
)]
pub trait PolicySource: Sync + 'static {
    /// The policy as a middleware holds it (a `LazyLock` is forced here, when the app is built).
    fn shared_policy(&'static self) -> SharedPolicy;
}

impl PolicySource for Policy {
    fn shared_policy(&'static self) -> SharedPolicy {
        SharedPolicy::from(self)
    }
}

impl PolicySource for &'static Policy {
    fn shared_policy(&'static self) -> SharedPolicy {
        SharedPolicy::from(*self)
    }
}

impl PolicySource for PolicyHandle {
    fn shared_policy(&'static self) -> SharedPolicy {
        SharedPolicy::from(self)
    }
}

impl<T: PolicySource + Send, F: FnOnce() -> T + Send + 'static> PolicySource for LazyLock<T, F> {
    fn shared_policy(&'static self) -> SharedPolicy {
        LazyLock::force(self).shared_policy()
    }
}

/// `policy = PATH` in generated code, named with the path's span so a wrong type is reported there.
#[doc(hidden)]
pub fn shared_policy<T: PolicySource>(source: &'static T) -> SharedPolicy {
    source.shared_policy()
}

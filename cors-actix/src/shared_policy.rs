//! [`SharedPolicy`]: a policy as a middleware holds it, fixed or live.

use std::sync::Arc;

use cors_core::Policy;

use crate::policy_handle::PolicyHandle;
use crate::prepared::Prepared;

/// What [`crate::Cors::new`] accepts: a [`Policy`], a `&'static Policy`, an `Arc<Policy>`, or a
/// [`PolicyHandle`] (then every request reads the handle's current policy). Its header values
/// are prepared once, here, and clones share them.
#[derive(Clone, Debug)]
pub struct SharedPolicy(pub(crate) Held);

/// Where the policy in force lives.
#[derive(Clone, Debug)]
pub(crate) enum Held {
    /// A policy that never changes, with its header values.
    Fixed(Arc<Prepared>),
    /// A policy replaced at run time, read once per request.
    Live(PolicyHandle),
}

impl SharedPolicy {
    /// The policy in force now (a handle's current one), for listings and tests; requests
    /// read it without this copy.
    pub fn current(&self) -> Arc<Policy> {
        match &self.0 {
            Held::Fixed(prepared) => prepared.policy.clone(),
            Held::Live(handle) => handle.current(),
        }
    }

    fn fixed(policy: Arc<Policy>) -> SharedPolicy {
        SharedPolicy(Held::Fixed(Arc::new(Prepared::new(policy))))
    }
}

impl From<Policy> for SharedPolicy {
    fn from(policy: Policy) -> Self {
        SharedPolicy::fixed(Arc::new(policy))
    }
}

impl From<&'static Policy> for SharedPolicy {
    /// The policy is copied once, when the app is built: its lists stay borrowed from the static.
    fn from(policy: &'static Policy) -> Self {
        SharedPolicy::fixed(Arc::new(policy.clone()))
    }
}

impl From<Arc<Policy>> for SharedPolicy {
    fn from(policy: Arc<Policy>) -> Self {
        SharedPolicy::fixed(policy)
    }
}

impl From<PolicyHandle> for SharedPolicy {
    fn from(handle: PolicyHandle) -> Self {
        SharedPolicy(Held::Live(handle))
    }
}

impl From<&PolicyHandle> for SharedPolicy {
    fn from(handle: &PolicyHandle) -> Self {
        SharedPolicy(Held::Live(handle.clone()))
    }
}

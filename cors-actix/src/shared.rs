//! A policy held either in a `static` (the macros), behind an `Arc` (configuration), or behind
//! a [`PolicyHandle`] that replaces it at run time.

use std::sync::Arc;

use cors_core::Policy;

use crate::fixed::FixedPolicy;
use crate::handle::PolicyHandle;

/// What [`crate::Cors::new`] accepts: a [`Policy`], a `&'static Policy`, an `Arc<Policy>`, or a
/// [`PolicyHandle`] (then every request reads the handle's current policy). A `&'static Policy`
/// costs nothing to clone, an owned one is shared.
#[derive(Clone, Debug)]
pub struct SharedPolicy(pub(crate) Held);

#[derive(Clone, Debug)]
pub(crate) enum Held {
    /// A policy that never changes.
    Fixed(FixedPolicy),
    /// A policy replaced at run time.
    Live(PolicyHandle),
}

impl SharedPolicy {
    /// The policy in force now (a handle's current one), for listings and tests; requests
    /// read it without this copy.
    pub fn current(&self) -> Arc<Policy> {
        match &self.0 {
            Held::Fixed(FixedPolicy::Static(policy)) => Arc::new((*policy).clone()),
            Held::Fixed(FixedPolicy::Owned(policy)) => policy.clone(),
            Held::Live(handle) => handle.current(),
        }
    }
}

impl From<Policy> for SharedPolicy {
    fn from(policy: Policy) -> Self {
        SharedPolicy(Held::Fixed(FixedPolicy::Owned(Arc::new(policy))))
    }
}

impl From<&'static Policy> for SharedPolicy {
    fn from(policy: &'static Policy) -> Self {
        SharedPolicy(Held::Fixed(FixedPolicy::Static(policy)))
    }
}

impl From<Arc<Policy>> for SharedPolicy {
    fn from(policy: Arc<Policy>) -> Self {
        SharedPolicy(Held::Fixed(FixedPolicy::Owned(policy)))
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

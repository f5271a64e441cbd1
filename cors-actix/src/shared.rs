//! A policy held either in a `static` (the macros) or behind an `Arc` (configuration).

use std::ops::Deref;
use std::sync::Arc;

use cors_core::Policy;

/// A policy a middleware can hold: `&'static Policy` costs nothing to clone, an owned one is shared.
#[derive(Clone, Debug)]
pub enum SharedPolicy {
    /// A policy in a `static` (from `policy!`, `#[cors]`, or a forced `LazyLock`).
    Static(&'static Policy),
    /// A policy built at run time.
    Owned(Arc<Policy>),
}

impl Deref for SharedPolicy {
    type Target = Policy;

    fn deref(&self) -> &Policy {
        match self {
            SharedPolicy::Static(policy) => policy,
            SharedPolicy::Owned(policy) => policy,
        }
    }
}

impl From<Policy> for SharedPolicy {
    fn from(policy: Policy) -> Self {
        SharedPolicy::Owned(Arc::new(policy))
    }
}

impl From<&'static Policy> for SharedPolicy {
    fn from(policy: &'static Policy) -> Self {
        SharedPolicy::Static(policy)
    }
}

impl From<Arc<Policy>> for SharedPolicy {
    fn from(policy: Arc<Policy>) -> Self {
        SharedPolicy::Owned(policy)
    }
}

//! A policy held either in a `static` (the macros) or behind an `Arc` (configuration).

use std::ops::Deref;
use std::sync::Arc;

use cors_core::Policy;

/// A policy a middleware can hold: `&'static Policy` costs nothing to clone, an owned one is
/// shared. Made from a [`Policy`], a `&'static Policy` or an `Arc<Policy>`.
#[derive(Clone, Debug)]
pub struct SharedPolicy(Held);

#[derive(Clone, Debug)]
enum Held {
    /// A policy in a `static` (from `policy!`, `#[cors]`, or a forced `LazyLock`).
    Static(&'static Policy),
    /// A policy built at run time.
    Owned(Arc<Policy>),
}

impl Deref for SharedPolicy {
    type Target = Policy;

    fn deref(&self) -> &Policy {
        match &self.0 {
            Held::Static(policy) => policy,
            Held::Owned(policy) => policy,
        }
    }
}

impl From<Policy> for SharedPolicy {
    fn from(policy: Policy) -> Self {
        SharedPolicy(Held::Owned(Arc::new(policy)))
    }
}

impl From<&'static Policy> for SharedPolicy {
    fn from(policy: &'static Policy) -> Self {
        SharedPolicy(Held::Static(policy))
    }
}

impl From<Arc<Policy>> for SharedPolicy {
    fn from(policy: Arc<Policy>) -> Self {
        SharedPolicy(Held::Owned(policy))
    }
}

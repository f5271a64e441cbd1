//! A policy that never changes, in a `static` or behind an `Arc`, and the same with its header
//! values prepared: what a middleware holds, and what a [`crate::PolicyHandle`] swaps.

use std::ops::Deref;
use std::sync::Arc;

use cors_core::Policy;

use crate::response::PreparedValues;

/// A policy that never changes, in a `static` or behind an `Arc`.
#[derive(Clone, Debug)]
pub(crate) enum FixedPolicy {
    /// A policy in a `static` (from `policy!`, `#[cors]`, or a forced `LazyLock`).
    Static(&'static Policy),
    /// A policy built at run time.
    Owned(Arc<Policy>),
}

impl Deref for FixedPolicy {
    type Target = Policy;

    fn deref(&self) -> &Policy {
        match self {
            FixedPolicy::Static(policy) => policy,
            FixedPolicy::Owned(policy) => policy,
        }
    }
}

/// A policy with the header values prepared from it.
#[derive(Clone, Debug)]
pub(crate) struct Prepared {
    pub(crate) policy: FixedPolicy,
    pub(crate) values: PreparedValues,
}

impl Prepared {
    pub(crate) fn new(policy: FixedPolicy) -> Prepared {
        let values = PreparedValues::new(&policy);
        Prepared { policy, values }
    }
}

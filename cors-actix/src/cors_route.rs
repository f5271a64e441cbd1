//! One route of a `#[cors]` handler as route tables, tests and startup listings see it.

use cors_core::{AllowedMethods, NameList};

use crate::origin_fn::HandlerCheck;
use crate::shared_policy::SharedPolicy;

/// One route of a `#[cors]` handler: a path, the methods the route serves, and its policy.
#[derive(Clone, Copy, Debug)]
pub struct CorsRoute {
    pub(crate) handler: &'static str,
    pub(crate) path: &'static str,
    pub(crate) methods: &'static NameList,
    /// The handler's policy, resolved on each call (`None` for `#[cors(off)]`).
    pub(crate) policy: fn() -> Option<SharedPolicy>,
    pub(crate) check: Option<HandlerCheck>,
}

impl CorsRoute {
    /// The handler's name (its `url_for` name unless `name = ".."` was given).
    pub fn handler(&self) -> &'static str {
        self.handler
    }

    /// The route's path pattern, as written in the route attribute.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// The methods the route serves.
    pub fn methods(&self) -> impl ExactSizeIterator<Item = &'static str> + Clone {
        self.methods.iter()
    }

    /// The policy applied to the route (a [`crate::PolicyHandle`]'s, for `policy = HANDLE`);
    /// `None` for `#[cors(off)]`.
    pub fn policy(&self) -> Option<SharedPolicy> {
        (self.policy)()
    }

    /// Whether a run-time origin check (`origin_fn`, `origin_fn_async`) stands beside the policy.
    pub(crate) fn has_origin_check(&self) -> bool {
        self.check.is_some()
    }

    /// The methods allowed cross-origin: the route's, narrowed by the policy's own list if any
    /// (its current one, for a handle); none for `#[cors(off)]`.
    pub fn effective_methods(&self) -> Vec<&'static str> {
        let Some(policy) = self.policy() else {
            return Vec::new();
        };
        let methods = self.methods.iter();
        match policy.current().methods() {
            AllowedMethods::List(list) => methods.filter(|m| list.contains(m.as_bytes())).collect(),
            AllowedMethods::Route | AllowedMethods::Any => methods.collect(),
        }
    }
}

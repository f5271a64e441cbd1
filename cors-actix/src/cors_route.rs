//! One route of a `#[cors]` handler as route tables, tests and startup listings see it.

use cors_core::{AllowedMethods, NameList, Policy};

/// One route of a `#[cors]` handler: a path, the methods the route serves, and its policy.
#[derive(Clone, Copy, Debug)]
pub struct CorsRoute {
    pub(crate) handler: &'static str,
    pub(crate) path: &'static str,
    pub(crate) methods: &'static NameList,
    pub(crate) policy: &'static Policy,
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

    /// The policy applied to the route.
    pub fn policy(&self) -> &'static Policy {
        self.policy
    }

    /// The methods allowed cross-origin: the route's, narrowed by the policy's own list if any.
    pub fn effective_methods(&self) -> Vec<&'static str> {
        let methods = self.methods.iter();
        match self.policy.methods() {
            AllowedMethods::List(list) => methods.filter(|m| list.contains(m.as_bytes())).collect(),
            AllowedMethods::Route | AllowedMethods::Any => methods.collect(),
        }
    }
}

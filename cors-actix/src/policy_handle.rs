//! [`PolicyHandle`]: a policy replaced at run time, read by every worker on its next request.

use std::fmt;
use std::sync::Arc;

use arc_swap::ArcSwap;
use cors_core::Policy;

use crate::prepared::Prepared;

/// A policy that can be replaced while the server runs: the next request on every worker reads
/// the new one, with no restart. Clones share the policy.
///
/// ```
/// use std::sync::LazyLock;
/// use actix_web::{App, Responder, get};
/// use cors_actix::{Cors, Policy, PolicyHandle, cors};
///
/// static LIVE: LazyLock<PolicyHandle> = LazyLock::new(|| {
///     PolicyHandle::new(Policy::builder().allow_origins(["https://app.example"]).build().unwrap())
/// });
///
/// #[cors(policy = LIVE)]
/// #[get("/items")]
/// async fn items() -> impl Responder { "[]" }
///
/// let app = App::new().service(items).wrap(Cors::new(LIVE.clone()));
///
/// // Later, from a reload trigger: `build()` refuses a bad configuration (listing every
/// // problem) before it can replace the good one.
/// match Policy::builder().allow_origins(["https://app.example", "https://new.example"]).build() {
///     Ok(policy) => LIVE.replace(policy),
///     Err(error) => eprintln!("kept the old CORS policy: {error}"),
/// }
/// assert!(LIVE.current().allows_origin(b"https://new.example"));
/// ```
///
/// A request reads the current policy once, lock-free (`arc-swap`), and decides with it from
/// start to end; the policy's header values are prepared once per [`PolicyHandle::replace`],
/// not per request.
#[derive(Clone)]
pub struct PolicyHandle {
    current: Arc<ArcSwap<Prepared>>,
}

impl PolicyHandle {
    /// A handle holding `policy`.
    pub fn new(policy: Policy) -> PolicyHandle {
        PolicyHandle {
            current: Arc::new(ArcSwap::from_pointee(prepare(policy))),
        }
    }

    /// Replaces the policy for every clone of this handle, from the next request on. The new
    /// policy is a built, so validated, [`Policy`]: a configuration that `build()` refuses
    /// never gets here, and the old policy stays.
    pub fn replace(&self, policy: Policy) {
        self.current.store(Arc::new(prepare(policy)));
    }

    /// The policy in force now.
    pub fn current(&self) -> Arc<Policy> {
        self.current.load().policy.clone()
    }

    /// The current policy with its prepared values, for one request.
    pub(crate) fn load(&self) -> arc_swap::Guard<Arc<Prepared>> {
        self.current.load()
    }
}

fn prepare(policy: Policy) -> Prepared {
    Prepared::new(Arc::new(policy))
}

impl fmt::Debug for PolicyHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PolicyHandle")
            .field(&*self.current.load().policy)
            .finish()
    }
}

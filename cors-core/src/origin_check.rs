//! A run-time origin check beside a policy's static list (`origin_fn`, `origin_fn_async`): the
//! list and patterns answer first; the check is asked only about a well-formed serialized origin
//! they refuse, never about a malformed one nor `null`, and a `true` admits the origin exactly
//! as a listed one (mirrored byte for byte, never `*`).
//!
//! The check is a closure called at most once per evaluation, and only when needed: a policy
//! without one takes [`Policy::evaluate_for_route`], which never calls anything.

use crate::evaluate::{CorsRequest, Decision, RejectReason};
use crate::names::NameList;
use crate::origin::Origin;
use crate::policy::Policy;

impl Policy {
    /// [`Policy::evaluate_for_route`], with `check` asked whether to admit a well-formed origin
    /// the list refuses (at most once; never for a malformed origin, `null`, or a listed one).
    /// A refusal by the check is [`RejectReason::OriginRefusedByCheck`]. Never allocates.
    ///
    /// ```
    /// use cors_core::{CorsRequest, Decision, Policy, RejectReason, RequestHeader};
    ///
    /// struct Req<'a>(&'a str, &'a [(&'a str, &'a str)]);
    /// impl CorsRequest for Req<'_> {
    ///     fn method(&self) -> &[u8] { self.0.as_bytes() }
    ///     fn header_values(&self, h: RequestHeader) -> impl Iterator<Item = &[u8]> {
    ///         self.1.iter().filter(move |(n, _)| *n == h.as_str()).map(|(_, v)| v.as_bytes())
    ///     }
    /// }
    ///
    /// let policy = Policy::builder().origin_check(true).build()?;
    /// let routes = &cors_core::DEFAULT_METHODS;
    /// let tenant = Req("GET", &[("origin", "https://tenant.example")]);
    /// let admitted = policy.evaluate_with_check(&tenant, routes, |o| o.ends_with(".example"));
    /// assert!(matches!(admitted, Decision::Actual { rejected: None, .. }));
    /// let other = Req("GET", &[("origin", "https://other.test")]);
    /// let refused = policy.evaluate_with_check(&other, routes, |o| o.ends_with(".example"));
    /// assert!(matches!(
    ///     refused,
    ///     Decision::Actual { rejected: Some(RejectReason::OriginRefusedByCheck(_)), .. }
    /// ));
    /// # Ok::<(), cors_core::PolicyError>(())
    /// ```
    pub fn evaluate_with_check<'a>(
        &'a self,
        req: &'a impl CorsRequest,
        route_methods: &'a NameList,
        check: impl FnOnce(&'a str) -> bool,
    ) -> Decision<'a> {
        self.evaluate_checked(req, route_methods, Some(check))
    }

    /// True when the list admits `origin`, or it is a well-formed origin `check` admits (asked
    /// only then). Route tables use it for the methods they list.
    pub fn admits_origin<'a>(&self, origin: &'a [u8], check: impl FnOnce(&'a str) -> bool) -> bool {
        self.origin_verdict(origin, Some(check)).is_ok()
    }

    /// The origin part of a decision: the list first, then the check when there is one.
    pub(crate) fn origin_verdict<'a>(
        &self,
        origin: &'a [u8],
        check: Option<impl FnOnce(&'a str) -> bool>,
    ) -> Result<(), RejectReason<'a>> {
        if self.allows_origin(origin) {
            return Ok(());
        }
        let Some(check) = check else {
            return Err(RejectReason::OriginNotAllowed(origin));
        };
        // A canonical serialized origin is ASCII; `null` and malformed values never parse.
        match (Origin::parse(origin), std::str::from_utf8(origin)) {
            (Some(_), Ok(text)) => {
                if check(text) {
                    Ok(())
                } else {
                    Err(RejectReason::OriginRefusedByCheck(origin))
                }
            }
            _ => Err(RejectReason::OriginNotAllowed(origin)),
        }
    }
}

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

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use crate::evaluate::{CorsRequest, DEFAULT_METHODS, Decision, RejectReason, RequestHeader};
    use crate::plan::AllowOrigin;
    use crate::policy::Policy;

    struct Req<'a>(&'a str, &'a [(&'a str, &'a str)]);

    impl CorsRequest for Req<'_> {
        fn method(&self) -> &[u8] {
            self.0.as_bytes()
        }
        fn header_values(&self, h: RequestHeader) -> impl Iterator<Item = &[u8]> {
            self.1
                .iter()
                .filter(move |(n, _)| *n == h.as_str())
                .map(|(_, v)| v.as_bytes())
        }
    }

    fn req<'a>(method: &'a str, headers: &'a [(&'a str, &'a str)]) -> Req<'a> {
        Req(method, headers)
    }

    fn policy() -> Policy {
        Policy::builder()
            .allow_origins(["https://listed.example"])
            .allow_credentials(true)
            .origin_check(true)
            .build()
            .unwrap()
    }

    #[test]
    fn check_asked_only_for_a_well_formed_refused_origin() {
        let p = policy();
        for (origin, asked) in [
            ("https://listed.example", false),
            ("https://tenant.example", true),
            ("null", false),
            ("https://Tenant.example", false),
            ("https://tenant.example/", false),
        ] {
            let calls = Cell::new(0);
            let headers = [("origin", origin)];
            let r = req("GET", &headers);
            p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| {
                calls.set(calls.get() + 1);
                true
            });
            assert_eq!(calls.get(), usize::from(asked), "{origin}");
        }
    }

    #[test]
    fn admitted_by_the_check_as_a_listed_origin() {
        let p = policy();
        let r = req("GET", &[("origin", "https://tenant.example")]);
        let Decision::Actual {
            plan,
            rejected: None,
        } = p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| true)
        else {
            panic!("admitted")
        };
        assert_eq!(
            plan.allow_origin,
            Some(AllowOrigin::Mirror(b"https://tenant.example"))
        );
        assert!(plan.allow_credentials);
        let refused = p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| false);
        assert!(matches!(
            refused,
            Decision::Actual {
                rejected: Some(RejectReason::OriginRefusedByCheck(
                    b"https://tenant.example"
                )),
                ..
            }
        ));
    }

    #[test]
    fn preflight_refused_by_the_check() {
        let p = policy();
        let r = req(
            "OPTIONS",
            &[
                ("origin", "https://tenant.example"),
                ("access-control-request-method", "GET"),
            ],
        );
        assert_eq!(
            p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| false),
            Decision::PreflightRejected(RejectReason::OriginRefusedByCheck(
                b"https://tenant.example"
            ))
        );
        assert!(matches!(
            p.evaluate_with_check(&r, &DEFAULT_METHODS, |_| true),
            Decision::PreflightAccepted(_)
        ));
    }

    #[test]
    fn origins_may_be_left_out_beside_a_check_and_star_is_refused() {
        assert!(Policy::builder().build().is_err());
        assert!(Policy::builder().origin_check(true).build().is_ok());
        let error = Policy::builder()
            .allow_any_origin()
            .origin_check(true)
            .build()
            .unwrap_err();
        assert_eq!(
            error.problems()[0].kind,
            crate::ProblemKind::WildcardWithOriginCheck
        );
    }
}

//! [`ActivePolicy`]: the one policy type on the request path. A middleware, a `#[cors]` route or a
//! preflight answer holds one; it decides each request with cors-core and says what to do next.

use actix_web::HttpRequest;
use actix_web::dev::ServiceRequest;
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderValue;
use cors_core::enforce::is_state_changing;
use cors_core::{Decision, HeaderPlan, NameList, Policy, RejectReason, RequestKind, classify};

use crate::diagnostics::{Refused, debug_from_env, refused};
use crate::origin_fn::{CheckFuture, OriginCheck};
use crate::prepared::{Prepared, value};
use crate::request::{Head, is_cross_origin};
use crate::response::{Answer, Pending, PreflightValues, answer, append_vary, write_preflight};
use crate::shared_policy::{Held, SharedPolicy};

/// A policy as it applies to a set of routes: the policy in force (fixed, a handle's, or none for
/// `#[cors(off)]`), the methods of the routes it covers, the run-time origin check beside it, and
/// whether refused preflights are explained (debug mode).
#[derive(Clone, Debug)]
pub(crate) struct ActivePolicy {
    /// `None`: `#[cors(off)]`, no CORS at all.
    policy: Option<SharedPolicy>,
    pub(crate) route_methods: &'static NameList,
    /// `route_methods` as a header value, for policies without `methods` of their own.
    route_value: HeaderValue,
    check: Option<OriginCheck>,
    debug: bool,
}

/// What to do with a request, once decided.
pub(crate) enum Step {
    /// Run the handler, then write these headers.
    Run(Pending),
    /// The answer to a preflight, or to a request refused by `enforce`, sent without running
    /// the handler.
    Answer(Answer),
    /// Await this async origin check (of policy entry `entry`), then decide again.
    Ask { check: CheckFuture, entry: usize },
}

impl ActivePolicy {
    pub(crate) fn new(
        policy: Option<SharedPolicy>,
        route_methods: &'static NameList,
        check: Option<OriginCheck>,
    ) -> ActivePolicy {
        ActivePolicy {
            policy,
            route_methods,
            route_value: value(route_methods.header_value()),
            check,
            debug: debug_from_env(),
        }
    }

    /// The same with another origin check.
    pub(crate) fn with_check(self, check: OriginCheck) -> ActivePolicy {
        ActivePolicy {
            check: Some(check),
            ..self
        }
    }

    /// The same in or out of debug mode.
    pub(crate) fn with_debug(self, debug: bool) -> ActivePolicy {
        ActivePolicy { debug, ..self }
    }

    /// True when the policy is a [`crate::PolicyHandle`]'s, which may change.
    pub(crate) fn is_live(&self) -> bool {
        matches!(self.policy, Some(SharedPolicy(Held::Live(_))))
    }

    /// True when the policy in force admits every origin, so an origin check would never run.
    pub(crate) fn admits_any_origin(&self) -> bool {
        self.with(|prepared| prepared.policy.origins().is_any())
            .unwrap_or(false)
    }

    /// Runs `f` with the policy in force (`None` for `off`): a handle is read once, here.
    #[inline(always)]
    fn with<R>(&self, f: impl FnOnce(&Prepared) -> R) -> Option<R> {
        match &self.policy.as_ref()?.0 {
            Held::Fixed(prepared) => Some(f(prepared)),
            Held::Live(handle) => Some(f(&handle.load())),
        }
    }

    /// Decides a request with the check: a sync one is asked in line, an async one answers
    /// `verdict` once awaited and "refused" before (the refusal names the origin to ask about).
    #[inline(always)]
    fn evaluate<'a>(
        &self,
        policy: &'a Policy,
        head: &'a Head<'_>,
        req: &HttpRequest,
        verdict: Option<bool>,
    ) -> Decision<'a> {
        let methods = self.route_methods;
        let Some(check) = &self.check else {
            return policy.evaluate_for_route(head, methods);
        };
        policy.evaluate_with_check(head, methods, |origin| match (check, verdict) {
            (_, Some(verdict)) => verdict,
            (OriginCheck::Sync(check), None) => check(origin, req),
            (OriginCheck::Async(_), None) => false,
        })
    }

    /// The async check's future when `reason` is its refusal before it was asked.
    #[inline]
    fn ask(
        &self,
        reason: &RejectReason<'_>,
        req: &HttpRequest,
        verdict: Option<bool>,
    ) -> Option<CheckFuture> {
        match (&self.check, verdict, reason) {
            (Some(OriginCheck::Async(check)), None, RejectReason::OriginRefusedByCheck(origin)) => {
                // Well-formed, so ASCII: the lossy conversion never replaces anything.
                let origin = String::from_utf8_lossy(origin).into_owned();
                Some(check(origin, req.clone()))
            }
            _ => None,
        }
    }

    /// Decides an incoming request: preflights are answered, refused state-changing
    /// cross-origin requests are answered `403` under `enforce`, everything else runs. `verdict`
    /// is the async check's, once awaited.
    pub(crate) fn decide(&self, req: &ServiceRequest, verdict: Option<bool>) -> Step {
        let head = Head::new(req.head());
        match &self.policy {
            Some(SharedPolicy(Held::Fixed(prepared))) => {
                self.decide_with(prepared, req, &head, verdict)
            }
            Some(SharedPolicy(Held::Live(handle))) => {
                self.decide_with(&handle.load(), req, &head, verdict)
            }
            // `off`: no CORS headers at all, and preflights are refused.
            None if classify(&head) == RequestKind::Preflight => {
                Step::Answer(answer(StatusCode::FORBIDDEN))
            }
            None => Step::Run(Pending::none()),
        }
    }

    #[inline(always)]
    fn decide_with(
        &self,
        prepared: &Prepared,
        req: &ServiceRequest,
        head: &Head<'_>,
        verdict: Option<bool>,
    ) -> Step {
        if head.origin().is_none() {
            return Step::Run(prepared.without_origin.clone());
        }
        let request = req.request();
        match self.evaluate(&prepared.policy, head, request, verdict) {
            Decision::NotCors(plan)
            | Decision::Actual {
                plan,
                rejected: None,
            } => Step::Run(Pending::new(&plan, prepared.expose.as_ref(), head)),
            Decision::Actual {
                plan,
                rejected: Some(reason),
            } => self.refuse_actual(prepared, req, head, plan, reason, verdict),
            Decision::PreflightAccepted(plan) => {
                Step::Answer(self.preflight_answer(prepared, request, head, Ok(plan), None))
            }
            Decision::PreflightRejected(reason) => match self.ask(&reason, request, verdict) {
                Some(check) => Step::Ask { check, entry: 0 },
                None => {
                    Step::Answer(self.preflight_answer(prepared, request, head, Err(reason), None))
                }
            },
        }
    }

    /// An actual request whose origin the policy refused: ask the async check, refuse it under
    /// `enforce`, or run it without ACAO. Out of line, so the allowed path stays short.
    #[inline(never)]
    fn refuse_actual(
        &self,
        prepared: &Prepared,
        req: &ServiceRequest,
        head: &Head<'_>,
        plan: HeaderPlan<'_>,
        reason: RejectReason<'_>,
        verdict: Option<bool>,
    ) -> Step {
        let request = req.request();
        if let Some(check) = self.ask(&reason, request, verdict) {
            return Step::Ask { check, entry: 0 };
        }
        if prepared.policy.enforces()
            && is_state_changing(req.method().as_str().as_bytes())
            && is_cross_origin(request)
        {
            refused(req.head(), Refused::Enforced, &reason);
            let mut response = answer(StatusCode::FORBIDDEN);
            append_vary(response.headers_mut(), plan.vary);
            return Step::Answer(response);
        }
        refused(req.head(), Refused::Actual, &reason);
        Step::Run(Pending::new(&plan, prepared.expose.as_ref(), head))
    }

    /// A preflight's answer for a route table's path, with `methods` as
    /// `Access-Control-Allow-Methods` when given; `Err` with the async check's future when it
    /// must be asked first.
    pub(crate) fn answer_preflight(
        &self,
        req: &HttpRequest,
        methods: Option<&HeaderValue>,
        verdict: Option<bool>,
    ) -> Result<Answer, CheckFuture> {
        let head = Head::new(req.head());
        self.with(|prepared| {
            let decision = self.evaluate(&prepared.policy, &head, req, verdict);
            let decided = match decision {
                Decision::PreflightAccepted(plan) => Ok(plan),
                Decision::PreflightRejected(reason) => {
                    if let Some(check) = self.ask(&reason, req, verdict) {
                        return Err(check);
                    }
                    Err(reason)
                }
                // Only preflights reach here; anything else is answered like a refused one.
                _ => return Ok(answer(StatusCode::FORBIDDEN)),
            };
            Ok(self.preflight_answer(prepared, req, &head, decided, methods))
        })
        .unwrap_or_else(|| Ok(answer(StatusCode::FORBIDDEN)))
    }

    /// `204` with the CORS headers, or `403` with none and an empty body (in debug mode, a
    /// refused method or header gets `204` with the policy's lists, so the console names it).
    fn preflight_answer<'a>(
        &self,
        prepared: &'a Prepared,
        req: &HttpRequest,
        head: &'a Head<'_>,
        decided: Result<HeaderPlan<'a>, RejectReason<'a>>,
        methods: Option<&HeaderValue>,
    ) -> Answer {
        let plan = match decided {
            Ok(plan) => plan,
            Err(reason) => {
                refused(req.head(), Refused::Preflight, &reason);
                let explained = self.debug.then(|| {
                    prepared
                        .policy
                        .explain_rejection(head, self.route_methods, &reason)
                });
                match explained.flatten() {
                    Some(plan) => plan,
                    None => return answer(StatusCode::FORBIDDEN),
                }
            }
        };
        let mut response = answer(StatusCode::NO_CONTENT);
        let methods = methods
            .or(prepared.methods.as_ref())
            .unwrap_or(&self.route_value);
        let values = PreflightValues {
            allow_headers: prepared.allow_headers.as_ref(),
            max_age: prepared.max_age.as_ref(),
        };
        write_preflight(&plan, &values, methods, head, response.headers_mut());
        response
    }

    /// Whether the policy admits `origin` (a route table's method union), asking a sync check,
    /// or using `verdict`, an async check's; `None` when the async check must be asked first.
    pub(crate) fn admits_origin(
        &self,
        origin: &[u8],
        req: &HttpRequest,
        verdict: Option<bool>,
    ) -> Option<bool> {
        let admits = |prepared: &Prepared| {
            let policy = &prepared.policy;
            match (&self.check, verdict) {
                (None, _) => Some(policy.allows_origin(origin)),
                (Some(_), Some(verdict)) => Some(policy.admits_origin(origin, |_| verdict)),
                (Some(OriginCheck::Sync(check)), None) => {
                    Some(policy.admits_origin(origin, |origin| check(origin, req)))
                }
                (Some(OriginCheck::Async(_)), None) => {
                    let mut asked = false;
                    let admitted = policy.admits_origin(origin, |_| {
                        asked = true;
                        false
                    });
                    (!asked).then_some(admitted)
                }
            }
        };
        self.with(admits).unwrap_or(Some(false))
    }

    /// The async check's future for `origin`, which the list refused.
    pub(crate) fn ask_origin(&self, origin: &[u8], req: &HttpRequest) -> Option<CheckFuture> {
        let Some(OriginCheck::Async(check)) = &self.check else {
            return None;
        };
        Some(check(
            String::from_utf8_lossy(origin).into_owned(),
            req.clone(),
        ))
    }
}

//! A policy made ready for requests: its header values prepared once at startup (or once per
//! [`crate::PolicyHandle::replace`]), and the request-time steps every middleware shares
//! (decide, answer a preflight, enforce), with the run-time origin check when there is one.

use std::cell::Cell;

use actix_web::dev::ServiceRequest;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use cors_core::enforce::is_state_changing;
use cors_core::{Decision, NameList, Policy, RejectReason};

use crate::check::{CheckFuture, OriginCheck};
use crate::diagnostics::{Refused, debug_from_env, refused};
use crate::fixed::Prepared;
use crate::handle::PolicyHandle;
use crate::request::{Head, is_cross_origin};
use crate::response::{Pending, append_vary, write_preflight};
use crate::shared::{Held, SharedPolicy};

/// Where a middleware's policy comes from.
#[derive(Clone, Debug)]
pub(crate) enum Source {
    /// A policy that never changes.
    Fixed(Prepared),
    /// The current policy of a handle, read once per request.
    Live(PolicyHandle),
    /// `#[cors(off)]`: no CORS at all; preflights get `403`.
    Off,
}

/// A policy with its prepared header values, for one set of route methods.
#[derive(Clone, Debug)]
pub(crate) struct PreparedPolicy {
    pub(crate) source: Source,
    pub(crate) route_methods: &'static NameList,
    /// `route_methods` as a header value, for policies without `methods` of their own.
    pub(crate) route_value: HeaderValue,
    /// The run-time origin check beside the policy's list, if any.
    pub(crate) check: Option<OriginCheck>,
    /// Debug answers for refused preflights (see [`crate::diagnostics::DEBUG_ENV`]).
    pub(crate) debug: bool,
}

/// What a middleware does with a request before the handler.
pub(crate) enum Admission {
    /// Run the handler, then write these headers.
    Run(Pending),
    /// A preflight, and its answer.
    Preflight(HttpResponse),
    /// Answer now: a request refused by `enforce`.
    Refuse(HttpResponse),
    /// Await this async origin check, then admit again with its verdict.
    Check(CheckFuture),
}

impl PreparedPolicy {
    pub(crate) fn new(policy: SharedPolicy, route_methods: &'static NameList) -> PreparedPolicy {
        let source = match policy.0 {
            Held::Fixed(policy) => Source::Fixed(Prepared::new(policy)),
            Held::Live(handle) => Source::Live(handle),
        };
        PreparedPolicy::with_source(source, route_methods)
    }

    /// `#[cors(off)]`: a route without CORS.
    pub(crate) fn off(route_methods: &'static NameList) -> PreparedPolicy {
        PreparedPolicy::with_source(Source::Off, route_methods)
    }

    fn with_source(source: Source, route_methods: &'static NameList) -> PreparedPolicy {
        PreparedPolicy {
            source,
            route_methods,
            route_value: HeaderValue::from_str(route_methods.header_value())
                .expect("method tokens"),
            check: None,
            debug: debug_from_env(),
        }
    }

    /// True when the policy is a [`PolicyHandle`]'s, which may change.
    pub(crate) fn is_live(&self) -> bool {
        matches!(self.source, Source::Live(_))
    }

    /// True when the policy in force admits every origin, so an origin check would never run.
    pub(crate) fn admits_any_origin(&self) -> bool {
        self.with_policy(|prepared| prepared.policy.origins().is_any())
            .unwrap_or(false)
    }

    /// The same with a run-time origin check.
    pub(crate) fn checked(self, check: Option<OriginCheck>) -> PreparedPolicy {
        PreparedPolicy { check, ..self }
    }

    /// Runs `f` with the policy in force (`None` for `off`).
    fn with_policy<R>(&self, f: impl FnOnce(&Prepared) -> R) -> Option<R> {
        match &self.source {
            Source::Fixed(prepared) => Some(f(prepared)),
            Source::Live(handle) => Some(f(&handle.load())),
            Source::Off => None,
        }
    }

    /// Decides with the check: `known` is an async check's verdict once awaited; an async
    /// check not yet asked answers "refused" and sets `asked`.
    #[inline(always)]
    fn evaluate<'a>(
        &self,
        policy: &'a Policy,
        head: &'a Head<'_>,
        req: &HttpRequest,
        known: Option<bool>,
        asked: &Cell<bool>,
    ) -> Decision<'a> {
        let methods = self.route_methods;
        match (&self.check, known) {
            (None, _) => policy.evaluate_for_route(head, methods),
            (Some(_), Some(verdict)) => policy.evaluate_with_check(head, methods, |_| verdict),
            (Some(OriginCheck::Sync(check)), None) => {
                policy.evaluate_with_check(head, methods, |origin| check(origin, req))
            }
            (Some(OriginCheck::Async(_)), None) => {
                policy.evaluate_with_check(head, methods, |_| {
                    asked.set(true);
                    false
                })
            }
        }
    }

    /// The async check's future for `origin`, which the list refused.
    fn ask(&self, reason: &RejectReason<'_>, req: &HttpRequest) -> Option<CheckFuture> {
        let (Some(OriginCheck::Async(check)), RejectReason::OriginRefusedByCheck(origin)) =
            (&self.check, reason)
        else {
            return None;
        };
        // Well-formed, so ASCII: the lossy conversion never replaces anything.
        let origin = String::from_utf8_lossy(origin).into_owned();
        Some(check(origin, req.clone()))
    }

    /// True when the policy admits `origin` (route tables' method union), asking a sync check,
    /// or using `known`, an async check's verdict.
    pub(crate) fn admits_origin(
        &self,
        origin: &[u8],
        req: &HttpRequest,
        known: Option<bool>,
    ) -> bool {
        self.with_policy(|prepared| match (&self.check, known) {
            (None, _) | (Some(OriginCheck::Async(_)), None) => {
                prepared.policy.allows_origin(origin)
            }
            (Some(_), Some(verdict)) => prepared.policy.admits_origin(origin, |_| verdict),
            (Some(OriginCheck::Sync(check)), None) => prepared
                .policy
                .admits_origin(origin, |origin| check(origin, req)),
        })
        .unwrap_or(false)
    }

    /// The async check's future when it must be asked about this request's origin (a
    /// well-formed one the list refuses), for route tables, which decide before dispatching.
    pub(crate) fn pending_check(&self, req: &HttpRequest) -> Option<CheckFuture> {
        if !matches!(self.check, Some(OriginCheck::Async(_))) {
            return None;
        }
        let mut origins = req.headers().get_all(header::ORIGIN);
        let (Some(origin), None) = (origins.next(), origins.next()) else {
            return None;
        };
        let asked = Cell::new(false);
        self.with_policy(|prepared| {
            prepared.policy.admits_origin(origin.as_bytes(), |_| {
                asked.set(true);
                false
            })
        });
        if !asked.get() {
            return None;
        }
        let OriginCheck::Async(check) = self.check.as_ref()? else {
            return None;
        };
        let origin = String::from_utf8_lossy(origin.as_bytes()).into_owned();
        Some(check(origin, req.clone()))
    }

    /// `204` with the CORS headers, or `403` with none and an empty body (in debug mode, a
    /// refused method or header gets `204` with the policy's lists, so the console names it).
    /// `known`: an async check's verdict, already awaited (route tables).
    pub(crate) fn answer_preflight(
        &self,
        req: &HttpRequest,
        methods: Option<&HeaderValue>,
        known: Option<bool>,
    ) -> HttpResponse {
        let head = Head::new(req.head());
        match &self.source {
            Source::Fixed(prepared) => self.answer_with(prepared, req, &head, methods, known),
            Source::Live(handle) => self.answer_with(&handle.load(), req, &head, methods, known),
            Source::Off => HttpResponse::Forbidden().finish(),
        }
    }

    #[inline(always)]
    fn answer_with(
        &self,
        prepared: &Prepared,
        req: &HttpRequest,
        head: &Head<'_>,
        methods: Option<&HeaderValue>,
        known: Option<bool>,
    ) -> HttpResponse {
        let asked = Cell::new(false);
        let decision = self.evaluate(&prepared.policy, head, req, known, &asked);
        self.answer_decided(prepared, req, head, decision, methods)
    }

    /// [`PreparedPolicy::answer_preflight`] once the preflight is decided.
    fn answer_decided<'a>(
        &self,
        prepared: &'a Prepared,
        req: &HttpRequest,
        head: &'a Head<'_>,
        decision: Decision<'a>,
        methods: Option<&HeaderValue>,
    ) -> HttpResponse {
        let plan = match decision {
            Decision::PreflightAccepted(plan) => Some(plan),
            Decision::PreflightRejected(reason) => {
                refused(req.head(), Refused::Preflight, &reason);
                self.debug
                    .then(|| {
                        prepared
                            .policy
                            .explain_rejection(head, self.route_methods, &reason)
                    })
                    .flatten()
            }
            // Only preflights reach here; anything else is answered like an unclaimed OPTIONS.
            _ => None,
        };
        match plan {
            Some(plan) => {
                let mut response = HttpResponse::NoContent().finish();
                let methods = methods.or(prepared.values.methods.as_ref());
                let methods = methods.or(Some(&self.route_value));
                write_preflight(
                    &plan,
                    &prepared.values,
                    methods,
                    head,
                    response.headers_mut(),
                );
                response
            }
            None => HttpResponse::Forbidden().finish(),
        }
    }

    /// Decides an incoming request: preflights are answered, refused state-changing
    /// cross-origin requests are answered `403` under `enforce`, everything else runs. With an
    /// async check that must be asked, its future comes back first; `known` is its verdict.
    pub(crate) fn admit(&self, req: &ServiceRequest, known: Option<bool>) -> Admission {
        let head = Head::new(req.head());
        match &self.source {
            Source::Fixed(prepared) => self.admit_with(prepared, req, &head, known),
            Source::Live(handle) => self.admit_with(&handle.load(), req, &head, known),
            // `off`: no CORS headers at all, and preflights are refused.
            Source::Off => {
                if cors_core::classify(&head) == cors_core::RequestKind::Preflight {
                    Admission::Preflight(HttpResponse::Forbidden().finish())
                } else {
                    Admission::Run(Pending::none())
                }
            }
        }
    }

    #[inline(always)]
    fn admit_with(
        &self,
        prepared: &Prepared,
        req: &ServiceRequest,
        head: &Head<'_>,
        known: Option<bool>,
    ) -> Admission {
        let asked = Cell::new(false);
        let decision = self.evaluate(&prepared.policy, head, req.request(), known, &asked);
        let values = &prepared.values;
        match decision {
            Decision::PreflightRejected(reason) if asked.get() => {
                match self.ask(&reason, req.request()) {
                    Some(check) => Admission::Check(check),
                    None => Admission::Preflight(self.answer_decided(
                        prepared,
                        req.request(),
                        head,
                        Decision::PreflightRejected(reason),
                        None,
                    )),
                }
            }
            decision @ (Decision::PreflightAccepted(_) | Decision::PreflightRejected(_)) => {
                Admission::Preflight(self.answer_decided(
                    prepared,
                    req.request(),
                    head,
                    decision,
                    None,
                ))
            }
            Decision::NotCors(plan) => Admission::Run(Pending::new(&plan, values, head)),
            Decision::Actual {
                plan,
                rejected: None,
            } => Admission::Run(Pending::new(&plan, values, head)),
            Decision::Actual {
                plan,
                rejected: Some(reason),
            } => {
                if asked.get()
                    && let Some(check) = self.ask(&reason, req.request())
                {
                    return Admission::Check(check);
                }
                if prepared.policy.enforces()
                    && is_state_changing(req.method().as_str().as_bytes())
                    && is_cross_origin(req.request())
                {
                    refused(req.head(), Refused::Enforced, &reason);
                    let mut response = HttpResponse::Forbidden().finish();
                    append_vary(response.headers_mut(), plan.vary);
                    return Admission::Refuse(response);
                }
                refused(req.head(), Refused::Actual, &reason);
                Admission::Run(Pending::new(&plan, values, head))
            }
        }
    }
}

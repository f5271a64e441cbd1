//! A policy made ready for requests: its header values prepared once at startup, and the
//! request-time steps every middleware shares (decide, answer a preflight, enforce).

use actix_web::dev::ServiceRequest;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse};
use cors_core::enforce::{is_same_origin, is_state_changing, sec_fetch_site_is_cross_origin};
use cors_core::{Decision, NameList};

use crate::diagnostics::{Refused, debug_from_env, refused};
use crate::request::Head;
use crate::response::{Pending, PreparedValues, append_vary, write_preflight};
use crate::shared::SharedPolicy;

/// A policy with its prepared header values, for one set of route methods.
#[derive(Clone, Debug)]
pub(crate) struct PreparedPolicy {
    pub(crate) policy: SharedPolicy,
    pub(crate) route_methods: &'static NameList,
    pub(crate) values: PreparedValues,
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
}

impl PreparedPolicy {
    pub(crate) fn new(policy: SharedPolicy, route_methods: &'static NameList) -> PreparedPolicy {
        let values = PreparedValues::new(&policy, route_methods);
        PreparedPolicy {
            policy,
            route_methods,
            values,
            debug: debug_from_env(),
        }
    }

    /// `204` with the CORS headers, or `403` with none and an empty body (in debug mode, a
    /// refused method or header gets `204` with the policy's lists, so the console names it).
    pub(crate) fn answer_preflight(
        &self,
        req: &HttpRequest,
        methods: Option<&HeaderValue>,
    ) -> HttpResponse {
        let head = Head::new(req.head());
        let decision = self.policy.evaluate_for_route(&head, self.route_methods);
        self.answer_decided(req, &head, decision, methods)
    }

    /// [`PreparedPolicy::answer_preflight`] once the preflight is decided.
    fn answer_decided<'a>(
        &'a self,
        req: &HttpRequest,
        head: &'a Head<'a>,
        decision: Decision<'a>,
        methods: Option<&HeaderValue>,
    ) -> HttpResponse {
        let plan = match decision {
            Decision::PreflightAccepted(plan) => Some(plan),
            Decision::PreflightRejected(reason) => {
                refused(req.head(), Refused::Preflight, &reason);
                self.debug
                    .then(|| {
                        self.policy
                            .explain_rejection(head, self.route_methods, &reason)
                    })
                    .flatten()
            }
            // Only preflights reach here; anything else is answered like an unclaimed OPTIONS.
            Decision::NotCors(_) | Decision::Actual { .. } => None,
        };
        match plan {
            Some(plan) => {
                let mut response = HttpResponse::NoContent().finish();
                write_preflight(&plan, &self.values, methods, head, response.headers_mut());
                response
            }
            None => HttpResponse::Forbidden().finish(),
        }
    }

    /// Decides an incoming request: preflights are answered, refused state-changing
    /// cross-origin requests are answered `403` under `enforce`, everything else runs.
    pub(crate) fn admit(&self, req: &ServiceRequest) -> Admission {
        let head = Head::new(req.head());
        match self.policy.evaluate_for_route(&head, self.route_methods) {
            decision @ (Decision::PreflightAccepted(_) | Decision::PreflightRejected(_)) => {
                Admission::Preflight(self.answer_decided(req.request(), &head, decision, None))
            }
            Decision::NotCors(plan) => Admission::Run(Pending::new(&plan, &self.values, &head)),
            Decision::Actual {
                plan,
                rejected: None,
            } => Admission::Run(Pending::new(&plan, &self.values, &head)),
            Decision::Actual {
                plan,
                rejected: Some(reason),
            } => {
                if self.policy.enforces()
                    && is_state_changing(req.method().as_str().as_bytes())
                    && cross_origin(req)
                {
                    refused(req.head(), Refused::Enforced, &reason);
                    let mut response = HttpResponse::Forbidden().finish();
                    append_vary(response.headers_mut(), plan.vary);
                    return Admission::Refuse(response);
                }
                refused(req.head(), Refused::Actual, &reason);
                Admission::Run(Pending::new(&plan, &self.values, &head))
            }
        }
    }
}

/// True unless the request is known to come from its own origin: `Sec-Fetch-Site` when the
/// browser sent it, else the `Origin` compared with the request's scheme and `Host`.
fn cross_origin(req: &ServiceRequest) -> bool {
    let headers = req.headers();
    if let Some(cross) = headers
        .get("sec-fetch-site")
        .and_then(|v| sec_fetch_site_is_cross_origin(v.as_bytes()))
    {
        return cross;
    }
    let mut origins = headers.get_all(header::ORIGIN);
    let (Some(origin), None) = (origins.next(), origins.next()) else {
        return true;
    };
    let info = req.connection_info();
    !is_same_origin(origin.as_bytes(), info.scheme(), info.host())
}

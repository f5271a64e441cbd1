//! Preflights on a path served by `#[cors]` routes: the first route of the path (in a handler, or
//! in a route table) answers them from the policies of every route there, without running any
//! handler.

use std::rc::Rc;

use actix_web::HttpRequest;
use actix_web::dev::RequestHead;
use actix_web::http::{Method, StatusCode, header};
use cors_core::RejectReason;

use crate::active_policy::{ActivePolicy, Step};
use crate::cors_route::CorsRoute;
use crate::diagnostics::{Refused, refused};

use crate::prepared::value;
use crate::response;
use crate::response_future::Verdicts;

/// The policies serving one path, and the `Access-Control-Allow-Methods` each subset of them
/// yields.
pub(crate) struct PathPreflight {
    entries: Vec<(ActivePolicy, Vec<&'static str>)>,
    /// ACAM for each bitmask of entries allowing the origin (up to [`MAX_MASKED`] entries).
    unions: Vec<header::HeaderValue>,
    /// The methods whose preflights this path answers; `None`: every preflight (a route table,
    /// where an unserved method gets `403`).
    claimed: Option<Vec<&'static str>>,
}

/// Entries beyond this many answer with their own methods instead of the path's union.
const MAX_MASKED: usize = 6;

/// For each of `routes`, the preflights it answers: the first route of each path answers for
/// every route there. With `claim_all` (a route table), every preflight on the path; otherwise
/// those naming the routes' own methods, so other handlers on the same path keep theirs.
pub(crate) fn preflights(routes: &[CorsRoute], claim_all: bool) -> Vec<Option<Rc<PathPreflight>>> {
    let mut seen: Vec<&'static str> = Vec::new();
    routes
        .iter()
        .map(|route| {
            if seen.contains(&route.path) {
                return None;
            }
            seen.push(route.path);
            let on_path: Vec<&CorsRoute> = routes.iter().filter(|r| r.path == route.path).collect();
            Some(Rc::new(PathPreflight::new(&on_path, claim_all)))
        })
        .collect()
}

impl PathPreflight {
    fn new(routes: &[&CorsRoute], claim_all: bool) -> PathPreflight {
        let entries: Vec<(ActivePolicy, Vec<&'static str>)> = routes
            .iter()
            .map(|r| {
                let policy = ActivePolicy::new(r.policy(), r.methods, r.check.map(Into::into));
                (policy, r.effective_methods())
            })
            .collect();
        let mut unions = Vec::new();
        if entries.len() <= MAX_MASKED {
            for mask in 0..1usize << entries.len() {
                let mut methods: Vec<&str> = Vec::new();
                for (i, (_, effective)) in entries.iter().enumerate() {
                    if mask & (1 << i) != 0 {
                        for method in effective {
                            if !methods.contains(method) {
                                methods.push(method);
                            }
                        }
                    }
                }
                unions.push(value(&methods.join(", ")));
            }
        }
        let claimed = (!claim_all).then(|| {
            let mut methods: Vec<&'static str> = Vec::new();
            for route in routes {
                for method in route.methods.iter() {
                    if !methods.contains(&method) {
                        methods.push(method);
                    }
                }
            }
            methods
        });
        PathPreflight {
            entries,
            unions,
            claimed,
        }
    }

    /// True for a real preflight (`OPTIONS` + `Origin` + `Access-Control-Request-Method`) this
    /// path answers.
    pub(crate) fn claims(&self, head: &RequestHead) -> bool {
        if head.method != Method::OPTIONS || !head.headers().contains_key(header::ORIGIN) {
            return false;
        }
        let Some(requested) = head.headers().get(header::ACCESS_CONTROL_REQUEST_METHOD) else {
            return false;
        };
        match &self.claimed {
            None => true,
            Some(methods) => methods.iter().any(|m| m.as_bytes() == requested.as_bytes()),
        }
    }

    /// Dispatches on the requested method to the policy of the route serving it: the answer,
    /// or an async origin check to await first. `verdicts`: the checks awaited so far, by entry.
    pub(crate) fn decide(&self, req: &HttpRequest, verdicts: Verdicts) -> Step {
        let answer = |i: usize, policy: &ActivePolicy, union| match policy.answer_preflight(
            req,
            union,
            verdicts.get(i),
        ) {
            Ok(response) => Step::Answer(response),
            Err(check) => Step::Ask { check, entry: i },
        };
        if let ([(policy, _)], Some(_)) = (self.entries.as_slice(), &self.claimed) {
            // One route on the path, and it serves the method: if its policy refuses the origin
            // the preflight is refused, so only the union "this entry" is used. A handle's policy
            // may have changed its methods since startup: it answers with its own.
            let union = if policy.is_live() {
                None
            } else {
                self.unions.get(1)
            };
            return answer(0, policy, union);
        }
        let headers = req.head().headers();
        let origin = headers
            .get(header::ORIGIN)
            .map(|o| o.as_bytes())
            .unwrap_or_default();
        let requested = headers
            .get(header::ACCESS_CONTROL_REQUEST_METHOD)
            .map(|m| m.as_bytes())
            .unwrap_or_default();
        // Whether entry `i` admits the origin; an async check not asked yet is asked first.
        let admits = |i: usize, policy: &ActivePolicy| match policy.admits_origin(
            origin,
            req,
            verdicts.get(i),
        ) {
            Some(admitted) => Ok(admitted),
            None => match policy
                .ask_origin(origin, req)
                .filter(|_| Verdicts::can_ask(i))
            {
                Some(check) => Err(check),
                None => Ok(false),
            },
        };
        // Which of the first MAX_MASKED entries admit the origin, each asked once.
        let mut allowing = 0usize;
        for (i, (policy, _)) in self.entries.iter().enumerate().take(MAX_MASKED) {
            match admits(i, policy) {
                Ok(true) => allowing |= 1 << i,
                Ok(false) => {}
                Err(check) => return Step::Ask { check, entry: i },
            }
        }
        let mut serving = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, (policy, _))| policy.route_methods.contains(requested));
        let mut first_serving = None;
        let mut chosen = None;
        for (i, (policy, _)) in serving.by_ref() {
            first_serving.get_or_insert(i);
            let allows = if i < MAX_MASKED {
                allowing & (1 << i) != 0
            } else {
                match admits(i, policy) {
                    Ok(admitted) => admitted,
                    Err(check) => return Step::Ask { check, entry: i },
                }
            };
            if allows {
                chosen = Some(i);
                break;
            }
        }
        let Some(i) = chosen.or(first_serving) else {
            let reason = RejectReason::MethodNotAllowed(requested);
            refused(req.head(), Refused::Preflight, &reason);
            return Step::Answer(response::answer(StatusCode::FORBIDDEN));
        };
        answer(i, &self.entries[i].0, self.unions.get(allowing))
    }
}

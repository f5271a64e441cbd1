//! Validation: the attribute becomes a `PolicySpec`, cors-core's rulebook (the one the run-time
//! builder uses) checks it, and each problem is reported at the literal it is about.

use cors_core::__private::{PolicySpec, check_method, validate};
use cors_core::{Field, Policy};
use proc_macro2::Span;

use crate::args::{CorsArgs, List, push_error};

fn strings(list: &Option<List>) -> Option<Vec<String>> {
    list.as_ref()
        .map(|l| l.items.iter().map(|i| i.value.clone()).collect())
}

/// Checks the inline policy, returning it built, or every problem spanned.
pub fn check_policy(args: &CorsArgs) -> Result<Policy, syn::Error> {
    let spec = PolicySpec {
        origins: strings(&args.origins),
        allow_null_origin: args.allow_null_origin.is_some_and(|(v, _)| v),
        enforce: args.enforce.is_some_and(|(v, _)| v),
        methods: strings(&args.methods),
        allow_headers: strings(&args.allow_headers),
        expose_headers: strings(&args.expose_headers),
        credentials: args.credentials.is_some_and(|(v, _)| v),
        max_age: args.max_age.map(|(v, _)| v),
        private_network: args.private_network.is_some_and(|(v, _)| v),
        allow_public_suffix_patterns: args.allow_public_suffix_patterns.is_some_and(|(v, _)| v),
        allow_insecure_origins: args.allow_insecure_origins.is_some_and(|(v, _)| v),
        origin_check: args.origin_fn.is_some() || args.origin_fn_async.is_some(),
    };
    let problems = match validate(&spec) {
        Ok(policy) => return Ok(policy),
        Err(error) => error,
    };
    let mut errors = None;
    for problem in problems.problems() {
        push_error(
            &mut errors,
            syn::Error::new(
                span_of(args, problem.field, problem.index),
                &problem.message,
            ),
        );
    }
    Err(errors.expect("a failed validation has problems"))
}

fn span_of(args: &CorsArgs, field: Field, index: Option<usize>) -> Span {
    let list = match field {
        Field::Origins => &args.origins,
        Field::Methods => &args.methods,
        Field::AllowHeaders => &args.allow_headers,
        Field::ExposeHeaders => &args.expose_headers,
        Field::Credentials => return args.credentials.map_or_else(Span::call_site, |(_, s)| s),
        Field::MaxAge => return args.max_age.map_or_else(Span::call_site, |(_, s)| s),
        // A setting added to cors-core later: the whole attribute.
        _ => return Span::call_site(),
    };
    match (list, index) {
        (Some(list), Some(i)) => list.items.get(i).map_or(list.key.span(), |item| item.span),
        (Some(list), None) => list.key.span(),
        (None, _) => Span::call_site(),
    }
}

/// `policy = PATH` names a whole policy: no other key may stand beside it but a run-time origin
/// check; `off` stands alone; `origin_fn` and `origin_fn_async` exclude each other.
pub fn check_policy_alone(args: &CorsArgs) -> Result<(), syn::Error> {
    let mut errors = None;
    if args.off.is_some() {
        for key in args.keys.iter().filter(|k| *k != "off") {
            push_error(
                &mut errors,
                syn::Error::new(
                    key.span(),
                    format!(
                        "`{key}` cannot stand beside `off`: the route has no CORS; remove one of them"
                    ),
                ),
            );
        }
        return errors.map_or(Ok(()), Err);
    }
    let mut checks = args
        .keys
        .iter()
        .filter(|k| *k == "origin_fn" || *k == "origin_fn_async");
    if let (Some(_), Some(second)) = (checks.next(), checks.next()) {
        push_error(
            &mut errors,
            syn::Error::new(
                second.span(),
                "`origin_fn` and `origin_fn_async` exclude each other; keep one (an async check may call sync code)",
            ),
        );
    }
    if args.policy.is_some() {
        let beside = ["policy", "origin_fn", "origin_fn_async"];
        for key in args.keys.iter().filter(|k| !beside.iter().any(|b| *k == b)) {
            push_error(
                &mut errors,
                syn::Error::new(
                    key.span(),
                    format!(
                        "`{key}` cannot stand beside `policy`; set it in the shared policy instead"
                    ),
                ),
            );
        }
    }
    errors.map_or(Ok(()), Err)
}

/// Every listed method must be one the route below serves.
pub fn check_route_methods(args: &CorsArgs, served: &[String]) -> Result<(), syn::Error> {
    let mut errors = None;
    let Some(methods) = &args.methods else {
        return Ok(());
    };
    for item in methods.items.iter().filter(|i| i.value != "*") {
        if !served.contains(&item.value) && check_method(&item.value).is_ok() {
            push_error(
                &mut errors,
                syn::Error::new(
                    item.span,
                    format!(
                        "method `{}` is not served by the route below (it serves {}); remove it or add it to the route",
                        item.value,
                        served
                            .iter()
                            .map(|m| format!("`{m}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ),
            );
        }
    }
    errors.map_or(Ok(()), Err)
}

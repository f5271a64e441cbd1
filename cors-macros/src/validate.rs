//! The attribute's policy validated: it becomes a `PolicySpec`, cors-core's rulebook (the one the
//! run-time builder uses) checks it, and each problem is reported at the literal it is about;
//! then the rules of the attribute itself (which keys may stand together, which methods the route
//! below serves).

use cors_core::__private::{PolicySpec, check_method, validate};
use cors_core::{Field, Policy};
use proc_macro2::Span;

use crate::args::{CorsArgs, List};
use crate::errors::Errors;
use crate::route::RouteAttr;

fn strings(list: &Option<List>) -> Option<Vec<String>> {
    list.as_ref()
        .map(|l| l.items.iter().map(|i| i.value.clone()).collect())
}

/// The inline policy, built; or `None`, with every problem reported, except those about a key
/// whose own error is already there.
pub fn policy(cx: &Errors, args: &CorsArgs) -> Option<Policy> {
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
        Ok(policy) => return Some(policy),
        Err(error) => error,
    };
    assert!(
        !problems.problems().is_empty(),
        "a failed validation has problems"
    );
    // A key taken for `policy` stood for the whole policy: none of the inline one is missing.
    let reported = |key| args.unparsed.contains(&key) || args.unparsed.contains(&"policy");
    for problem in problems
        .problems()
        .iter()
        .filter(|p| !reported(p.field.key()))
    {
        cx.error(
            span_of(args, problem.field, problem.index),
            &problem.message,
        );
    }
    None
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
pub fn keys_together(cx: &Errors, args: &CorsArgs) {
    if args.off.is_some() {
        for key in args.keys.iter().filter(|k| *k != "off") {
            cx.error(
                key.span(),
                format!(
                    "`{key}` cannot stand beside `off`: the route has no CORS; remove one of them"
                ),
            );
        }
        return;
    }
    let mut checks = args
        .keys
        .iter()
        .filter(|k| *k == "origin_fn" || *k == "origin_fn_async");
    if let (Some(_), Some(second)) = (checks.next(), checks.next()) {
        cx.error(
            second.span(),
            "`origin_fn` and `origin_fn_async` exclude each other; keep one (an async check may call sync code)",
        );
    }
    if args.policy.is_some() {
        let beside = ["policy", "origin_fn", "origin_fn_async"];
        for key in args.keys.iter().filter(|k| !beside.iter().any(|b| *k == b)) {
            cx.error(
                key.span(),
                format!(
                    "`{key}` cannot stand beside `policy`; set it in the shared policy instead"
                ),
            );
        }
    }
}

/// `policy!` builds a policy: the keys that say where a handler's policy comes from, or add a
/// run-time check beside it, belong in `#[cors]`.
pub fn policy_macro_keys(cx: &Errors, args: &CorsArgs) {
    if let Some(path) = &args.policy {
        cx.push(syn::Error::new_spanned(
            path,
            "`policy!` builds a policy; `policy = ..` belongs in `#[cors]`",
        ));
    }
    for (key, given) in [
        ("origin_fn", args.origin_fn.is_some()),
        ("origin_fn_async", args.origin_fn_async.is_some()),
        ("off", args.off.is_some()),
    ] {
        if let Some(ident) = args.keys.iter().find(|k| *k == key).filter(|_| given) {
            cx.error(
                ident.span(),
                format!(
                    "`{key}` belongs in `#[cors]` (or `Cors::origin_fn` app-wide), not in `policy!`"
                ),
            );
        }
    }
}

/// Every listed method must be one the routes below serve (when there is a route to ask).
pub fn route_methods(cx: &Errors, args: &CorsArgs, routes: &[RouteAttr]) {
    let Some(methods) = &args.methods else {
        return;
    };
    if routes.is_empty() {
        return;
    }
    let served: Vec<&String> = routes.iter().flat_map(|r| &r.methods).collect();
    for item in methods.items.iter().filter(|i| i.value != "*") {
        if !served.contains(&&item.value) && check_method(&item.value).is_ok() {
            cx.error(
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
            );
        }
    }
}

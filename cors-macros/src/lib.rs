//! The `#[cors]` attribute and `policy!` macro. Use them through `cors-actix`, which re-exports
//! them and provides everything the expansion names (`::cors_actix::__private`).
//!
//! The pipeline: [`args`] parses the attribute keeping every literal's span, [`route`] reads the
//! actix route attribute below, [`check`] validates with cors-core's rulebook, [`expand`]
//! generates code. On any error the item is still emitted, so users see the real error only.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;
use quote::{ToTokens, quote};

mod args;
mod check;
mod expand;
mod route;

use args::{Parsed, push_error};
use expand::PolicySource;
use route::{RouteAttr, RouteKind, route_kind};

/// Per-route CORS for an actix-web handler; see the `cors-actix` crate docs.
#[proc_macro_attribute]
pub fn cors(args: TokenStream, item: TokenStream) -> TokenStream {
    let output = cors_attribute(args.into(), item.clone().into());
    debug_print("#[cors]", &output);
    output.into()
}

/// A compile-time-checked `Policy` for a `static`; same keys as `#[cors]`, without `policy`.
#[proc_macro]
pub fn policy(args: TokenStream) -> TokenStream {
    let output = match policy_macro(args.into()) {
        Ok(tokens) => tokens,
        Err(error) => {
            let error = error.to_compile_error();
            quote!({ #error; ::cors_actix::__private::Policy::from_parts(
                ::cors_actix::__private::AllowedOrigins {
                    any: false, null: false,
                    exact: ::cors_actix::__private::NameList::from_static(&[], ""),
                    patterns: ::cors_actix::__private::Cow::Borrowed(&[]),
                },
                ::cors_actix::__private::AllowedMethods::Route,
                ::cors_actix::__private::AllowedHeaders::Any,
                ::cors_actix::__private::Option::None, false, ::cors_actix::__private::Option::None, false,
            ) })
        }
    };
    debug_print("policy!", &output);
    output.into()
}

/// `CORS_MACROS_DEBUG=1` prints each expansion at build time.
fn debug_print(what: &str, tokens: &TokenStream2) {
    if std::env::var_os("CORS_MACROS_DEBUG").is_some_and(|v| v != "0") {
        eprintln!("--- {what} expansion ---\n{tokens}\n");
    }
}

fn policy_macro(args: TokenStream2) -> syn::Result<TokenStream2> {
    let Parsed { args, errors } = syn::parse2(args)?;
    let mut errors = errors;
    if let Some(path) = &args.policy {
        push_error(
            &mut errors,
            syn::Error::new_spanned(
                path,
                "`policy!` builds a policy; `policy = ..` belongs in `#[cors]`",
            ),
        );
    }
    for (key, given) in [
        ("origin_fn", args.origin_fn.is_some()),
        ("origin_fn_async", args.origin_fn_async.is_some()),
        ("off", args.off.is_some()),
    ] {
        if let Some(ident) = args.keys.iter().find(|k| *k == key).filter(|_| given) {
            push_error(
                &mut errors,
                syn::Error::new(
                    ident.span(),
                    format!(
                        "`{key}` belongs in `#[cors]` (or `Cors::origin_fn` app-wide), not in `policy!`"
                    ),
                ),
            );
        }
    }
    let policy = check::check_policy(&args);
    match (policy, errors) {
        (Ok(policy), None) => Ok(expand::policy_expr(&policy)),
        (Ok(_), Some(errors)) => Err(errors),
        (Err(problems), None) => Err(problems),
        (Err(problems), Some(mut errors)) => {
            errors.combine(problems);
            Err(errors)
        }
    }
}

fn cors_attribute(args: TokenStream2, item: TokenStream2) -> TokenStream2 {
    match expand_cors(args, item.clone()) {
        Ok(tokens) => tokens,
        // Emit the item untouched beside the errors: the route still compiles, so the user sees
        // only the CORS error, not a cascade.
        Err(error) => {
            let error = error.to_compile_error();
            quote!(#error #item)
        }
    }
}

fn expand_cors(args: TokenStream2, item: TokenStream2) -> syn::Result<TokenStream2> {
    let item: syn::Item = syn::parse2(item)?;
    let syn::Item::Fn(function) = item else {
        return Err(misplaced(&item));
    };
    let mut errors = None;
    let Parsed {
        args,
        errors: parse_errors,
    } = syn::parse2(args)?;
    if let Some(e) = parse_errors {
        push_error(&mut errors, e);
    }
    // Without a route below, the policy is still checked so every problem shows in one compile.
    let routes = read_routes(&function).unwrap_or_else(|e| {
        push_error(&mut errors, e);
        Vec::new()
    });
    let served: Vec<String> = routes.iter().flat_map(|r| r.methods.clone()).collect();
    if let Err(e) = check::check_policy_alone(&args) {
        push_error(&mut errors, e);
    }
    let source = match (&args.policy, &args.off) {
        (_, Some(_)) => Some(PolicySource::Off),
        (Some(path), None) => Some(PolicySource::Shared(path.clone())),
        (None, None) => match check::check_policy(&args) {
            Ok(policy) => Some(PolicySource::Inline(Box::new(policy))),
            Err(e) => {
                push_error(&mut errors, e);
                None
            }
        },
    };
    if !routes.is_empty()
        && let Err(e) = check::check_route_methods(&args, &served)
    {
        push_error(&mut errors, e);
    }
    match (errors, source) {
        (None, Some(source)) => Ok(expand::handler(
            function,
            &routes,
            &source,
            &check_of(&args),
        )),
        (Some(errors), _) => Err(errors),
        (None, None) => unreachable!("a missing policy is always an error"),
    }
}

/// The run-time origin check the attribute names, if any.
fn check_of(args: &args::CorsArgs) -> Option<expand::Check> {
    match (&args.origin_fn, &args.origin_fn_async) {
        (Some(path), _) => Some(expand::Check::Sync(path.clone())),
        (None, Some(path)) => Some(expand::Check::Async(path.clone())),
        (None, None) => None,
    }
}

/// The actix route attributes of the handler: one `#[get]`-like or `#[route]`, or `#[routes]`
/// and the method attributes below it.
fn read_routes(function: &syn::ItemFn) -> syn::Result<Vec<RouteAttr>> {
    let mut routes = Vec::new();
    let mut in_routes = false;
    for attr in &function.attrs {
        match route_kind(attr) {
            Some(RouteKind::Routes) => in_routes = true,
            Some(kind @ RouteKind::Method) if in_routes => {
                routes.push(RouteAttr::read(attr, kind)?)
            }
            Some(kind) if routes.is_empty() && !in_routes => {
                routes.push(RouteAttr::read(attr, kind)?)
            }
            _ => {}
        }
    }
    if routes.is_empty() {
        return Err(syn::Error::new(
            proc_macro2::Span::call_site(),
            "`#[cors]` needs an actix route attribute below it, e.g. `#[get(\"/items\")]`, \
             `#[route(..)]` or `#[routes]`; if the route attribute stands above `#[cors]`, swap them",
        ));
    }
    Ok(routes)
}

/// `#[cors]` on something that is not a handler function: most often it stood below the route
/// attribute, which already turned the function into a service struct.
fn misplaced(item: &syn::Item) -> syn::Error {
    let text = item.to_token_stream().to_string();
    let message = if text.contains("HttpServiceFactory") || matches!(item, syn::Item::Struct(_)) {
        "`#[cors]` must stand above the route attribute: swap `#[cors(..)]` and the `#[get]`/`#[post]`/`#[route]`/`#[routes]` line"
    } else {
        "`#[cors]` goes on an actix-web handler function, above its route attribute"
    };
    syn::Error::new(proc_macro2::Span::call_site(), message)
}

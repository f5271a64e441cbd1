//! Code generation: a validated policy becomes a `static` initializer, and a handler becomes
//! the actix service plus its CORS middleware, preflight registration and metadata.

use cors_core::__private::PortRule;
use cors_core::{AllowedHeaders, AllowedMethods, NameList, Policy};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::parse::Parser;
use syn::{Attribute, ItemFn, Path};

use crate::route::{METHOD_ATTRS, RouteAttr};

/// A `static` list, with the hash index cors-core built for it here when it is long, so that a
/// compile-time list is looked up as a run-time one is.
fn name_list(list: &NameList) -> TokenStream {
    let names = list.iter();
    let header = list.header_value();
    let index = list.index_slots();
    if index.is_empty() {
        quote!(::cors_actix::__private::NameList::from_static(&[#(#names),*], #header))
    } else {
        quote!(::cors_actix::__private::NameList::from_static_indexed(
            &[#(#names),*], #header, &[#(#index),*]
        ))
    }
}

fn option(value: Option<&str>) -> TokenStream {
    match value {
        Some(v) => quote!(::cors_actix::__private::Option::Some(#v)),
        None => quote!(::cors_actix::__private::Option::None),
    }
}

/// A constant expression that rebuilds `policy`, for `static X: Policy = <this>;`.
pub fn policy_expr(policy: &Policy) -> TokenStream {
    let p = quote!(::cors_actix::__private);
    let origins = policy.origins();
    let (any, null) = (origins.is_any(), origins.allows_null());
    let exact = name_list(origins.exact());
    let patterns = origins.patterns().iter().map(|pattern| {
        let (scheme, host, subdomains, port) = pattern.parts();
        let port = match port {
            PortRule::Default => quote!(#p::PortRule::Default),
            PortRule::Any => quote!(#p::PortRule::Any),
            PortRule::Exact(port) => {
                let port: &str = port;
                quote!(#p::PortRule::Exact(#p::Cow::Borrowed(#port)))
            }
        };
        quote!(#p::OriginPattern::from_parts(#scheme, #host, #subdomains, #port))
    });
    let pattern_count = origins.patterns().len();
    let methods = match policy.methods() {
        AllowedMethods::Route => quote!(#p::AllowedMethods::Route),
        AllowedMethods::Any => quote!(#p::AllowedMethods::Any),
        AllowedMethods::List(list) => {
            let list = name_list(list);
            quote!(#p::AllowedMethods::List(#list))
        }
    };
    let allow_headers = match policy.allow_headers() {
        AllowedHeaders::Any => quote!(#p::AllowedHeaders::Any),
        AllowedHeaders::List(list) => {
            let list = name_list(list);
            quote!(#p::AllowedHeaders::List(#list))
        }
    };
    let expose = option(policy.expose_headers());
    let max_age = option(policy.max_age());
    let (credentials, private_network) = (policy.credentials(), policy.private_network());
    // `from_parts` leaves enforcement off; each call and temporary left out of the initializer
    // is work the compiler no longer does for every handler's static.
    let enforce = policy.enforces().then(|| quote!(.with_enforce(true)));
    let (patterns_static, patterns) = if pattern_count == 0 {
        (TokenStream::new(), quote!(#p::Cow::Borrowed(&[])))
    } else {
        (
            quote!(static PATTERNS: [#p::OriginPattern; #pattern_count] = [#(#patterns),*];),
            quote!(#p::Cow::Borrowed(&PATTERNS)),
        )
    };
    quote! {{
        #patterns_static
        #p::Policy::from_parts(
            #p::AllowedOrigins::from_parts(#any, #null, #exact, #patterns),
            #methods,
            #allow_headers,
            #expose,
            #credentials,
            #max_age,
            #private_network,
        )#enforce
    }}
}

/// Where the handler's policy comes from.
pub enum PolicySource {
    Inline(Box<Policy>),
    Shared(Path),
    /// `#[cors(off)]`.
    Off,
}

/// A run-time origin check beside the policy.
pub enum Check {
    /// `origin_fn = PATH`.
    Sync(Path),
    /// `origin_fn_async = PATH`.
    Async(Path),
}

/// The whole expansion for one handler.
pub fn handler(
    mut item: ItemFn,
    routes: &[RouteAttr],
    source: &PolicySource,
    check: &Option<Check>,
) -> TokenStream {
    let name = item.sig.ident.clone();
    let name_str = name.to_string();
    let inner = format_ident!("__cors_handler_{}", name);
    let vis = item.vis.clone();

    // `policy_items` defines the policy; `handler_policy` is how the handler's constant reaches
    // it (and the route's middleware, through the constant).
    let (policy_items, handler_policy) = match source {
        PolicySource::Inline(policy) => {
            let static_name = format_ident!("__CORS_POLICY_{}", name);
            let expr = policy_expr(policy);
            (
                quote! {
                    #[doc(hidden)]
                    #[allow(non_upper_case_globals)]
                    static #static_name: ::cors_actix::__private::Policy = #expr;
                },
                quote!(::cors_actix::__private::HandlerPolicy::Static(&#static_name)),
            )
        }
        // A function, because a `LazyLock` can only be forced at run time. `handler_policy`
        // takes a `Policy`, a `PolicyHandle` or a `LazyLock` of either, and a type error points
        // at the path.
        PolicySource::Shared(path) => {
            let policy_fn = format_ident!("__cors_policy_of_{}", name);
            let policy_ref =
                quote_spanned!(path_span(path)=> ::cors_actix::__private::handler_policy(&#path));
            (
                quote! {
                    #[doc(hidden)]
                    #[allow(non_snake_case)]
                    fn #policy_fn() -> ::cors_actix::__private::HandlerPolicy {
                        #policy_ref
                    }
                },
                quote!(::cors_actix::__private::HandlerPolicy::Shared(#policy_fn)),
            )
        }
        PolicySource::Off => (
            TokenStream::new(),
            quote!(::cors_actix::__private::HandlerPolicy::Off),
        ),
    };
    // The check, coerced to the pointer type the handler's constant holds: a signature that
    // does not fit is reported at the path.
    let (check_items, handler_check) = match check {
        None => (
            TokenStream::new(),
            quote!(::cors_actix::__private::Option::None),
        ),
        Some(Check::Sync(path)) => {
            let coerced = quote_spanned!(path_span(path)=> {
                let check: fn(&str, &::cors_actix::__private::HttpRequest) -> bool = #path;
                check
            });
            (
                TokenStream::new(),
                quote!(::cors_actix::__private::Option::Some(
                    ::cors_actix::__private::HandlerCheck::Sync(#coerced)
                )),
            )
        }
        Some(Check::Async(path)) => {
            let check_fn = format_ident!("__cors_check_of_{}", name);
            let call = quote_spanned!(path_span(path)=>
                ::cors_actix::__private::boxed_check(#path, origin, req)
            );
            (
                quote! {
                    #[doc(hidden)]
                    #[allow(non_snake_case)]
                    fn #check_fn(
                        origin: ::std::string::String,
                        req: ::cors_actix::__private::HttpRequest,
                    ) -> ::cors_actix::__private::CheckFuture {
                        #call
                    }
                },
                quote!(::cors_actix::__private::Option::Some(
                    ::cors_actix::__private::HandlerCheck::Async(#check_fn)
                )),
            )
        }
    };

    let mut method_statics = Vec::new();
    let mut attrs = Vec::new();
    let mut route_specs = Vec::new();
    for (i, route) in routes.iter().enumerate() {
        // A route serving one standard method (`#[get]` and the like) shares cors-actix's list
        // for it; any other gets a static of its own. Written as text for actix's `wrap = ".."`,
        // parsed from it for the route's metadata.
        let methods_path = match route.methods.as_slice() {
            [method] if is_standard_method(method) => {
                format!("::cors_actix::__private::route_methods::{method}")
            }
            _ => {
                let methods_static = format_ident!("__CORS_METHODS_{}_{}", name, i);
                let list = name_list(&NameList::from_owned(route.methods.clone()));
                method_statics.push(quote! {
                    #[doc(hidden)]
                    #[allow(non_upper_case_globals)]
                    static #methods_static: ::cors_actix::__private::NameList = #list;
                });
                methods_static.to_string()
            }
        };
        let methods_static: Path = syn::parse_str(&methods_path).expect("a path");
        let wrap = format!("::cors_actix::__private::RouteCors::of(&{name}, &{methods_path})");
        attrs.push((&route.attr, route.rewritten(&name_str, &wrap)));
        let path = &route.args.path;
        let handler_name = route.resource_name(&name_str);
        route_specs.push(quote! {
            ::cors_actix::__private::RouteSpec {
                handler: #handler_name,
                path: #path,
                methods: &#methods_static,
            }
        });
    }

    let (docs, others): (Vec<Attribute>, Vec<Attribute>) = std::mem::take(&mut item.attrs)
        .into_iter()
        .partition(|a| a.path().is_ident("doc"));
    // Route attributes are rewritten in place, so `#[routes]` keeps preceding its inner ones.
    item.attrs = others
        .into_iter()
        .map(
            |attr| match attrs.iter().find(|(original, _)| **original == attr) {
                Some((_, rewritten)) => Attribute::parse_outer
                    .parse2(rewritten.clone())
                    .expect("rewritten route attribute parses")
                    .remove(0),
                None => attr,
            },
        )
        .collect();
    item.sig.ident = inner.clone();

    quote! {
        #policy_items
        #check_items
        #(#method_statics)*

        #[doc(hidden)]
        #item

        // Plain data, not a type with trait impls: nothing is generic over the handler but the
        // registration actix generates, reached through the function pointer.
        #(#docs)*
        #[allow(non_upper_case_globals)]
        #vis const #name: ::cors_actix::__private::CorsHandler = ::cors_actix::__private::CorsHandler {
            routes: &[#(#route_specs),*],
            policy: #handler_policy,
            check: #handler_check,
            // A fn item rather than a closure: it coerces to the pointer without a shim.
            register_handler: {
                fn register(config: &mut ::cors_actix::__private::AppService) {
                    ::cors_actix::__private::HttpServiceFactory::register(#inner, config)
                }
                register
            },
        };
    }
}

/// `GET`, `POST`, ..: the methods of actix's method attributes, each with a list in
/// `::cors_actix::__private::route_methods`.
fn is_standard_method(method: &str) -> bool {
    METHOD_ATTRS
        .iter()
        .any(|m| m.to_ascii_uppercase() == method)
}

fn path_span(path: &Path) -> Span {
    path.segments
        .last()
        .map_or_else(Span::call_site, |s| s.ident.span())
}

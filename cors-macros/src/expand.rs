//! Code generation: a validated policy becomes a `static` initializer, and a handler becomes
//! the actix service plus its CORS middleware, preflight registration and metadata.

use cors_core::__private::PortRule;
use cors_core::{AllowedHeaders, AllowedMethods, NameList, Policy};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Attribute, ItemFn, Path};

use crate::route::{METHOD_ATTRS, RouteAttr, RouteKind, route_kind};

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
    let p = quote!(::cors_actix::__private);
    let name = item.sig.ident.clone();
    let name_str = name.to_string();
    let inner = format_ident!("__cors_handler_{}", name);
    let vis = item.vis.clone();

    // `policy_items` defines the policy; `handler_policy` is the function the handler's constant
    // resolves it with when the app is built (a `LazyLock` can only be forced at run time).
    let (policy_items, handler_policy) = match source {
        PolicySource::Inline(policy) => {
            let static_name = format_ident!("__CORS_POLICY_{}", name);
            let expr = policy_expr(policy);
            (
                quote! {
                    #[doc(hidden)]
                    #[allow(non_upper_case_globals)]
                    static #static_name: #p::Policy = #expr;
                },
                quote!(|| #p::Option::Some(
                    <#p::SharedPolicy as ::core::convert::From<&'static #p::Policy>>::from(&#static_name)
                )),
            )
        }
        // `shared_policy` takes a `Policy`, a `PolicyHandle` or a `LazyLock` of either, and a
        // type error points at the path.
        PolicySource::Shared(path) => {
            let shared = quote_spanned!(path_span(path)=> #p::shared_policy(&#path));
            (TokenStream::new(), quote!(|| #p::Option::Some(#shared)))
        }
        PolicySource::Off => (TokenStream::new(), quote!(|| #p::Option::None)),
    };
    // The check, coerced to the pointer type the handler's constant holds: a signature that
    // does not fit is reported at the path.
    let (check_items, handler_check) = match check {
        None => (TokenStream::new(), quote!(#p::Option::None)),
        Some(Check::Sync(path)) => {
            let coerced = quote_spanned!(path_span(path)=> {
                let check: fn(&str, &#p::HttpRequest) -> bool = #path;
                check
            });
            (
                TokenStream::new(),
                quote!(#p::Option::Some(#p::HandlerCheck::Sync(#coerced))),
            )
        }
        Some(Check::Async(path)) => {
            let check_fn = format_ident!("__cors_check_of_{}", name);
            let call = quote_spanned!(path_span(path)=> #p::boxed_check(#path, origin, req));
            (
                quote! {
                    #[doc(hidden)]
                    #[allow(non_snake_case)]
                    fn #check_fn(origin: ::std::string::String, req: #p::HttpRequest) -> #p::CheckFuture {
                        #call
                    }
                },
                quote!(#p::Option::Some(#p::HandlerCheck::Async(#check_fn))),
            )
        }
    };

    let mut method_statics = Vec::new();
    let mut route_specs = Vec::new();
    let mut registrations = Vec::new();
    for (i, route) in routes.iter().enumerate() {
        // A route serving one standard method (`#[get]` and the like) shares cors-actix's list
        // for it; any other gets a static of its own.
        let methods = match route.methods.as_slice() {
            [method] if is_standard_method(method) => {
                let method = format_ident!("{}", method);
                quote!(#p::route_methods::#method)
            }
            _ => {
                let methods_static = format_ident!("__CORS_METHODS_{}_{}", name, i);
                let list = name_list(&NameList::from_owned(route.methods.clone()));
                method_statics.push(quote! {
                    #[doc(hidden)]
                    #[allow(non_upper_case_globals)]
                    static #methods_static: #p::NameList = #list;
                });
                quote!(#methods_static)
            }
        };
        let path = &route.path;
        let handler_name = route.resource_name(&name_str);
        route_specs.push(quote! {
            #p::RouteSpec { handler: #handler_name, path: #path, methods: &#methods }
        });
        let guards = route
            .guards
            .iter()
            .map(|guard| quote!(#p::Box::new(#p::fn_guard(#guard)) as #p::Box<dyn #p::Guard>));
        let guards = quote!(#p::Vec::from([#(#guards),*]));
        let actix_route = quote!(#p::Route::new().to(#inner));
        registrations.push(if route.wraps.is_empty() {
            quote!(registrar.plain_route(config, #i, #guards, #actix_route);)
        } else {
            // Innermost first, as actix's own `wrap = ".."`s.
            let wrapped = route
                .wraps
                .iter()
                .fold(actix_route, |inner, wrap| quote!(#p::apply(#wrap, #inner)));
            quote!(registrar.route(config, #i, #guards, #wrapped);)
        });
    }

    // The route attributes are read here and registered by the constant; the rest stay.
    let (docs, others): (Vec<Attribute>, Vec<Attribute>) = std::mem::take(&mut item.attrs)
        .into_iter()
        .partition(|a| a.path().is_ident("doc"));
    let (route_attrs, others): (Vec<Attribute>, Vec<Attribute>) =
        others.into_iter().partition(|attr| {
            route_kind(attr) == Some(RouteKind::Routes) || routes.iter().any(|r| r.attr == *attr)
        });
    // The outer route attribute's path stays in use, as it would be with actix's macro expanding
    // (`#[routes]` reads the method attributes below it by name, unresolved).
    let route_macros = route_attrs.first().map(|attr| {
        let path = attr.path();
        quote!(#[allow(unused_imports)] use #path as _;)
    });
    item.attrs = others;
    item.sig.ident = inner.clone();

    quote! {
        #policy_items
        #check_items
        #(#method_statics)*
        #route_macros

        #[doc(hidden)]
        #item

        // Plain data, not a type with trait impls: nothing is generic over the handler but its
        // actix `Route`, built in the registration function.
        #(#docs)*
        #[allow(non_upper_case_globals)]
        #vis const #name: #p::CorsHandler = #p::CorsHandler {
            routes: &[#(#route_specs),*],
            policy: #handler_policy,
            check: #handler_check,
            // A fn item rather than a closure: it coerces to the pointer without a shim.
            register: {
                fn register(config: &mut #p::AppService, registrar: &#p::Registrar) {
                    #(#registrations)*
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

//! Code generation. Each macro's pipeline (parse, read the route, validate, generate) reports every
//! problem into one [`Errors`]; a handler's expansion is assembled from parts, one function each:
//! the policy item, the origin check item, the method lists, the route attributes taken off the
//! handler, and the handler constant with its registration.

use cors_core::{NameList, Policy};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use syn::{Attribute, Ident, ItemFn, Path, Visibility};

use crate::args::{self, CorsArgs};
use crate::errors::Errors;
use crate::route::{self, METHOD_ATTRS, RouteAttr};
use crate::static_policy::{self, name_list};
use crate::validate;

/// `policy!(..)`: the policy's constant expression, or every error in its keys.
pub fn policy(args: TokenStream) -> syn::Result<TokenStream> {
    let cx = Errors::new();
    let policy = args::parse(&cx, args).and_then(|args| {
        validate::policy_macro_keys(&cx, &args);
        validate::policy(&cx, &args)
    });
    cx.check()?;
    Ok(static_policy::expr(
        &policy.expect("a policy that fails to build has problems"),
    ))
}

/// `#[cors(..)]` on `item`: the handler's expansion, or every error in the attribute and the
/// route below it.
pub fn cors(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let function = route::handler_fn(item)?;
    let cx = Errors::new();
    let handler = args::parse(&cx, args).and_then(|args| {
        // Without a route below, the policy is still checked so every problem shows in one compile.
        let routes = route::read_all(&cx, &function);
        validate::keys_together(&cx, &args);
        let source = match (&args.policy, &args.off) {
            (_, Some(_)) => Some(HandlerPolicy::Off),
            (Some(path), None) => Some(HandlerPolicy::Shared(path.clone())),
            (None, None) => {
                validate::policy(&cx, &args).map(|policy| HandlerPolicy::Inline(Box::new(policy)))
            }
        };
        validate::route_methods(&cx, &args, &routes);
        Some((routes, source?, origin_check(&args)))
    });
    cx.check()?;
    let (routes, source, check) = handler.expect("a missing policy is always an error");
    Ok(handler_expansion(function, &routes, &source, &check))
}

/// Where the handler's policy comes from.
pub enum HandlerPolicy {
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

/// The run-time origin check the attribute names, if any.
fn origin_check(args: &CorsArgs) -> Option<Check> {
    match (&args.origin_fn, &args.origin_fn_async) {
        (Some(path), _) => Some(Check::Sync(path.clone())),
        (None, Some(path)) => Some(Check::Async(path.clone())),
        (None, None) => None,
    }
}

/// One part of a handler's expansion: the items it defines beside the handler, and the
/// expression through which the handler's constant reaches them.
struct Part {
    items: TokenStream,
    value: TokenStream,
}

/// The whole expansion for one handler.
fn handler_expansion(
    mut item: ItemFn,
    routes: &[RouteAttr],
    source: &HandlerPolicy,
    check: &Option<Check>,
) -> TokenStream {
    let name = item.sig.ident.clone();
    let inner = format_ident!("__cors_handler_{}", name);
    let policy = policy_item(&name, source);
    let check = check_item(&name, check);
    let methods = method_lists(&name, routes);
    let (docs, route_macro) = route_attrs(&mut item, routes);
    item.sig.ident = inner.clone();
    let constant = handler_const(
        &item.vis,
        &name,
        &docs,
        &route_specs(&name, routes, &methods.paths),
        &policy,
        &check,
        &registration(&inner, routes),
    );
    let (policy_items, check_items, method_statics) = (policy.items, check.items, methods.statics);
    quote! {
        #policy_items
        #check_items
        #(#method_statics)*
        #route_macro

        #[doc(hidden)]
        #item

        #constant
    }
}

/// The policy item: an inline policy's `static`; its value is the function through which the
/// handler's constant resolves the policy when the app is built (a `LazyLock` can only be forced
/// at run time), `None` for `#[cors(off)]`.
fn policy_item(name: &Ident, source: &HandlerPolicy) -> Part {
    let p = quote!(::cors_actix::__private);
    match source {
        HandlerPolicy::Inline(policy) => {
            let static_name = format_ident!("__CORS_POLICY_{}", name);
            let expr = static_policy::expr(policy);
            Part {
                items: quote! {
                    #[doc(hidden)]
                    #[allow(non_upper_case_globals)]
                    static #static_name: #p::Policy = #expr;
                },
                value: quote!(|| #p::Option::Some(
                    <#p::SharedPolicy as #p::From<&'static #p::Policy>>::from(
                        &#static_name
                    )
                )),
            }
        }
        // `shared_policy` takes a `Policy`, a `PolicyHandle` or a `LazyLock` of either, and a
        // type error points at the path.
        HandlerPolicy::Shared(path) => {
            let shared =
                quote_spanned!(path_span(path)=> ::cors_actix::__private::shared_policy(&#path));
            Part {
                items: TokenStream::new(),
                value: quote!(|| #p::Option::Some(#shared)),
            }
        }
        HandlerPolicy::Off => Part {
            items: TokenStream::new(),
            value: quote!(|| #p::Option::None),
        },
    }
}

/// The origin check item: the check, coerced to the pointer type the handler's constant holds,
/// so a signature that does not fit is reported at the path.
fn check_item(name: &Ident, check: &Option<Check>) -> Part {
    match check {
        None => Part {
            items: TokenStream::new(),
            value: quote!(::cors_actix::__private::Option::None),
        },
        Some(Check::Sync(path)) => {
            let coerced = quote_spanned!(path_span(path)=> {
                let check: fn(&str, &::cors_actix::__private::HttpRequest) -> bool = #path;
                check
            });
            Part {
                items: TokenStream::new(),
                value: quote!(::cors_actix::__private::Option::Some(
                    ::cors_actix::__private::HandlerCheck::Sync(#coerced)
                )),
            }
        }
        Some(Check::Async(path)) => {
            let check_fn = format_ident!("__cors_check_of_{}", name);
            let call = quote_spanned!(path_span(path)=>
                ::cors_actix::__private::boxed_check(#path, origin, req)
            );
            Part {
                items: quote! {
                    #[doc(hidden)]
                    #[allow(non_snake_case)]
                    fn #check_fn(
                        origin: ::cors_actix::__private::String,
                        req: ::cors_actix::__private::HttpRequest,
                    ) -> ::cors_actix::__private::CheckFuture {
                        #call
                    }
                },
                value: quote!(::cors_actix::__private::Option::Some(
                    ::cors_actix::__private::HandlerCheck::Async(#check_fn)
                )),
            }
        }
    }
}

/// The method list of each route, and the `static`s defined for them.
struct MethodLists {
    statics: Vec<TokenStream>,
    /// One per route, in order: the path of its list.
    paths: Vec<TokenStream>,
}

/// A route serving one standard method (`#[get]` and the like) shares cors-actix's list for it;
/// any other gets a static of its own.
fn method_lists(name: &Ident, routes: &[RouteAttr]) -> MethodLists {
    let mut lists = MethodLists {
        statics: Vec::new(),
        paths: Vec::new(),
    };
    for (i, route) in routes.iter().enumerate() {
        let path = match route.methods.as_slice() {
            [method] if is_standard_method(method) => {
                let method = Ident::new(method, Span::call_site());
                quote!(::cors_actix::__private::route_methods::#method)
            }
            _ => {
                let methods_static = format_ident!("__CORS_METHODS_{}_{}", name, i);
                let list = name_list(&NameList::from_owned(route.methods.clone()));
                lists.statics.push(quote! {
                    #[doc(hidden)]
                    #[allow(non_upper_case_globals)]
                    static #methods_static: ::cors_actix::__private::NameList = #list;
                });
                quote!(#methods_static)
            }
        };
        lists.paths.push(path);
    }
    lists
}

/// Takes the route attributes `#[cors]` read (and `#[routes]`) off `item`, and its doc comments,
/// which belong to the handler's constant. The outer route attribute's path stays in use, as it
/// would with actix's macro expanding (`#[routes]` reads the method attributes below it by name,
/// unresolved).
fn route_attrs(item: &mut ItemFn, routes: &[RouteAttr]) -> (Vec<Attribute>, TokenStream) {
    let (docs, others): (Vec<Attribute>, Vec<Attribute>) = std::mem::take(&mut item.attrs)
        .into_iter()
        .partition(|a| a.path().is_ident("doc"));
    let (read, others): (Vec<Attribute>, Vec<Attribute>) = others.into_iter().partition(|attr| {
        route::route_kind(attr) == Some(route::RouteKind::Routes)
            || routes.iter().any(|route| route.attr == *attr)
    });
    item.attrs = others;
    let route_macro = read.first().map(|attr| {
        let path = attr.path();
        quote!(#[allow(unused_imports)] use #path as _;)
    });
    (docs, route_macro.unwrap_or_default())
}

/// The registration of the handler's routes: each route's actix `Route` for the handler, with
/// its `guard = ".."`s and `wrap = ".."`s, handed to the registrar. A fn item rather than a
/// closure: it coerces to the pointer without a shim.
fn registration(inner: &Ident, routes: &[RouteAttr]) -> TokenStream {
    let p = quote!(::cors_actix::__private);
    let registrations = routes.iter().enumerate().map(|(i, route)| {
        let guards = route
            .guards
            .iter()
            .map(|guard| quote!(#p::Box::new(#p::fn_guard(#guard)) as #p::Box<dyn #p::Guard>));
        let guards = quote!(#p::Vec::from([#(#guards),*]));
        let actix_route = quote!(#p::Route::new().to(#inner));
        if route.wraps.is_empty() {
            quote!(registrar.plain_route(config, #i, #guards, #actix_route);)
        } else {
            // Innermost first, as actix's own `wrap = ".."`s.
            let wrapped = route
                .wraps
                .iter()
                .fold(actix_route, |inner, wrap| quote!(#p::apply(#wrap, #inner)));
            quote!(registrar.route(config, #i, #guards, #wrapped);)
        }
    });
    quote! {{
        fn register(config: &mut #p::AppService, registrar: &#p::Registrar) {
            #(#registrations)*
        }
        register
    }}
}

/// The route metadata the handler's constant lists: one per route attribute.
fn route_specs(name: &Ident, routes: &[RouteAttr], methods: &[TokenStream]) -> Vec<TokenStream> {
    let name_str = name.to_string();
    let specs = routes.iter().zip(methods).map(|(route, methods)| {
        let path = &route.path;
        let handler_name = route.resource_name(&name_str);
        quote! {
            ::cors_actix::__private::RouteSpec {
                handler: #handler_name,
                path: #path,
                methods: &#methods,
            }
        }
    });
    specs.collect()
}

/// The handler constant, under the handler's own name. Plain data, not a type with trait impls:
/// nothing is generic over the handler but its actix `Route`, built in the registration.
fn handler_const(
    vis: &Visibility,
    name: &Ident,
    docs: &[Attribute],
    route_specs: &[TokenStream],
    policy: &Part,
    check: &Part,
    register: &TokenStream,
) -> TokenStream {
    let (policy, check) = (&policy.value, &check.value);
    quote! {
        #(#docs)*
        #[allow(non_upper_case_globals)]
        #vis const #name: ::cors_actix::__private::CorsHandler = ::cors_actix::__private::CorsHandler {
            routes: &[#(#route_specs),*],
            policy: #policy,
            check: #check,
            register: #register,
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

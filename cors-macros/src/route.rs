//! Reading the actix route attribute(s) below `#[cors]`, which `#[cors]` registers itself.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, ItemFn, LitStr, MetaNameValue, Path, Token};

use crate::errors::Errors;

pub const METHOD_ATTRS: [&str; 9] = [
    "get", "post", "put", "patch", "delete", "head", "options", "trace", "connect",
];

/// The handler `#[cors]` stands on: a function, still below its route attribute.
pub fn handler_fn(item: TokenStream) -> syn::Result<ItemFn> {
    match syn::parse2(item)? {
        syn::Item::Fn(function) => Ok(function),
        item => Err(misplaced(&item)),
    }
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
    syn::Error::new(Span::call_site(), message)
}

/// The actix route attributes of the handler: one `#[get]`-like or `#[route]`, or `#[routes]`
/// and the method attributes below it. None, with the error reported, if there is none or one
/// does not read.
pub fn read_all(cx: &Errors, function: &ItemFn) -> Vec<RouteAttr> {
    let mut routes = Vec::new();
    let mut in_routes = false;
    for attr in &function.attrs {
        let route = match route_kind(attr) {
            Some(RouteKind::Routes) => {
                in_routes = true;
                continue;
            }
            Some(kind @ RouteKind::Method) if in_routes => RouteAttr::read(attr, kind),
            Some(kind) if routes.is_empty() && !in_routes => RouteAttr::read(attr, kind),
            _ => continue,
        };
        match route {
            Ok(route) => routes.push(route),
            Err(error) => {
                cx.push(error);
                return Vec::new();
            }
        }
    }
    if routes.is_empty() {
        cx.error(
            Span::call_site(),
            "`#[cors]` needs an actix route attribute below it, e.g. `#[get(\"/items\")]`, \
             `#[route(..)]` or `#[routes]`; if the route attribute stands above `#[cors]`, swap them",
        );
    }
    routes
}

/// What kind of actix routing attribute this is, if any.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RouteKind {
    Method,
    Route,
    Routes,
}

/// The last path segment if the attribute is `x` or `actix_web::x`.
pub fn route_kind(attr: &Attribute) -> Option<RouteKind> {
    let path = attr.path();
    let last = path.segments.last()?.ident.to_string();
    let qualified = path.segments.len() == 1
        || (path.segments.len() == 2 && path.segments[0].ident == "actix_web");
    if !qualified {
        return None;
    }
    match last.as_str() {
        "route" => Some(RouteKind::Route),
        "routes" => Some(RouteKind::Routes),
        m if METHOD_ATTRS.contains(&m) => Some(RouteKind::Method),
        _ => None,
    }
}

/// `("/path", key = value, ...)`, as actix parses it.
pub struct RouteArgs {
    pub path: LitStr,
    pub options: Punctuated<MetaNameValue, Token![,]>,
}

impl Parse for RouteArgs {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let path = input.parse()?;
        let options = if input.parse::<Option<Token![,]>>()?.is_some() {
            Punctuated::parse_terminated(input)?
        } else {
            Punctuated::new()
        };
        Ok(RouteArgs { path, options })
    }
}

/// One actix route attribute below `#[cors]`, read as actix-web-codegen reads it (same keys,
/// same errors): `#[cors]` registers the route itself.
pub struct RouteAttr {
    pub attr: Attribute,
    pub path: LitStr,
    /// `name = ".."`.
    pub name: Option<LitStr>,
    /// `guard = ".."`: paths to guard functions.
    pub guards: Vec<Path>,
    /// `wrap = ".."`: middleware expressions, innermost first.
    pub wraps: Vec<Expr>,
    pub methods: Vec<String>,
}

fn string(value: &Expr, message: &str) -> syn::Result<LitStr> {
    match value {
        Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(lit),
            ..
        }) => Ok(lit.clone()),
        _ => Err(syn::Error::new_spanned(value, message)),
    }
}

impl RouteAttr {
    pub fn read(attr: &Attribute, kind: RouteKind) -> syn::Result<RouteAttr> {
        let args: RouteArgs = attr.parse_args()?;
        let mut route = RouteAttr {
            attr: attr.clone(),
            path: args.path,
            name: None,
            guards: Vec::new(),
            wraps: Vec::new(),
            methods: Vec::new(),
        };
        if kind == RouteKind::Method {
            let name = attr
                .path()
                .segments
                .last()
                .expect("checked")
                .ident
                .to_string();
            route.methods.push(name.to_ascii_uppercase());
        }
        for nv in args.options {
            if nv.path.is_ident("name") {
                route.name = Some(string(&nv.value, "Attribute name expects literal string")?);
            } else if nv.path.is_ident("guard") {
                let lit = string(&nv.value, "Attribute guard expects literal string")?;
                route.guards.push(lit.parse()?);
            } else if nv.path.is_ident("wrap") {
                let lit = string(&nv.value, "Attribute wrap expects type")?;
                route.wraps.push(lit.parse()?);
            } else if nv.path.is_ident("method") {
                if kind == RouteKind::Method {
                    return Err(syn::Error::new_spanned(
                        &nv,
                        "HTTP method forbidden here; to handle multiple methods, use `route` instead",
                    ));
                }
                let lit = string(&nv.value, "Attribute method expects literal string")?;
                let method = lit.value();
                if !method.bytes().all(|b| b.is_ascii_uppercase()) || method.is_empty() {
                    return Err(syn::Error::new_spanned(
                        &lit,
                        format!("Unexpected HTTP method: `{method}`"),
                    ));
                }
                if route.methods.contains(&method) {
                    return Err(syn::Error::new_spanned(
                        &nv.value,
                        format!("HTTP method defined more than once: `{method}`"),
                    ));
                }
                route.methods.push(method);
            } else {
                return Err(syn::Error::new_spanned(
                    nv.path,
                    "Unknown attribute key is specified; allowed: guard, method and wrap",
                ));
            }
        }
        if route.methods.is_empty() {
            return Err(syn::Error::new_spanned(
                attr,
                "The #[route(..)] macro requires at least one `method` attribute",
            ));
        }
        Ok(route)
    }

    /// The resource name actix gives this route: `name = ".."`, or the handler's name.
    pub fn resource_name(&self, handler: &str) -> String {
        self.name
            .as_ref()
            .map_or_else(|| handler.to_owned(), LitStr::value)
    }
}

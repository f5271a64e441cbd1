//! Reading and rewriting the actix route attribute(s) below `#[cors]`.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{
    AttrStyle, Attribute, ItemFn, LitStr, MacroDelimiter, Meta, MetaList, MetaNameValue, Token,
};

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

/// One actix route attribute below `#[cors]`, with what we read from it.
pub struct RouteAttr {
    pub attr: Attribute,
    pub args: RouteArgs,
    pub methods: Vec<String>,
}

impl RouteAttr {
    pub fn read(attr: &Attribute, kind: RouteKind) -> syn::Result<RouteAttr> {
        let args: RouteArgs = attr.parse_args()?;
        let methods = match kind {
            RouteKind::Method => {
                let name = attr
                    .path()
                    .segments
                    .last()
                    .expect("checked")
                    .ident
                    .to_string();
                vec![name.to_ascii_uppercase()]
            }
            _ => args
                .options
                .iter()
                .filter(|nv| nv.path.is_ident("method"))
                .filter_map(|nv| match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value()),
                    _ => None,
                })
                .collect(),
        };
        Ok(RouteAttr {
            attr: attr.clone(),
            args,
            methods,
        })
    }

    /// The resource name actix gives this route: `name = ".."`, or the handler's name.
    pub fn resource_name(&self, handler: &str) -> String {
        self.args
            .options
            .iter()
            .find(|nv| nv.path.is_ident("name"))
            .and_then(|nv| match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            })
            .unwrap_or_else(|| handler.to_owned())
    }

    /// The attribute again, with the handler's name kept for `url_for` and `wrap` added as the
    /// last (outermost) middleware: actix takes it as the text of an expression.
    pub fn rewritten(&self, handler: &str, wrap: &TokenStream) -> Attribute {
        let route_path = &self.args.path;
        let options = self.args.options.iter();
        let name = (!self.args.options.iter().any(|nv| nv.path.is_ident("name")))
            .then(|| LitStr::new(handler, Span::call_site()));
        let name = name.map(|n| quote!(, name = #n));
        let wrap = LitStr::new(&wrap.to_string(), Span::call_site());
        Attribute {
            pound_token: self.attr.pound_token,
            style: AttrStyle::Outer,
            bracket_token: Default::default(),
            meta: Meta::List(MetaList {
                path: self.attr.path().clone(),
                delimiter: MacroDelimiter::Paren(Default::default()),
                tokens: quote!(#route_path #(, #options)* #name, wrap = #wrap),
            }),
        }
    }
}

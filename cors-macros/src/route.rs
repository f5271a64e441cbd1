//! Reading and rewriting the actix route attribute(s) below `#[cors]`.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, LitStr, MetaNameValue, Token};

pub const METHOD_ATTRS: [&str; 9] = [
    "get", "post", "put", "patch", "delete", "head", "options", "trace", "connect",
];

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

    /// The attribute again, with the handler's name kept for `url_for` and the CORS middleware
    /// added as the last (outermost) `wrap`.
    pub fn rewritten(&self, handler: &str, wrap: &str) -> TokenStream {
        let Attribute {
            pound_token,
            style,
            bracket_token: _,
            meta,
        } = &self.attr;
        let path = meta.path();
        let route_path = &self.args.path;
        let options = self.args.options.iter();
        let name = (!self.args.options.iter().any(|nv| nv.path.is_ident("name")))
            .then(|| LitStr::new(handler, Span::call_site()));
        let name = name.map(|n| quote!(, name = #n));
        let wrap = LitStr::new(wrap, Span::call_site());
        let _ = style;
        quote! { #pound_token [#path(#route_path #(, #options)* #name, wrap = #wrap)] }
    }
}

//! Reading the actix route attribute(s) below `#[cors]`.

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, LitStr, MetaNameValue, Path, Token};

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

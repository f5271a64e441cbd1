//! Parsing `#[cors(..)]` and `policy!(..)`, keeping the span of every literal so errors can
//! point at the one at fault.

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitBool, LitInt, LitStr, Path, Token, bracketed};

use crate::errors::Errors;
use crate::suggest::{KEYS, nearest_key};

/// One item of a list, e.g. an origin string or a method ident.
pub struct Item {
    pub value: String,
    pub span: Span,
}

/// A list-valued key: `[a, b]`, or one string (`"*"`).
pub struct List {
    pub key: Ident,
    pub items: Vec<Item>,
}

/// Everything written in the attribute.
#[derive(Default)]
pub struct CorsArgs {
    pub origins: Option<List>,
    pub methods: Option<List>,
    pub allow_headers: Option<List>,
    pub expose_headers: Option<List>,
    pub credentials: Option<(bool, Span)>,
    pub max_age: Option<(u64, Span)>,
    pub private_network: Option<(bool, Span)>,
    pub allow_null_origin: Option<(bool, Span)>,
    pub enforce: Option<(bool, Span)>,
    pub allow_public_suffix_patterns: Option<(bool, Span)>,
    pub allow_insecure_origins: Option<(bool, Span)>,
    pub policy: Option<Path>,
    /// `origin_fn = PATH`: a sync run-time origin check.
    pub origin_fn: Option<Path>,
    /// `origin_fn_async = PATH`: an async run-time origin check.
    pub origin_fn_async: Option<Path>,
    /// `off`: no CORS on this route.
    pub off: Option<Ident>,
    /// Every key, in order, for the `policy`-stands-alone rule.
    pub keys: Vec<Ident>,
    /// The known keys whose value is already reported as wrong, or which an unknown key was taken
    /// for (`orgins`: `origins`): their rules are not checked again, so `orgins = [..]` gets one
    /// error, not a second one saying `origins` is missing.
    pub unparsed: Vec<&'static str>,
}

/// Reads the attribute's keys. Parsing does not stop at a wrong value: its error is reported to
/// `cx` and the next key is read. `None` when the tokens are not `key = value, ..` at all.
pub fn parse(cx: &Errors, tokens: TokenStream) -> Option<CorsArgs> {
    let parser = |input: ParseStream<'_>| parse_keys(cx, input);
    parser.parse2(tokens).map_err(|fatal| cx.push(fatal)).ok()
}

fn parse_keys(cx: &Errors, input: ParseStream<'_>) -> syn::Result<CorsArgs> {
    let mut args = CorsArgs::default();
    while !input.is_empty() {
        let key: Ident = input.parse()?;
        let bare = key == "off" && !input.peek(Token![=]);
        if !bare {
            input.parse::<Token![=]>()?;
        }
        if args.keys.contains(&key) {
            cx.error(key.span(), format!("`{key}` is given twice; keep one"));
        }
        args.keys.push(key.clone());
        if bare {
            args.off = Some(key);
        } else if let Err(error) = parse_value(&key, input, &mut args) {
            cx.push(error);
            let name = key.to_string();
            let meant = KEYS.into_iter().find(|k| *k == name);
            args.unparsed.extend(meant.or_else(|| nearest_key(&name)));
            // Skip the rest of this value so later keys are still checked.
            while !input.is_empty() && !input.peek(Token![,]) {
                input.parse::<proc_macro2::TokenTree>()?;
            }
        }
        if input.is_empty() {
            break;
        }
        input.parse::<Token![,]>()?;
    }
    Ok(args)
}

fn parse_value(key: &Ident, input: ParseStream<'_>, args: &mut CorsArgs) -> syn::Result<()> {
    match key.to_string().as_str() {
        "origins" => args.origins = Some(parse_list(key, input)?),
        "methods" => args.methods = Some(parse_list(key, input)?),
        "allow_headers" => args.allow_headers = Some(parse_list(key, input)?),
        "expose_headers" => args.expose_headers = Some(parse_list(key, input)?),
        "credentials" => args.credentials = Some(parse_bool(key, input)?),
        "private_network" => args.private_network = Some(parse_bool(key, input)?),
        "allow_null_origin" => args.allow_null_origin = Some(parse_bool(key, input)?),
        "enforce" => args.enforce = Some(parse_bool(key, input)?),
        "allow_public_suffix_patterns" => {
            args.allow_public_suffix_patterns = Some(parse_bool(key, input)?)
        }
        "allow_insecure_origins" => args.allow_insecure_origins = Some(parse_bool(key, input)?),
        "max_age" => {
            let lit: LitInt = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "`max_age` takes a number of seconds, e.g. `max_age = 600`",
                )
            })?;
            let seconds = lit.base10_parse::<u64>().map_err(|_| {
                syn::Error::new(
                    lit.span(),
                    "`max_age` takes a number of seconds, e.g. `max_age = 600`",
                )
            })?;
            args.max_age = Some((seconds, lit.span()));
        }
        "policy" => {
            args.policy = Some(input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    "`policy` takes the path of a `static` policy, e.g. `policy = PARTNERS`",
                )
            })?)
        }
        "origin_fn" | "origin_fn_async" => {
            let path: Path = input.parse().map_err(|e| {
                syn::Error::new(
                    e.span(),
                    format!("`{key}` takes the path of a function, e.g. `{key} = is_tenant`"),
                )
            })?;
            if key == "origin_fn" {
                args.origin_fn = Some(path);
            } else {
                args.origin_fn_async = Some(path);
            }
        }
        "off" => {
            return Err(syn::Error::new(
                key.span(),
                "`off` takes no value; write `#[cors(off)]`",
            ));
        }
        unknown => {
            let message = match nearest_key(unknown) {
                Some(known) => format!("unknown key `{key}`; did you mean `{known}`?"),
                None => {
                    let keys: Vec<String> = KEYS.iter().map(|k| format!("`{k}`")).collect();
                    format!("unknown key `{key}`; expected one of {}", keys.join(", "))
                }
            };
            return Err(syn::Error::new(key.span(), message));
        }
    }
    Ok(())
}

fn parse_bool(key: &Ident, input: ParseStream<'_>) -> syn::Result<(bool, Span)> {
    let lit: LitBool = input
        .parse()
        .map_err(|e| syn::Error::new(e.span(), format!("`{key}` takes `true` or `false`")))?;
    Ok((lit.value, lit.span()))
}

fn parse_list(key: &Ident, input: ParseStream<'_>) -> syn::Result<List> {
    let hint = || format!("`{key}` takes a list like `[\"a\", \"b\"]` or `\"*\"`");
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Ok(List {
            key: key.clone(),
            items: vec![Item {
                value: lit.value(),
                span: lit.span(),
            }],
        });
    }
    if !input.peek(syn::token::Bracket) {
        return Err(syn::Error::new(input.span(), hint()));
    }
    let content;
    bracketed!(content in input);
    let mut items = Vec::new();
    while !content.is_empty() {
        if content.peek(LitStr) {
            let lit: LitStr = content.parse()?;
            items.push(Item {
                value: lit.value(),
                span: lit.span(),
            });
        } else if content.peek(Ident) && key == "methods" {
            let ident: Ident = content.parse()?;
            items.push(Item {
                value: ident.to_string(),
                span: ident.span(),
            });
        } else {
            let token: proc_macro2::TokenTree = content.parse()?;
            return Err(syn::Error::new(token.span(), hint()));
        }
        if content.is_empty() {
            break;
        }
        content.parse::<Token![,]>()?;
    }
    Ok(List {
        key: key.clone(),
        items,
    })
}

//! A validated policy written back as the constant expression a `static` is initialized with:
//! what `policy!` expands to, and the inline policy of a `#[cors]` handler.

use cors_core::__private::PortRule;
use cors_core::{AllowedHeaders, AllowedMethods, NameList, Policy};
use proc_macro2::TokenStream;
use quote::quote;

/// A `static` list, with the hash index cors-core built for it here when it is long, so that a
/// compile-time list is looked up as a run-time one is.
pub fn name_list(list: &NameList) -> TokenStream {
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
pub fn expr(policy: &Policy) -> TokenStream {
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

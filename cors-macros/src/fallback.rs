//! The expansion on error: the compile errors, and beside them what keeps the user's code
//! compiling, so the user sees those errors only, not a cascade (thiserror's `fallback.rs`).

use cors_core::{AllowedHeaders, AllowedMethods, AllowedOrigins, NameList, Policy};
use proc_macro2::TokenStream;
use quote::quote;
use std::borrow::Cow;

use crate::static_policy;

/// `#[cors]`: the item untouched, so the route still compiles.
pub fn cors(item: TokenStream, errors: &syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    quote!(#errors #item)
}

/// `policy!`: still an expression of type `Policy`, so the `static` it initializes type-checks;
/// the policy admits no origin.
pub fn policy(errors: &syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let admits_nothing = Policy::from_parts(
        AllowedOrigins::from_parts(
            false,
            false,
            NameList::from_static(&[], ""),
            Cow::Borrowed(&[]),
        ),
        AllowedMethods::Route,
        AllowedHeaders::Any,
        None,
        false,
        None,
        false,
    );
    let policy = static_policy::expr(&admits_nothing);
    quote!({ #errors; #policy })
}

//! The `#[cors]` attribute and `policy!` macro. Use them through `cors-actix`, which re-exports
//! them and provides everything the expansion names (`::cors_actix::__private`).
//!
//! The pipeline: [`args`] parses the attribute keeping every literal's span (an unknown key gets
//! the nearest known one from [`suggest`]), [`route`] reads the actix route attribute below,
//! [`validate`] checks the attribute's policy with cors-core's rulebook and the attribute's own
//! rules, [`expand`] generates code ([`static_policy`] writes a policy back as a constant). Every
//! stage reports into one [`errors::Errors`]; on any error [`fallback`] still emits the item, so
//! users see the real errors only.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as TokenStream2;

mod args;
mod errors;
mod expand;
mod fallback;
mod route;
mod static_policy;
mod suggest;
mod validate;

/// Per-route CORS for an actix-web handler; see the `cors-actix` crate docs.
#[proc_macro_attribute]
pub fn cors(args: TokenStream, item: TokenStream) -> TokenStream {
    let item = TokenStream2::from(item);
    let output = expand::cors(args.into(), item.clone())
        .unwrap_or_else(|errors| fallback::cors(item, &errors));
    debug_print("#[cors]", &output);
    output.into()
}

/// A compile-time-checked `Policy` for a `static`; same keys as `#[cors]`, without `policy`.
#[proc_macro]
pub fn policy(args: TokenStream) -> TokenStream {
    let output = expand::policy(args.into()).unwrap_or_else(|errors| fallback::policy(&errors));
    debug_print("policy!", &output);
    output.into()
}

/// `CORS_MACROS_DEBUG=1` prints each expansion at build time.
fn debug_print(what: &str, tokens: &TokenStream2) {
    if std::env::var_os("CORS_MACROS_DEBUG").is_some_and(|v| v != "0") {
        eprintln!("--- {what} expansion ---\n{tokens}\n");
    }
}

use proc_macro::TokenStream;
#[proc_macro]
pub fn policy(i: TokenStream) -> TokenStream { i }
#[proc_macro_attribute]
pub fn cors(_a: TokenStream, i: TokenStream) -> TokenStream { i }

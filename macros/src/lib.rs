//! The derive macro of the `apicode` crate. Use it through `apicode::ApiError`;
//! its documentation is there.
//!
//! The stages, one module each: `attr` reads the attributes, `ast` builds the input, `valid`
//! checks the rules between attributes, `expand` (with `display`, `convert`, `serde`) generates
//! the code, `table` the `CodeTable` impl and tables made of tables, `phf` the perfect hash of
//! the codes, `fallback` reports mistakes without a cascade.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod code_expr;
mod convert;
mod ctxt;
mod display;
mod expand;
mod fallback;
mod fmt;
mod phf;
mod serde;
mod symbol;
mod table;
mod valid;

use proc_macro::TokenStream;

/// Derives `apicode::ApiError`, `apicode::CodeTable`, `Display`, `Error`, the code conversions
/// and the serde impls for an enum of error codes. See `apicode::ApiError`.
#[proc_macro_derive(ApiError, attributes(api_error, code, error, from, source))]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    expand::derive(&input).into()
}

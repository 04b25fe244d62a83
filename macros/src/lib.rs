//! The derive macro of the `apicode` crate. Use it through `apicode::ApiError`;
//! its documentation is there.
//!
//! Data flows one way, one module per stage: `attr` reads the attributes into typed values, one
//! submodule per attribute (with `symbol`, the accepted keys, `code_expr`, why a code must be a
//! literal, and `code_type`, the table's code type and the lookups' key of a code), `ast` builds the input from them, `valid` checks the rules between attributes
//! (collecting every mistake in a `ctxt`), `model` computes the table once (rows, row indexes, the
//! lookups of `bitmap` and `phf`), and `expand` asks one generator per trait for its code: `rows`,
//! `api_error`, `code_table`, `display`, `convert`, `serde`. On a mistake, `fallback` reports it
//! without a cascade. No generator reads an attribute or another generator.
#![forbid(unsafe_code)]

mod api_error;
mod ast;
mod attr;
mod bitmap;
mod code_expr;
mod code_table;
mod code_type;
mod convert;
mod ctxt;
mod display;
mod expand;
mod fallback;
mod fmt;
mod locale;
mod model;
mod pattern;
mod phf;
mod rows;
mod serde;
mod symbol;
mod valid;

use proc_macro::TokenStream;

// Documented where users read it, on `apicode`'s re-export: rustdoc shows a re-export's doc
// followed by the item's own, so a doc here would repeat the summary on that page.
#[allow(missing_docs)]
#[proc_macro_derive(
    ApiError,
    attributes(api_error, code, error, from, source, retry_after)
)]
pub fn derive_api_error(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    let checked = valid::check(ast::Input::parse(&input));
    expand::expand(&input, checked).into()
}

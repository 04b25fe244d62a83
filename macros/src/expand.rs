//! Code generation: builds the model of the checked table once and asks one generator per
//! trait for its tokens; on any mistake, the errors and the stubs of `fallback`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::DeriveInput;

use crate::ast::Input;
use crate::attr::{Selection, Spanned};
use crate::model::Model;
use crate::symbol;
use crate::{api_error, code_table, convert, display, fallback, rows, serde};

/// The derive's output for `input`, given what validation made of it.
pub fn expand(input: &DeriveInput, checked: Result<Input, syn::Error>) -> TokenStream {
    match checked {
        Ok(table) => generate(&Model::new(&table)),
        Err(errors) => fallback::expand(input, &errors),
    }
}

fn generate(model: &Model) -> TokenStream {
    let rows = rows::expand(model);
    let api_error = api_error::expand(model);
    let code_table = code_table::expand(model);
    let display = if model.input.attrs.thiserror {
        TokenStream::new()
    } else {
        display::expand(model)
    };
    let convert = convert::expand(model);
    let serde = serde::expand(model);
    let integrations = integrations(model);
    let locale = crate::locale::expand(model);
    quote! {
        #[allow(non_upper_case_globals, single_use_lifetimes, clippy::all, clippy::pedantic)]
        const _: () = {
            #rows
            #api_error
            #code_table
            #display
            #convert
            #serde
            #integrations
            #locale
        };
    }
}

/// A call to the runtime's `integrations!`, which expands to the impls of the optional
/// integrations (axum, actix-web, ...) that the runtime was built with: the derive cannot see
/// the runtime's features, the runtime's own macro can. The last bracket is the code type's
/// name (`u32`, `i32`, ...), by which an integration may pick its impls: the JSON-RPC ones
/// convert with `From` where the code always fits in an `i32`, with `TryFrom` otherwise.
fn integrations(model: &Model) -> TokenStream {
    let private = &model.private;
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        where_error,
        code_type,
        ..
    } = model;
    let code = code_type.ident();
    let args = quote!([#impl_generics] [#ident #ty_generics] [#where_error] [#code]);
    let Some(selection) = &model.input.attrs.integrations else {
        return quote!(#private::integrations! { #args });
    };
    // With a selection, one call per integration the enum gets; an integration it asks for
    // by name is checked to be built into the runtime, at the name.
    let krate = &model.krate;
    let (chosen, required): (Vec<&str>, &[Spanned<&str>]) = match selection {
        Selection::Skip(skipped) => (
            symbol::INTEGRATION_NAMES
                .iter()
                .map(|(name, _)| *name)
                .filter(|name| skipped.iter().all(|skip| skip.value != *name))
                .collect(),
            &[],
        ),
        Selection::Only(only) => (only.iter().map(|name| name.value).collect(), only),
    };
    let calls = chosen.iter().map(|name| {
        let integration = format_ident!("__apicode_{}", name);
        quote!(#krate::#integration! { #args })
    });
    let checks = required.iter().map(|name| {
        // Every token at the name, so that a missing feature is reported there.
        let has = proc_macro2::Ident::new(&format!("__apicode_has_{}", name.value), name.span);
        let krate = crate::ctxt::respan(krate.clone(), name.span);
        quote_spanned!(name.span=> #krate::#has! {})
    });
    quote!(#(#checks)* #(#calls)*)
}

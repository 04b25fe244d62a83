//! Patterns that match or bind a variant, shared by the generators.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::{Ident, Member};

use crate::ast::{Field, Style, Variant};

/// `Enum::Variant`, `Enum::Variant(..)` or `Enum::Variant { .. }`.
pub fn variant_pattern(prefix: &TokenStream, variant: &Variant) -> TokenStream {
    let ident = variant.ident;
    match variant.style {
        Style::Unit => quote!(#prefix::#ident),
        Style::Tuple => quote!(#prefix::#ident(..)),
        Style::Struct => quote!(#prefix::#ident { .. }),
    }
}

/// `Self::Variant(binding)` or `Self::Variant { field: binding }` for a one-field variant.
pub fn single_field_pattern(variant: &Variant, binding: &str) -> TokenStream {
    let ident = variant.ident;
    let binding = format_ident!("{}", binding);
    if let Some(Member::Named(name)) = variant.fields.first().map(|field| &field.member) {
        quote!(Self::#ident { #name: #binding })
    } else {
        quote!(Self::#ident(#binding))
    }
}

/// The binding of a field in a pattern: its own name, or `__field_N` for a tuple field.
/// A raw field name (`r#type`) is bound as `__field_type`: a format string cannot capture a raw
/// identifier.
pub fn binding(field: &Field) -> Ident {
    match &field.member {
        Member::Named(ident) if ident.to_string().starts_with("r#") => {
            format_ident!("__field_{}", crate::ast::unraw(ident))
        }
        Member::Named(ident) => ident.clone(),
        Member::Unnamed(index) => format_ident!("__field_{}", index.index),
    }
}

/// `Self::Variant(__field_0, __field_1)` or `Self::Variant { a, r#type: __field_type }`, every
/// field bound.
pub fn binding_pattern(variant: &Variant) -> TokenStream {
    let ident = variant.ident;
    let bindings = variant.fields.iter().map(|field| {
        let binding = binding(field);
        match &field.member {
            // `a: a` would raise rustc's `non_shorthand_field_patterns` in the user's crate.
            Member::Named(name) if variant.style == Style::Struct && *name != binding => {
                quote!(#name: #binding)
            }
            _ => quote!(#binding),
        }
    });
    match variant.style {
        Style::Unit => quote!(Self::#ident),
        Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
        Style::Struct => quote!(Self::#ident { #(#bindings),* }),
    }
}

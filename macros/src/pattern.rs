//! Patterns that match or bind a variant, and the expressions that build one, shared by the
//! generators.

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

/// `path`, `path(..)` or `path { .. }`, as the variant's fields are written: `path` is the
/// variant's name alone under `use Enum::*`, or `Enum::Variant`.
pub fn short_pattern(path: &TokenStream, variant: &Variant) -> TokenStream {
    match variant.style {
        Style::Unit => quote!(#path),
        Style::Tuple => quote!(#path(..)),
        Style::Struct => quote!(#path { .. }),
    }
}

/// `Some(path { .. })` built from the code alone, `path` naming the variant (`Self::Variant`,
/// or as `short_pattern` has it): each field from `Default::default()`, or, when a field type
/// has no `Default`, an early `None` (the `?`). Needs `NoDefault` and `ViaDefault` in scope
/// when the variant has fields.
pub fn build(private: &TokenStream, path: &TokenStream, variant: &Variant) -> TokenStream {
    if variant.style == Style::Unit {
        return quote!(::core::option::Option::Some(#path));
    }
    let fields = variant.fields.iter().map(|field| {
        let member = &field.member;
        let ty = field.ty;
        quote! {
            #member: (&#private::DefaultProbe::<#ty>::new()).__apicode_default()?
        }
    });
    quote!(::core::option::Option::Some(#path { #(#fields),* }))
}

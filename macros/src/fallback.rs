//! On any mistake: the errors as `compile_error!`, and stub impls of every trait the derive
//! would have made, so that code using the enum does not add a cascade of "trait not
//! implemented" errors to the real ones. The stubs never run: the crate does not compile.

use std::collections::HashSet;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput};

use crate::symbol;

/// The errors and the stubs.
pub fn expand(input: &DeriveInput, errors: &syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let Data::Enum(data) = &input.data else {
        // A struct or a union has no table to stand in for.
        return errors;
    };
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let krate = quote!(::apicode);
    let private = quote!(#krate::__private);
    let thiserror = wants_thiserror(input);
    let display = if thiserror {
        TokenStream::new()
    } else {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
                fn fmt(&self, _: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
            #[automatically_derived]
            impl #impl_generics ::core::error::Error for #ident #ty_generics #where_clause {}
        }
    };
    // One `From` per distinct `#[from]` type, and `From<u32>` (which brings `TryFrom<u32>`)
    // unless a `#[from]` field already converts from u32.
    let mut from_types: Vec<TokenStream> = Vec::new();
    let mut seen = HashSet::new();
    if !thiserror {
        for field in data.variants.iter().flat_map(|variant| &variant.fields) {
            if field
                .attrs
                .iter()
                .any(|attr| attr.path().is_ident(symbol::FROM))
            {
                let ty = &field.ty;
                if seen.insert(quote!(#ty).to_string()) {
                    from_types.push(quote!(#ty));
                }
            }
        }
    }
    if !seen.contains("u32") {
        from_types.push(quote!(::core::primitive::u32));
    }
    let mut de_generics = input.generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('__de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    quote! {
        #errors
        #[allow(unreachable_code, clippy::all)]
        const _: () = {
            #display
            #[automatically_derived]
            impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
                fn code(&self) -> ::core::primitive::u32 { ::core::unreachable!() }
                fn message(&self) -> &'static ::core::primitive::str { ::core::unreachable!() }
                fn detail(&self) -> &'static ::core::primitive::str { ::core::unreachable!() }
                fn http_status(&self) -> ::core::primitive::u16 { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl #impl_generics #krate::CodeTable for #ident #ty_generics #where_clause {
                const NAME: &'static ::core::primitive::str = "";
                const ENTRIES: &'static [#krate::Entry] = &[];
                fn from_code(_: ::core::primitive::u32) -> ::core::option::Option<Self> {
                    ::core::unreachable!()
                }
                fn from_message(_: &::core::primitive::str) -> ::core::option::Option<Self> {
                    ::core::unreachable!()
                }
            }
            #(
                #[automatically_derived]
                impl #impl_generics ::core::convert::From<#from_types> for #ident #ty_generics #where_clause {
                    fn from(_: #from_types) -> Self { ::core::unreachable!() }
                }
            )*
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ident #ty_generics> for ::core::primitive::u32 #where_clause {
                fn from(_: #ident #ty_generics) -> Self { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl #impl_generics #private::serde::Serialize for #ident #ty_generics #where_clause {
                fn serialize<__S>(&self, _: __S) -> ::core::result::Result<__S::Ok, __S::Error>
                where
                    __S: #private::serde::Serializer,
                {
                    ::core::unreachable!()
                }
            }
            #[automatically_derived]
            impl #de_impl_generics #private::serde::Deserialize<'__de> for #ident #ty_generics #where_clause {
                fn deserialize<__D>(_: __D) -> ::core::result::Result<Self, __D::Error>
                where
                    __D: #private::serde::Deserializer<'__de>,
                {
                    ::core::unreachable!()
                }
            }
        };
    }
}

/// Whether the enum asks for `#[api_error(thiserror)]`, read from the raw tokens: the
/// attribute itself may be the mistake.
fn wants_thiserror(input: &DeriveInput) -> bool {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident(symbol::API_ERROR))
        .any(|attr| {
            quote!(#attr)
                .to_string()
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|word| word == symbol::THISERROR)
        })
}

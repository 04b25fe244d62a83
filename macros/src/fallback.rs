//! On any mistake: the errors as `compile_error!`, and stub impls of every trait the derive
//! would have made, so that code using the enum does not add a cascade of "trait not
//! implemented" errors to the real ones.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::symbol;

/// The errors and the stubs.
pub fn expand(input: &DeriveInput, errors: &syn::Error) -> TokenStream {
    let errors = errors.to_compile_error();
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let krate = quote!(::apicode);
    let display = if wants_thiserror(input) {
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

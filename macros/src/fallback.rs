//! On any mistake: the errors as `compile_error!`, and stub impls of every trait the derive
//! would have made, so that code using the enum does not add a cascade of "trait not
//! implemented" errors to the real ones. The stubs never run: the crate does not compile.

use std::collections::HashSet;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;
use syn::{Data, DeriveInput};

use crate::code_type::CodeType;
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
    let code_type = declared_code_type(input);
    let code_ty = code_type.tokens();
    let from_types = from_types(data, thiserror, code_type);
    let api_table = (code_type != CodeType::U32).then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::ApiTable for #ident #ty_generics #where_clause {
                type Code = #code_ty;
            }
        }
    });
    let mut de_generics = input.generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('__de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    quote! {
        #errors
        #[allow(unreachable_code, clippy::all)]
        const _: () = {
            #display
            #[automatically_derived]
            impl #impl_generics #krate::ApiError<#code_ty> for #ident #ty_generics #where_clause {
                fn code(&self) -> #code_ty { ::core::unreachable!() }
                fn message(&self) -> &'static ::core::primitive::str { ::core::unreachable!() }
                fn detail(&self) -> &'static ::core::primitive::str { ::core::unreachable!() }
                fn http_status(&self) -> ::core::primitive::u16 { ::core::unreachable!() }
            }
            #[automatically_derived]
            impl #impl_generics #krate::CodeTable<#code_ty> for #ident #ty_generics #where_clause {
                const NAME: &'static ::core::primitive::str = "";
                const ENTRIES: &'static [#krate::Entry<#code_ty>] = &[];
                fn from_code(_: #code_ty) -> ::core::option::Option<Self> {
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
            #api_table
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ident #ty_generics> for #code_ty #where_clause {
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

/// One `From` per distinct `#[from]` type, and `From<C>` of the code type (which brings
/// `TryFrom<C>`) unless a `#[from]` field already converts from it. With `thiserror`, thiserror
/// makes the `#[from]` impls: none here, but none of the code type either.
fn from_types(data: &syn::DataEnum, thiserror: bool, code_type: CodeType) -> Vec<TokenStream> {
    let mut from_types: Vec<TokenStream> = Vec::new();
    let mut seen = HashSet::new();
    for field in data.variants.iter().flat_map(|variant| &variant.fields) {
        if field
            .attrs
            .iter()
            .any(|attr| attr.path().is_ident(symbol::FROM))
        {
            let ty = &field.ty;
            if seen.insert(quote!(#ty).to_string()) && !thiserror {
                from_types.push(quote!(#ty));
            }
        }
    }
    if !seen.contains(code_type.name()) {
        from_types.push(code_type.tokens());
    }
    from_types
}

/// The code type the enum declares with `#[api_error(code = i32)]`, read from the raw tokens
/// (the attribute itself may be the mistake), so that the stubs have the impls code using the
/// table expects; `u32` when it names none that exists.
fn declared_code_type(input: &DeriveInput) -> CodeType {
    input
        .attrs
        .iter()
        .filter(|attr| attr.path().is_ident(symbol::API_ERROR))
        .filter_map(|attr| match &attr.meta {
            syn::Meta::List(list) => Some(list.tokens.clone()),
            _ => None,
        })
        .find_map(|tokens| {
            let tokens: Vec<TokenTree> = tokens.into_iter().collect();
            tokens.windows(3).find_map(|window| match window {
                [
                    TokenTree::Ident(key),
                    TokenTree::Punct(eq),
                    TokenTree::Ident(name),
                ] if key == symbol::CODE && eq.as_char() == '=' => {
                    CodeType::from_name(&name.to_string())
                }
                _ => None,
            })
        })
        .unwrap_or_default()
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

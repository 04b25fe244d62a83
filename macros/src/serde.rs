//! `serde::Serialize` and `serde::Deserialize`: the code as an integer, or as a decimal string
//! with `#[api_error(serde = "string")]`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Model, RowSource};
use crate::pattern;

/// Both impls.
pub fn expand(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let private = &model.private;
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        where_clause,
        ..
    } = model;
    let as_string = model.input.attrs.serde_string;
    let code_ty = &model.code_ty;
    let serialize_body = if as_string {
        decimal_body(model)
    } else {
        let serialize = quote::format_ident!("serialize_{}", model.code_type.name());
        quote! {
            #private::serde::Serializer::#serialize(__serializer, #krate::ApiError::<#code_ty>::code(self))
        }
    };
    let decimals = if as_string && !model.rows.is_empty() {
        decimals(model)
    } else {
        TokenStream::new()
    };
    let decode = if model.input.catch_all().is_some() {
        quote! {
            ::core::option::Option::Some(<Self as ::core::convert::From<#code_ty>>::from(__code))
        }
    } else {
        quote!(<Self as #krate::CodeTable<#code_ty>>::from_code(__code))
    };
    let mut de_generics = model.input.generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('__de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    let where_error = &model.where_error;
    quote! {
        #decimals

        #[automatically_derived]
        impl #impl_generics #private::serde::Serialize for #ident #ty_generics #where_error {
            fn serialize<__S>(&self, __serializer: __S) -> ::core::result::Result<__S::Ok, __S::Error>
            where
                __S: #private::serde::Serializer,
            {
                #serialize_body
            }
        }

        #[automatically_derived]
        impl #de_impl_generics #private::serde::Deserialize<'__de> for #ident #ty_generics #where_clause {
            fn deserialize<__D>(__deserializer: __D) -> ::core::result::Result<Self, __D::Error>
            where
                __D: #private::serde::Deserializer<'__de>,
            {
                #private::deserialize_code(__deserializer, #as_string)
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::Decode for #ident #ty_generics #where_clause {
            type Code = #code_ty;
            #[inline]
            fn decode(__code: #code_ty) -> ::core::option::Option<Self> {
                #decode
            }
        }
    }
}

/// String mode: a declared code writes its static digits; the catch-all and transparent
/// variants, whose codes are only known at run time, are written on the stack.
fn decimal_body(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let private = &model.private;
    let dynamic = model
        .input
        .variants
        .iter()
        .filter(|variant| variant.is_catch_all() || variant.is_transparent())
        .map(|variant| pattern::variant_pattern(&quote!(Self), variant))
        .collect::<Vec<_>>();
    let by_row = quote! {
        #private::serde::Serializer::serialize_str(
            __serializer,
            &__APICODE_DECIMALS[__apicode_row(__row)],
        )
    };
    let code_ty = &model.code_ty;
    let by_code = quote! {
        #private::serialize_code_str(__serializer, #krate::ApiError::<#code_ty>::code(self))
    };
    if dynamic.is_empty() {
        return quote!({ let __row = self; #by_row });
    }
    if model.rows.is_empty() {
        return by_code;
    }
    quote! {
        match self {
            #(#dynamic)|* => #by_code,
            __row => #by_row,
        }
    }
}

/// The digits of each row, written at expansion time, so that serializing a declared code
/// writes a static string. A reused row's code is only known to the compiler: its digits are
/// made at compile time and checked as UTF-8 when written.
fn decimals(model: &Model) -> TokenStream {
    let private = &model.private;
    // One entry per row of the row table: the extra row's is never written.
    let extra = model.extra_row.is_some();
    let count = model.rows.len() + usize::from(extra);
    let literals: Option<Vec<String>> = model
        .rows
        .iter()
        .map(|row| match row.source {
            RowSource::Inline { code, .. } => Some(code.to_string()),
            RowSource::Reused { .. } => None,
        })
        .chain(extra.then(|| Some(String::new())))
        .collect();
    if let Some(literals) = literals {
        return quote! {
            static __APICODE_DECIMALS: [&::core::primitive::str; #count] = [#(#literals),*];
        };
    }
    let digits = (0..model.rows.len())
        .map(|index| quote!(#private::Decimal::wide(__APICODE_ROWS[#index].code as ::core::primitive::i128)))
        .chain(extra.then(|| quote!(#private::Decimal::new(0))));
    quote! {
        static __APICODE_DIGITS: [#private::Decimal; #count] = [#(#digits),*];
        struct __ApicodeDecimals;
        impl ::core::ops::Index<::core::primitive::usize> for __ApicodeDecimals {
            type Output = ::core::primitive::str;
            fn index(&self, __index: ::core::primitive::usize) -> &::core::primitive::str {
                __APICODE_DIGITS[__index].as_str()
            }
        }
        static __APICODE_DECIMALS: __ApicodeDecimals = __ApicodeDecimals;
    }
}

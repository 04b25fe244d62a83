//! Conversions: `From<u32>` or `TryFrom<u32>`, `From<E> for u32`, and the `From` impls of
//! `#[from]` fields and transparent tables.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::model::Model;

/// The `From`/`TryFrom` impls.
pub fn expand(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = model.input.ident;
    let name = model.name.as_str();
    let Model {
        impl_generics,
        ty_generics,
        where_clause,
        where_error,
        ..
    } = model;
    let code_ty = &model.code_ty;
    let from_u32 = if let Some(catch_all) = model.input.catch_all() {
        let catch_all = &catch_all.ident;
        let member = catch_all_member(model).map_or_else(|| quote!(0), |member| quote!(#member));
        let body = direct_from_u32(model, &quote!(Self::#catch_all { #member: __code }))
            .unwrap_or_else(|| {
                quote! {
                    match <Self as #krate::CodeTable<#code_ty>>::from_code(__code) {
                        ::core::option::Option::Some(__value) => __value,
                        ::core::option::Option::None => Self::#catch_all { #member: __code },
                    }
                }
            });
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#code_ty> for #ident #ty_generics #where_clause {
                #[inline]
                fn from(__code: #code_ty) -> Self {
                    #body
                }
            }
        }
    } else {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::TryFrom<#code_ty> for #ident #ty_generics #where_clause {
                type Error = #krate::UnknownCode<#code_ty>;
                #[inline]
                fn try_from(__code: #code_ty) -> ::core::result::Result<Self, #krate::UnknownCode<#code_ty>> {
                    match <Self as #krate::CodeTable<#code_ty>>::from_code(__code) {
                        ::core::option::Option::Some(__value) => ::core::result::Result::Ok(__value),
                        ::core::option::Option::None => ::core::result::Result::Err(#krate::UnknownCode::new(__code, #name)),
                    }
                }
            }
        }
    };
    let from_fields = model.input.variants.iter().filter_map(|variant| {
        let field = variant.fields.first()?;
        let generate = if variant.is_transparent() {
            // thiserror, when it owns the enum's attributes, makes the impl for a #[from].
            !(model.input.attrs.thiserror && field.attrs.from.is_some())
        } else {
            !model.input.attrs.thiserror && field.attrs.from.is_some()
        };
        if !generate {
            return None;
        }
        let variant_ident = variant.ident;
        let member = &field.member;
        let ty = field.ty;
        Some(quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<#ty> for #ident #ty_generics #where_clause {
                #[inline]
                fn from(__source: #ty) -> Self {
                    Self::#variant_ident { #member: __source }
                }
            }
        })
    });
    quote! {
        #from_u32
        #(#from_fields)*

        #[automatically_derived]
        impl #impl_generics ::core::convert::From<#ident #ty_generics> for #code_ty #where_error {
            #[inline]
            fn from(__value: #ident #ty_generics) -> #code_ty {
                #krate::ApiError::<#code_ty>::code(&__value)
            }
        }
    }
}

fn catch_all_member<'a>(model: &'a Model) -> Option<&'a syn::Member> {
    model
        .input
        .catch_all()
        .and_then(|variant| variant.fields.first())
        .map(|field| &field.member)
}

/// `From<u32>` straight from the perfect hash's row to the variant, with the catch-all in the
/// default arm, for a table of inline unit variants (the common case): the match maps each row
/// to a constant, which the compiler turns into the tag itself, where going through
/// `from_code`'s `Option` keeps a jump table on large tables. `None` for other tables.
fn direct_from_u32(model: &Model, catch_all: &TokenStream) -> Option<TokenStream> {
    if !model.direct {
        return None;
    }
    let use_variants = model.use_variants();
    let arms = model.rows.iter().enumerate().map(|(row, entry)| {
        let row = Literal::usize_unsuffixed(row);
        let variant = model.variant_path(entry.variant);
        quote!(#row => #variant,)
    });
    Some(quote! {
        #use_variants
        match __apicode_lookup(__code) {
            #(#arms)*
            _ => #catch_all,
        }
    })
}

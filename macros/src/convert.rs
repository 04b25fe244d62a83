//! Conversions: `from_code` and `from_message`, `From<u32>` or `TryFrom<u32>`, `From<E> for u32`,
//! and the `From` impls of `#[from]` fields and transparent tables.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::ast::{Style, Variant};
use crate::attr::CodeAttr;
use crate::expand::Gen;

/// The `From`/`TryFrom` impls.
pub fn expand(emit: &Gen) -> TokenStream {
    let krate = &emit.krate;
    let ident = emit.input.ident;
    let name = ident.to_string();
    let name = name.trim_start_matches("r#");
    let (impl_generics, ty_generics, where_clause) = emit.split();
    let where_error = emit.where_error();
    let from_u32 = if let Some(catch_all) = emit.input.catch_all() {
        let catch_all = &catch_all.ident;
        let member = catch_all_member(emit).map_or_else(|| quote!(0), |member| quote!(#member));
        let body = direct_from_u32(emit, &quote!(Self::#catch_all { #member: __code }))
            .unwrap_or_else(|| {
                quote! {
                    match <Self as #krate::CodeTable>::from_code(__code) {
                        ::core::option::Option::Some(__value) => __value,
                        ::core::option::Option::None => Self::#catch_all { #member: __code },
                    }
                }
            });
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::From<::core::primitive::u32> for #ident #ty_generics #where_clause {
                #[inline]
                fn from(__code: ::core::primitive::u32) -> Self {
                    #body
                }
            }
        }
    } else {
        quote! {
            #[automatically_derived]
            impl #impl_generics ::core::convert::TryFrom<::core::primitive::u32> for #ident #ty_generics #where_clause {
                type Error = #krate::UnknownCode;
                #[inline]
                fn try_from(__code: ::core::primitive::u32) -> ::core::result::Result<Self, #krate::UnknownCode> {
                    match <Self as #krate::CodeTable>::from_code(__code) {
                        ::core::option::Option::Some(__value) => ::core::result::Result::Ok(__value),
                        ::core::option::Option::None => ::core::result::Result::Err(#krate::UnknownCode::new(__code, #name)),
                    }
                }
            }
        }
    };
    let from_fields = emit.input.variants.iter().filter_map(|variant| {
        let field = variant.fields.first()?;
        let generate = if variant.is_transparent() {
            // thiserror, when it owns the enum's attributes, makes the impl for a #[from].
            !(emit.input.attrs.thiserror && field.attrs.from.is_some())
        } else {
            !emit.input.attrs.thiserror && field.attrs.from.is_some()
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
        impl #impl_generics ::core::convert::From<#ident #ty_generics> for ::core::primitive::u32 #where_error {
            #[inline]
            fn from(__value: #ident #ty_generics) -> ::core::primitive::u32 {
                #krate::ApiError::code(&__value)
            }
        }
    }
}

fn catch_all_member<'a>(emit: &'a Gen) -> Option<&'a syn::Member> {
    emit.input
        .catch_all()
        .and_then(|variant| variant.fields.first())
        .map(|field| &field.member)
}

/// `CodeTable::from_code`: own codes by a `match` on literals, reused entries next (they win
/// over a transparent table holding the same code), transparent tables last.
pub fn from_code(emit: &Gen) -> TokenStream {
    lookup(emit, &Lookup::Code)
}

/// `CodeTable::from_message`, under the same rules as `from_code`.
pub fn from_message(emit: &Gen) -> TokenStream {
    lookup(emit, &Lookup::Message)
}

enum Lookup {
    Code,
    Message,
}

impl Lookup {
    /// The parameter, its type, the method and the `Entry` field it compares.
    fn names(&self) -> (TokenStream, TokenStream, TokenStream, TokenStream) {
        match self {
            Lookup::Code => (
                quote!(__code),
                quote!(::core::primitive::u32),
                quote!(from_code),
                quote!(code),
            ),
            Lookup::Message => (
                quote!(__message),
                quote!(&::core::primitive::str),
                quote!(from_message),
                quote!(message),
            ),
        }
    }
}

fn lookup(emit: &Gen, by: &Lookup) -> TokenStream {
    let private = &emit.private;
    let (key, key_ty, method, field) = by.names();
    let mut arms = Vec::new();
    let mut by_row = Vec::new();
    let mut reused = Vec::new();
    for variant in &emit.rows {
        let build = build(private, variant);
        let index = emit.row_index(variant);
        match &variant.code {
            Some((_, CodeAttr::Entry { code, message, .. })) => {
                let pattern = match by {
                    Lookup::Code => {
                        let code = Literal::u32_unsuffixed(code.value);
                        quote!(#code)
                    }
                    Lookup::Message => {
                        let message = &message.value;
                        quote!(#message)
                    }
                };
                arms.push(quote!(#pattern => #build,));
                let row = Literal::usize_unsuffixed(index);
                by_row.push(quote!(#row => #build,));
            }
            Some((_, CodeAttr::Reuse { .. })) => {
                reused.push(quote! {
                    if #key == __APICODE_ROWS[#index].#field {
                        return #build;
                    }
                });
            }
            _ => {}
        }
    }
    let transparent = transparent_lookups(emit, &method, &key);
    let needs_probe = emit.rows.iter().any(|variant| !variant.fields.is_empty());
    let probe = needs_probe.then(|| {
        quote! {
            #[allow(unused_imports)]
            use #private::{NoDefault as _, ViaDefault as _};
        }
    });
    let hashed = matches!(by, Lookup::Code) && emit.hashed;
    // Sparse codes make a literal match a tree of unpredictable branches; a perfect hash finds
    // the row with two multiplications and three loads, and the row-to-variant match is dense.
    let (lookup, scrutinee, arms) = if hashed {
        (
            quote!(let __row = __apicode_lookup(#key);),
            quote!(__row),
            by_row,
        )
    } else {
        (TokenStream::new(), key.clone(), arms)
    };
    let none = quote!(::core::option::Option::None);
    let matcher = if arms.is_empty() {
        TokenStream::new()
    } else if reused.is_empty() && transparent.is_empty() {
        // The match is the whole answer: a value in every arm lets the compiler turn it into
        // a table, or into the tag itself.
        return quote! {
            fn #method(#key: #key_ty) -> ::core::option::Option<Self> {
                #probe
                #lookup
                match #scrutinee {
                    #(#arms)*
                    _ => #none,
                }
            }
        };
    } else {
        quote! {
            #lookup
            let __found = match #scrutinee {
                #(#arms)*
                _ => #none,
            };
            if __found.is_some() {
                return __found;
            }
        }
    };
    quote! {
        fn #method(#key: #key_ty) -> ::core::option::Option<Self> {
            #probe
            #matcher
            #(#reused)*
            #(#transparent)*
            #none
        }
    }
}

/// `From<u32>` straight from the perfect hash's row to the variant, with the catch-all in the
/// default arm, for a table of inline unit variants (the common case): the match maps each row
/// to a constant, which the compiler turns into the tag itself, where going through
/// `from_code`'s `Option` keeps a jump table on large tables. `None` for other tables.
fn direct_from_u32(emit: &Gen, catch_all: &TokenStream) -> Option<TokenStream> {
    let simple = emit.input.variants.iter().all(|variant| {
        variant.is_catch_all()
            || (variant.style == Style::Unit
                && matches!(variant.code, Some((_, CodeAttr::Entry { .. }))))
    });
    if !simple {
        return None;
    }
    if !emit.hashed {
        return None;
    }
    let lookup = quote!(let __row = __apicode_lookup(__code););
    let arms = emit.rows.iter().map(|variant| {
        let row = Literal::usize_unsuffixed(emit.row_index(variant));
        let ident = variant.ident;
        quote!(#row => Self::#ident,)
    });
    Some(quote! {
        #lookup
        match __row {
            #(#arms)*
            _ => #catch_all,
        }
    })
}

/// Asks each transparent variant's table in turn.
fn transparent_lookups(emit: &Gen, method: &TokenStream, key: &TokenStream) -> Vec<TokenStream> {
    let krate = &emit.krate;
    emit.input
        .variants
        .iter()
        .filter(|variant| variant.is_transparent())
        .filter_map(|variant| {
            let ty = variant.fields.first()?.ty;
            let pattern = crate::expand::single_field_pattern(variant, "__inner");
            Some(quote! {
                if let ::core::option::Option::Some(__inner) = <#ty as #krate::CodeTable>::#method(#key) {
                    return ::core::option::Option::Some(#pattern);
                }
            })
        })
        .collect()
}

/// `Some(Self::Variant { .. })` built from the code alone: each field from `Default::default()`,
/// or, when a field type has no `Default`, an early `None` (the `?`).
fn build(private: &TokenStream, variant: &Variant) -> TokenStream {
    let ident = variant.ident;
    if variant.style == Style::Unit {
        return quote!(::core::option::Option::Some(Self::#ident));
    }
    let fields = variant.fields.iter().map(|field| {
        let member = &field.member;
        let ty = field.ty;
        quote! {
            #member: (&#private::DefaultProbe::<#ty>::new()).__apicode_default()?
        }
    });
    quote!(::core::option::Option::Some(Self::#ident { #(#fields),* }))
}

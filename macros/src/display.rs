//! `Display` and `core::error::Error`.

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use quote::{format_ident, quote};
use syn::{LitStr, Member};

use crate::ast::{self, Style, Variant};
use crate::attr::{CodeAttr, ErrorAttr};
use crate::fmt::{self, Arg};
use crate::model::Model;
use crate::pattern;

/// Both impls.
pub fn expand(model: &Model) -> TokenStream {
    let display = display(model);
    let error = error(model);
    quote!(#display #error)
}

fn display(model: &Model) -> TokenStream {
    let private = &model.private;
    // Mixed-site hygiene: a field named `__formatter`, bound in a pattern, cannot shadow it.
    let formatter = proc_macro2::Ident::new("__formatter", proc_macro2::Span::mixed_site());
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        ..
    } = model;
    let type_params = model.input.type_params();
    let mut bounds = Vec::new();
    let mut arms = Vec::new();
    for variant in &model.input.variants {
        if writes_detail(variant) {
            continue;
        }
        let arm = match (&variant.error, &variant.code) {
            (Some(ErrorAttr::Format { format, args }), _) => {
                for (field, format_trait) in formatted_fields(variant, format) {
                    if ast::mentions_any(field.ty, &type_params) {
                        let ty = field.ty;
                        bounds.push(quote!(#ty: ::core::fmt::#format_trait));
                    }
                }
                let pattern = pattern::binding_pattern(variant);
                let format = rewrite_format(variant, format);
                let args = rewrite_args(variant, args);
                quote! {
                    #[allow(unused_variables)]
                    #pattern => ::core::write!(#formatter, #format #args),
                }
            }
            (Some(ErrorAttr::Transparent { .. }), _) => {
                let Some(field) = variant.fields.first() else {
                    continue;
                };
                if ast::mentions_any(field.ty, &type_params) {
                    let ty = field.ty;
                    bounds.push(quote!(#ty: ::core::fmt::Display));
                }
                let pattern = field_pattern(variant, &field.member, "__field");
                quote!(#pattern => ::core::fmt::Display::fmt(__field, #formatter),)
            }
            (None, Some((_, CodeAttr::Transparent { .. }))) => {
                let pattern = pattern::single_field_pattern(variant, "__inner");
                quote!(#pattern => ::core::fmt::Display::fmt(__inner, #formatter),)
            }
            (None, Some((_, CodeAttr::Other { keys, .. }))) => {
                let detail = keys
                    .detail
                    .as_ref()
                    .map(|detail| detail.value.clone())
                    .or_else(|| variant.doc.clone());
                let detail = detail.map_or_else(
                    || quote!(::core::option::Option::None),
                    |detail| quote!(::core::option::Option::Some(#detail)),
                );
                let pattern = pattern::single_field_pattern(variant, "__code");
                quote!(#pattern => #private::fmt_unknown(#formatter, #detail, *__code),)
            }
            // Every other variant writes its detail, skipped above.
            _ => continue,
        };
        arms.push(arm);
    }
    let body = if arms.is_empty() {
        quote!(#formatter.write_str(__APICODE_DETAILS[__apicode_row(self)]))
    } else {
        if arms.len() < model.input.variants.len() {
            arms.push(quote! {
                __other => #formatter.write_str(__APICODE_DETAILS[__apicode_row(__other)]),
            });
        }
        quote!(match self { #(#arms)* })
    };
    let where_clause = model.where_with(&bounds);
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::fmt::Display for #ident #ty_generics #where_clause {
            fn fmt(&self, #formatter: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                #body
            }
        }
    }
}

/// Whether the variant's `Display` writes its detail (the `__APICODE_DETAILS` column): one
/// without `#[error(...)]` that is neither transparent nor the catch-all. Every other variant
/// gets an arm of its own in `display`; `Localized::display_is_detail` asks the same.
pub fn writes_detail(variant: &Variant) -> bool {
    variant.error.is_none()
        && !matches!(
            variant.code,
            Some((_, CodeAttr::Transparent { .. } | CodeAttr::Other { .. }))
        )
}

fn error(model: &Model) -> TokenStream {
    let private = &model.private;
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        ..
    } = model;
    let type_params = model.input.type_params();
    let mut bounds = Vec::new();
    if !type_params.is_empty() || model.input.generics.lifetimes().next().is_some() {
        bounds.push(quote!(#ident #ty_generics: ::core::fmt::Debug + ::core::fmt::Display));
    }
    let mut arms = Vec::new();
    for variant in &model.input.variants {
        if variant.is_transparent() {
            let pattern = pattern::single_field_pattern(variant, "__inner");
            arms.push(quote!(#pattern => ::core::error::Error::source(__inner),));
            continue;
        }
        if let (Some(ErrorAttr::Transparent { .. }), Some(field)) =
            (&variant.error, variant.fields.first())
        {
            if ast::mentions_any(field.ty, &type_params) {
                let ty = field.ty;
                bounds.push(quote!(#ty: ::core::error::Error + 'static));
            }
            let pattern = field_pattern(variant, &field.member, "__field");
            arms.push(quote! {
                #pattern => ::core::error::Error::source(__field.__apicode_as_dyn_error()),
            });
            continue;
        }
        let Some(field) = variant.source_field() else {
            continue;
        };
        let pattern = field_pattern(variant, &field.member, "__source");
        // Spanned at the field's type: a source that is not an error is reported there.
        let as_dyn = quote::quote_spanned! {syn::spanned::Spanned::span(field.ty)=>
            __source.__apicode_as_dyn_error()
        };
        let body = if ast::is_option(field.ty) {
            quote! {
                match __source {
                    ::core::option::Option::Some(__source) => ::core::option::Option::Some(#as_dyn),
                    ::core::option::Option::None => ::core::option::Option::None,
                }
            }
        } else {
            if ast::mentions_any(field.ty, &type_params) {
                let ty = field.ty;
                bounds.push(quote!(#ty: ::core::error::Error + 'static));
            }
            quote!(::core::option::Option::Some(#as_dyn))
        };
        arms.push(quote!(#pattern => #body,));
    }
    let where_clause = model.where_with(&bounds);
    if arms.is_empty() {
        return quote! {
            #[automatically_derived]
            impl #impl_generics ::core::error::Error for #ident #ty_generics #where_clause {}
        };
    }
    if arms.len() < model.input.variants.len() {
        arms.push(quote!(_ => ::core::option::Option::None,));
    }
    quote! {
        #[automatically_derived]
        impl #impl_generics ::core::error::Error for #ident #ty_generics #where_clause {
            fn source(&self) -> ::core::option::Option<&(dyn ::core::error::Error + 'static)> {
                #[allow(unused_imports)]
                use #private::AsDynError as _;
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// `Self::Variant { member: binding, .. }`: braces work for tuple variants too.
fn field_pattern(variant: &Variant, member: &Member, binding: &str) -> TokenStream {
    let ident = variant.ident;
    let binding = format_ident!("{}", binding);
    quote!(Self::#ident { #member: #binding, .. })
}

/// The fields a format string names, each with the `core::fmt` trait its spec formats it with.
fn formatted_fields<'v, 'a>(
    variant: &'v Variant<'a>,
    format: &LitStr,
) -> Vec<(&'v ast::Field<'a>, proc_macro2::Ident)> {
    let text = format.value();
    let Ok(placeholders) = fmt::placeholders(&text) else {
        return Vec::new();
    };
    placeholders
        .iter()
        .filter_map(|placeholder| {
            let field =
                variant
                    .fields
                    .iter()
                    .find(|field| match (&placeholder.arg, &field.member) {
                        (Arg::Name(name), Member::Named(ident)) => ast::unraw(ident) == *name,
                        (Arg::Index(index), Member::Unnamed(member)) => {
                            member.index as usize == *index
                        }
                        _ => false,
                    })?;
            let spec = text[placeholder.end..]
                .split('}')
                .next()
                .unwrap_or_default();
            let format_trait = match spec.trim_end().chars().last() {
                Some('?') => "Debug",
                Some('x') => "LowerHex",
                Some('X') => "UpperHex",
                Some('o') => "Octal",
                Some('b') => "Binary",
                Some('e') => "LowerExp",
                Some('E') => "UpperExp",
                Some('p') => "Pointer",
                _ => "Display",
            };
            Some((field, format_ident!("{}", format_trait)))
        })
        .collect()
}

/// Placeholders renamed to the fields' bindings: `{0}` becomes `{__field_0}` in a tuple variant,
/// `{type}` becomes `{__field_type}` for a raw field `r#type`.
fn rewrite_format(variant: &Variant, format: &LitStr) -> LitStr {
    let text = format.value();
    let Ok(placeholders) = fmt::placeholders(&text) else {
        return format.clone();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for placeholder in placeholders {
        let renamed = match &placeholder.arg {
            Arg::Index(index) if variant.style == Style::Tuple => Some(format!("__field_{index}")),
            Arg::Name(name) => variant
                .fields
                .iter()
                .find(|field| matches!(&field.member, Member::Named(ident) if ast::unraw(ident) == *name))
                .map(|field| pattern::binding(field).to_string())
                .filter(|binding| binding != name),
            _ => None,
        };
        if let Some(renamed) = renamed {
            out.push_str(&text[last..placeholder.start]);
            out.push_str(&renamed);
            last = placeholder.end;
        }
    }
    if last == 0 {
        return format.clone();
    }
    out.push_str(&text[last..]);
    LitStr::new(&out, format.span())
}

/// `.field` and `.0` at the start of an argument become the field's binding.
fn rewrite_args(variant: &Variant, args: &TokenStream) -> TokenStream {
    let tokens: Vec<TokenTree> = args.clone().into_iter().collect();
    let mut out = Vec::with_capacity(tokens.len());
    let mut index = 0;
    while index < tokens.len() {
        let starts_expr = match out.last() {
            Some(TokenTree::Punct(punct)) => {
                punct.as_char() == ','
                    || (punct.as_char() == '=' && punct.spacing() == proc_macro2::Spacing::Alone)
            }
            _ => false,
        };
        if let (true, TokenTree::Punct(dot), Some(next)) =
            (starts_expr, &tokens[index], tokens.get(index + 1))
        {
            if dot.as_char() == '.' {
                if let Some(field) = member_field(variant, next) {
                    let mut binding = pattern::binding(field);
                    binding.set_span(next.span());
                    out.push(TokenTree::Ident(binding));
                    index += 2;
                    continue;
                }
            }
        }
        out.push(match &tokens[index] {
            TokenTree::Group(group) if group.delimiter() == Delimiter::None => {
                TokenTree::Group(Group::new(Delimiter::None, group.stream()))
            }
            other => other.clone(),
        });
        index += 1;
    }
    out.into_iter().collect()
}

fn member_field<'v, 'a>(variant: &'v Variant<'a>, token: &TokenTree) -> Option<&'v ast::Field<'a>> {
    variant
        .fields
        .iter()
        .find(|field| match (&field.member, token) {
            (Member::Named(ident), TokenTree::Ident(name)) => ident == name,
            (Member::Unnamed(member), TokenTree::Literal(literal)) => {
                literal.to_string() == member.index.to_string()
            }
            _ => false,
        })
}

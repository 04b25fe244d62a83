//! `ApiError`: the code, message, detail and HTTP status of a value, each a column of its row.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned as _;

use crate::ast::Variant;
use crate::attr::CodeAttr;
use crate::model::Model;
use crate::pattern;

/// The `ApiError` impl.
pub fn expand(model: &Model) -> TokenStream {
    let krate = &model.krate;
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        where_error,
        ..
    } = model;
    let code = accessor(model, "code", "__APICODE_CODES");
    let message = accessor(model, "message", "__APICODE_MESSAGES");
    let detail = accessor(model, "detail", "__APICODE_DETAILS");
    let status = accessor(model, "http_status", "__APICODE_STATUSES");
    let grpc = grpc_code(model);
    let retry = retry(model);
    let help_link = help_link(model);
    let code_ty = &model.code_ty;
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::ApiError<#code_ty> for #ident #ty_generics #where_error {
            #[inline]
            fn code(&self) -> #code_ty {
                #code
            }
            #[inline]
            fn message(&self) -> &'static ::core::primitive::str {
                #message
            }
            #[inline]
            fn detail(&self) -> &'static ::core::primitive::str {
                #detail
            }
            #[inline]
            fn http_status(&self) -> ::core::primitive::u16 {
                #status
            }
            #grpc
            #retry
            #help_link
        }
    }
}

/// Whether a variant's row may say more than its status does: a reused entry carries the
/// other table's guidance, a transparent variant asks its inner table.
fn delegates(variant: &Variant) -> bool {
    variant.is_transparent() || matches!(variant.code, Some((_, CodeAttr::Reuse { .. })))
}

/// `retry`, when the table says more than the statuses do: each `#[retry_after]` field, the
/// inner table's policy for a transparent variant, else the row's policy.
fn retry(model: &Model) -> TokenStream {
    let attrs = &model.input.attrs;
    let variants = &model.input.variants;
    let declared = attrs.guidance.retry.is_some()
        || variants.iter().any(|variant| {
            delegates(variant)
                || variant
                    .keys()
                    .is_some_and(|keys| keys.guidance.retry.is_some())
                || variant
                    .fields
                    .iter()
                    .any(|field| field.attrs.retry_after.is_some())
        });
    if !declared {
        return TokenStream::new();
    }
    let krate = &model.krate;
    let private = &model.private;
    let mut arms = Vec::new();
    for variant in variants {
        if let (true, Some(inner)) = (variant.is_transparent(), variant.fields.first()) {
            let pattern = pattern::single_field_pattern(variant, "__inner");
            let nested = model.nested(inner.ty);
            arms.push(quote!(#pattern => #nested::nested_retry(__inner),));
        } else if let Some(field) = variant
            .fields
            .iter()
            .find(|field| field.attrs.retry_after.is_some())
        {
            let ident = variant.ident;
            let member = &field.member;
            let ty = field.ty;
            // Spanned at the field's type: a type that is not a duration is reported there.
            let call = quote_spanned!(ty.span()=> #private::retry_after::<#ty>(__delay));
            arms.push(quote!(Self::#ident { #member: __delay, .. } => #call,));
        }
    }
    let row = quote!(__APICODE_ROW_TABLE[__apicode_row(self)].retry_policy());
    let rest = (arms.len() < variants.len()).then(|| quote!(_ => #row,));
    quote! {
        #[inline]
        fn retry(&self) -> #krate::guidance::Retry {
            match self { #(#arms)* #rest }
        }
    }
}

/// `help_link`, when any code can have one: the row's template with the value's code, the
/// inner table's link for a transparent variant.
fn help_link(model: &Model) -> TokenStream {
    let attrs = &model.input.attrs;
    let variants = &model.input.variants;
    let declared = attrs.guidance.help.is_some()
        || variants.iter().any(|variant| {
            delegates(variant)
                || variant
                    .keys()
                    .is_some_and(|keys| keys.guidance.help.is_some())
        });
    if !declared {
        return TokenStream::new();
    }
    let krate = &model.krate;
    let private = &model.private;
    let code_ty = &model.code_ty;
    let mut arms = Vec::new();
    for variant in variants {
        if let (true, Some(inner)) = (variant.is_transparent(), variant.fields.first()) {
            let pattern = pattern::single_field_pattern(variant, "__inner");
            let nested = model.nested(inner.ty);
            arms.push(quote!(#pattern => #nested::nested_help_link(__inner),));
        }
    }
    let row = quote! {
        #private::help_link(
            &__APICODE_ROW_TABLE[__apicode_row(self)],
            #krate::ApiError::<#code_ty>::code(self),
        )
    };
    let body = if arms.is_empty() {
        row
    } else {
        let rest = (arms.len() < variants.len()).then(|| quote!(_ => #row,));
        quote!(match self { #(#arms)* #rest })
    };
    quote! {
        #[inline]
        fn help_link(&self) -> ::core::option::Option<#krate::guidance::HelpLink<'static>> {
            #body
        }
    }
}

/// The body of the accessor `method`: the variant's row of the static `column`, except that
/// transparent variants ask their inner table and, for `code()`, the catch-all gives the code
/// it holds.
fn accessor(model: &Model, method: &str, column: &str) -> TokenStream {
    let column = format_ident!("{}", column);
    let mut arms = Vec::new();
    for variant in &model.input.variants {
        if let (true, Some(inner)) = (variant.is_transparent(), variant.fields.first()) {
            let pattern = pattern::single_field_pattern(variant, "__inner");
            // Spanned at the field's type: a type that is not a table is reported there.
            let nested = model.nested(inner.ty);
            let method_ident = format_ident!("nested_{}", method);
            let call = quote!(#nested::#method_ident(__inner));
            arms.push(quote!(#pattern => #call,));
        } else if variant.is_catch_all() && method == "code" {
            let pattern = pattern::single_field_pattern(variant, "__code");
            arms.push(quote!(#pattern => *__code,));
        }
    }
    let column = quote!(#column[__apicode_row(self)]);
    if arms.is_empty() {
        return column;
    }
    let rest = arms.len() < model.input.variants.len();
    if model.input.variants.iter().any(Variant::is_transparent) {
        let rest = rest.then(|| quote!(_ => #column,));
        return quote!(match self { #(#arms)* #rest });
    }
    // Only the catch-all's code differs from its row: read the row first, so that the match
    // is a conditional move rather than a branch.
    let rest = rest.then(|| quote!(_ => __fixed,));
    quote! {{
        let __fixed = #column;
        match self { #(#arms)* #rest }
    }}
}

/// `grpc_code`, when the table overrides the runtime's default: each variant's own code, the
/// inner table's for a transparent variant, then the enum's code or the HTTP mapping.
fn grpc_code(model: &Model) -> TokenStream {
    let Some(grpc) = &model.grpc else {
        return TokenStream::new();
    };
    let krate = &model.krate;
    let code_ty = &model.code_ty;
    let mut arms = Vec::new();
    for (variant, name) in &grpc.keyed {
        let pattern = pattern::variant_pattern(&quote!(Self), variant);
        let name = format_ident!("{}", name);
        arms.push(quote!(#pattern => #krate::grpc::GrpcCode::#name,));
    }
    for variant in &model.input.variants {
        if let (true, Some(inner)) = (variant.is_transparent(), variant.fields.first()) {
            let pattern = pattern::single_field_pattern(variant, "__inner");
            let nested = model.nested(inner.ty);
            arms.push(quote!(#pattern => #nested::nested_grpc_code(__inner),));
        }
    }
    let rest = if let Some(name) = grpc.default {
        let name = format_ident!("{}", name);
        quote!(#krate::grpc::GrpcCode::#name)
    } else {
        quote!(#krate::grpc::GrpcCode::from_http_status(#krate::ApiError::<#code_ty>::http_status(self)))
    };
    let rest = (arms.len() < model.input.variants.len()).then(|| quote!(_ => #rest,));
    quote! {
        #[inline]
        fn grpc_code(&self) -> #krate::grpc::GrpcCode {
            match self { #(#arms)* #rest }
        }
    }
}

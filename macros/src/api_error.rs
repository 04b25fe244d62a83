//! `ApiError`: the code, message, detail and HTTP status of a value, each a column of its row.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::ast::Variant;
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
    let code = accessor(model, "code", "code");
    let message = accessor(model, "message", "message");
    let detail = accessor(model, "detail", "detail");
    let status = accessor(model, "http_status", "status");
    let grpc = grpc_code(model);
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
        }
    }
}

/// The body of the accessor `method`: the column `field` of the variant's row, except that
/// transparent variants ask their inner table and, for `code()`, the catch-all gives the code
/// it holds.
fn accessor(model: &Model, method: &str, field: &str) -> TokenStream {
    let field = format_ident!("{}", field);
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
    let column = quote!(__APICODE_ROW_TABLE[__apicode_row(self)].#field);
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

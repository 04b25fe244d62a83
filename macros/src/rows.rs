//! The items every impl reads: `__APICODE_ROWS` (the table's own entries),
//! `__APICODE_ROW_TABLE` (plus the catch-all's row) and its columns `__APICODE_CODES`,
//! `__APICODE_MESSAGES`, `__APICODE_DETAILS` and `__APICODE_STATUSES` (what the accessors
//! read), `__apicode_row` (a variant's row),
//! `__apicode_lookup` and `__apicode_message_row` (the perfect hashes of codes and messages),
//! `__apicode_variant` (a row's variant) and the `Rows` impl that other tables'
//! `#[code(Enum::Variant)]` read.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::attr::{Guidance, Help, RetryKey};
use crate::code_type::CodeType;
use crate::model::{CodeLookup, ExtraRow, Model, RowSource};
use crate::pattern;

/// The rows, the row index and the lookup.
pub fn expand(model: &Model) -> TokenStream {
    let tables = tables(model);
    let count = model.rows.len();
    let lookup = model.code_lookup.as_ref().map(|lookup| match lookup {
        CodeLookup::Bitmap(table) => table.expand(count, model.code_type),
        CodeLookup::Hash(table) => table.expand_codes(&model.private, count, model.code_type),
    });
    let message_row = model
        .message_phf
        .as_ref()
        .map(|table| table.expand_messages(&model.private, count));
    let variant = variant_of_row(model);
    let rows_impl = rows_impl(model);
    quote!(#tables #lookup #message_row #variant #rows_impl)
}

/// The static rows and the function mapping a variant to its row.
///
/// `__APICODE_ROWS` are the table's own rows (what `ENTRIES` and other tables see);
/// `__APICODE_ROW_TABLE` adds one row for the catch-all (its message, detail and status)
/// that transparent variants also map to. Every variant then has a row, so the accessors
/// read a column with no branch, and the compiler drops the bounds check; a dense enum's tag
/// becomes the row index itself.
fn tables(model: &Model) -> TokenStream {
    if model.rows.is_empty() && model.extra_row.is_none() {
        return TokenStream::new();
    }
    let krate = &model.krate;
    let private = &model.private;
    let compose = &model.compose;
    let code_ty = &model.code_ty;
    let count = model.rows.len();
    let entries = model.rows.iter().map(|row| match &row.source {
        RowSource::Inline {
            code,
            message,
            detail,
            status,
        } => {
            let code = CodeType::literal(*code);
            let status = Literal::u16_unsuffixed(*status);
            let entry = quote!(__apicode_entry(#code, #message, #detail, #status));
            match row.variant.keys() {
                Some(keys) => with_guidance(model, &keys.guidance, entry),
                None => entry,
            }
        }
        RowSource::Reused { path } => reused_entry(private, path),
    });
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        where_clause,
        ..
    } = model;
    let use_variants = model.use_variants();
    let arms = model.input.variants.iter().map(|variant| {
        let pattern = pattern::short_pattern(&model.variant_path(variant), variant);
        let index = Literal::usize_unsuffixed(model.row_index(variant));
        quote!(#pattern => #index,)
    });
    let (total, rows) = if let Some(extra) = &model.extra_row {
        let entry = extra_entry(model, extra);
        (
            count + 1,
            quote!(#compose::append_row(__APICODE_ROWS, #entry)),
        )
    } else {
        (count, quote!(__APICODE_ROWS))
    };
    // The accessors read one column each, a narrow array: a row is wide (help and retry too),
    // and a 2,001-code table's statuses fit in 4 KiB where its rows take 144.
    let table = quote! {
        const __APICODE_ROW_CONST: [#krate::Entry<#code_ty>; #total] = #rows;
        static __APICODE_ROW_TABLE: [#krate::Entry<#code_ty>; #total] = __APICODE_ROW_CONST;
        static __APICODE_CODES: [#code_ty; #total] = #private::code_column(&__APICODE_ROW_CONST);
        static __APICODE_MESSAGES: [&'static ::core::primitive::str; #total] =
            #private::message_column(&__APICODE_ROW_CONST);
        static __APICODE_DETAILS: [&'static ::core::primitive::str; #total] =
            #private::detail_column(&__APICODE_ROW_CONST);
        static __APICODE_STATUSES: [::core::primitive::u16; #total] =
            #private::status_column(&__APICODE_ROW_CONST);
    };
    let (help, retry) = table_guidance(model);
    quote! {
        const fn __apicode_entry(
            code: #code_ty,
            message: &'static ::core::primitive::str,
            detail: &'static ::core::primitive::str,
            status: ::core::primitive::u16,
        ) -> #krate::Entry<#code_ty> {
            #krate::Entry { code, message, detail, status, help: #help, retry: #retry }
        }
        const __APICODE_ROWS: [#krate::Entry<#code_ty>; #count] = [#(#entries),*];
        #table

        #[inline]
        fn __apicode_row #impl_generics (__value: &#ident #ty_generics) -> ::core::primitive::usize #where_clause {
            #use_variants
            match __value {
                #(#arms)*
            }
        }
    }
}

/// The catch-all's row.
fn extra_entry(model: &Model, extra: &ExtraRow) -> TokenStream {
    let krate = &model.krate;
    let message = &extra.message;
    let detail = &extra.detail;
    let status = Literal::u16_unsuffixed(extra.status);
    let entry = quote!(__apicode_entry(0, #message, #detail, #status));
    // The catch-all's codes are outside the table: the table's help template names none of
    // them, so only the catch-all's own `help` gives one.
    let guidance = model
        .input
        .catch_all()
        .and_then(|catch_all| catch_all.keys())
        .map(|keys| keys.guidance.clone())
        .unwrap_or_default();
    if model.input.attrs.guidance.help.is_some() && guidance.help.is_none() {
        let entry = with_guidance(model, &guidance, entry);
        return quote!(#krate::Entry { help: ::core::option::Option::None, ..#entry });
    }
    with_guidance(model, &guidance, entry)
}

/// The table's defaults, as `__apicode_entry` fills them in: its help template, and its
/// retry policy for error codes only.
fn table_guidance(model: &Model) -> (TokenStream, TokenStream) {
    let none = quote!(::core::option::Option::None);
    let guidance = &model.input.attrs.guidance;
    let help =
        help_tokens(guidance.help.as_ref().map(|help| &help.value)).unwrap_or_else(|| none.clone());
    let retry = match retry_tokens(model, guidance.retry.as_ref().map(|retry| retry.value)) {
        Some(retry) => quote!(if status >= 200 && status < 300 { #none } else { #retry }),
        None => none,
    };
    (help, retry)
}

/// `entry` with a row's own guidance keys over the table's.
fn with_guidance(model: &Model, guidance: &Guidance, entry: TokenStream) -> TokenStream {
    let krate = &model.krate;
    let help = guidance.help.as_ref().map(|help| {
        let value =
            help_tokens(Some(&help.value)).unwrap_or_else(|| quote!(::core::option::Option::None));
        quote!(help: #value,)
    });
    let retry = guidance
        .retry
        .as_ref()
        .and_then(|retry| retry_tokens(model, Some(retry.value)))
        .map(|retry| quote!(retry: #retry,));
    if help.is_none() && retry.is_none() {
        return entry;
    }
    quote!(#krate::Entry { #help #retry ..#entry })
}

/// `Some("template")`, or `None` for no help key and for `help = none`.
fn help_tokens(help: Option<&Help>) -> Option<TokenStream> {
    match help? {
        Help::Template(template) => Some(quote!(::core::option::Option::Some(#template))),
        Help::Off => None,
    }
}

/// `Some(Retry::...)` of a declared policy.
fn retry_tokens(model: &Model, retry: Option<RetryKey>) -> Option<TokenStream> {
    let krate = &model.krate;
    let value = match retry? {
        RetryKey::No => quote!(#krate::guidance::Retry::No),
        RetryKey::Yes => quote!(#krate::guidance::Retry::Yes),
        RetryKey::After(seconds) => {
            let seconds = Literal::u64_unsuffixed(seconds);
            quote!(#krate::guidance::Retry::after_secs(#seconds))
        }
    };
    Some(quote!(::core::option::Option::Some(#value)))
}

/// `__apicode_variant(row)`: the variant of an inline row, built from the code alone (`None`
/// for any other index), for the lookups that find a row by a perfect hash. Tables whose
/// `From<u32>` maps rows straight to variants need none.
fn variant_of_row(model: &Model) -> Option<TokenStream> {
    if model.direct || (model.code_lookup.is_none() && model.message_phf.is_none()) {
        return None;
    }
    let private = &model.private;
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        where_clause,
        ..
    } = model;
    let arms = model.rows.iter().enumerate().filter_map(|(index, row)| {
        let RowSource::Inline { .. } = row.source else {
            return None;
        };
        let index = Literal::usize_unsuffixed(index);
        let build = pattern::build(private, &model.variant_path(row.variant), row.variant);
        Some(quote!(#index => #build,))
    });
    let use_variants = model.use_variants();
    let probe = model
        .rows
        .iter()
        .any(|row| !row.variant.fields.is_empty())
        .then(|| {
            quote! {
                #[allow(unused_imports)]
                use #private::{NoDefault as _, ViaDefault as _};
            }
        });
    Some(quote! {
        fn __apicode_variant #impl_generics (__row: ::core::primitive::usize) -> ::core::option::Option<#ident #ty_generics> #where_clause {
            #probe
            #use_variants
            match __row {
                #(#arms)*
                _ => ::core::option::Option::None,
            }
        }
    })
}

/// `Type::Variant` -> the row of `Variant` in `Type`'s rows, a constant expression. The
/// variant is looked up in `Type`'s mirror enum, spanned at the user's tokens, so that a
/// missing variant is reported there (with rustc's "similar name" suggestion).
fn reused_entry(private: &TokenStream, path: &syn::Path) -> TokenStream {
    let mut table = path.clone();
    let Some(last) = table.segments.pop() else {
        return quote!(::core::unreachable!());
    };
    let variant = &last.ident;
    // Drop the trailing `::` left by the pop.
    let table: syn::Path = {
        let segments = table.segments.iter();
        let leading = table.leading_colon;
        syn::parse_quote!(#leading #(#segments)::*)
    };
    let span = variant.span();
    quote::quote_spanned! {span=>
        <#table as #private::Rows>::ROWS[<#table as #private::Rows>::Rows::#variant as ::core::primitive::usize]
    }
}

/// The `Rows` impl that `#[code(Enum::Variant)]` in other tables reads: the rows, and a
/// unit-only mirror of the row variants whose discriminants are the row indexes.
fn rows_impl(model: &Model) -> TokenStream {
    if model.rows.is_empty() {
        return TokenStream::new();
    }
    let krate = &model.krate;
    let private = &model.private;
    let code_ty = &model.code_ty;
    let ident = model.input.ident;
    let Model {
        impl_generics,
        ty_generics,
        where_clause,
        ..
    } = model;
    let mirror = model.rows.iter().enumerate().map(|(index, row)| {
        let variant = row.variant.ident;
        quote!(#variant = #index)
    });
    quote! {
        mod __apicode_rows {
            #[repr(usize)]
            #[allow(dead_code, non_camel_case_types, clippy::enum_variant_names)]
            pub enum #ident {
                #(#mirror),*
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::Rows for #ident #ty_generics #where_clause {
            type Code = #code_ty;
            type Rows = __apicode_rows::#ident;
            const ROWS: &'static [#krate::Entry<#code_ty>] = &__APICODE_ROWS;
        }
    }
}

//! Code generation: the shared pieces (the static rows, the row index, patterns) and the
//! `ApiError` and `CodeTable` impls. The other traits live in `display`, `convert` and `serde`.

use std::collections::HashMap;

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use syn::{DeriveInput, Ident, Member};

use crate::ast::{Field, Input, Style, Variant};
use crate::attr::CodeAttr;
use crate::ctxt::Ctxt;
use crate::{convert, display, fallback, serde, valid};

/// The whole derive: parse, validate, expand; on any mistake, the errors and a stub.
pub fn derive(input: &DeriveInput) -> TokenStream {
    let mut cx = Ctxt::default();
    let parsed = Input::from_syn(&mut cx, input);
    if let Some(parsed) = &parsed {
        valid::check(&mut cx, parsed);
    }
    match (cx.finish(), parsed) {
        (Ok(()), Some(parsed)) => Gen::new(&parsed).expand(),
        (Err(errors), _) => fallback::expand(input, &errors),
        (Ok(()), None) => fallback::expand(
            input,
            &syn::Error::new_spanned(&input.ident, "#[derive(ApiError)] works on enums only"),
        ),
    }
}

/// What every generator needs: the input, the runtime's path, and the rows.
pub struct Gen<'a> {
    pub input: &'a Input<'a>,
    /// `::apicode`, or the path given with `crate = "..."`.
    pub krate: TokenStream,
    /// `#krate::__private`.
    pub private: TokenStream,
    /// The variants holding one of the table's own rows, in row order.
    pub rows: Vec<&'a Variant<'a>>,
    /// Each row variant's index in `rows`, by name (computed once: large tables ask often).
    row_of: HashMap<&'a Ident, usize>,
    /// The perfect hash of the inline codes, when the table is large enough for one.
    phf: Option<crate::phf::Table>,
    /// Whether `__apicode_lookup` (the perfect hash) exists.
    pub hashed: bool,
}

impl<'a> Gen<'a> {
    fn new(input: &'a Input<'a>) -> Self {
        let krate = input
            .attrs
            .krate
            .as_ref()
            .map_or_else(|| quote!(::apicode), |path| quote!(#path));
        let private = quote!(#krate::__private);
        let rows: Vec<&Variant> = input.row_variants().collect();
        let row_of = rows
            .iter()
            .enumerate()
            .map(|(index, variant)| (variant.ident, index))
            .collect();
        let inline_codes: Vec<(usize, u32)> = rows
            .iter()
            .enumerate()
            .filter_map(|(index, variant)| match &variant.code {
                Some((_, CodeAttr::Entry { code, .. })) => Some((index, code.value)),
                _ => None,
            })
            .collect();
        let phf = crate::phf::Table::build(&inline_codes);
        Gen {
            input,
            krate,
            private,
            hashed: phf.is_some(),
            phf,
            rows,
            row_of,
        }
    }

    fn expand(&self) -> TokenStream {
        let tables = self.tables();
        let rows_impl = self.rows_impl();
        let api_error = self.api_error();
        let code_table = self.code_table();
        let display = if self.input.attrs.thiserror {
            TokenStream::new()
        } else {
            display::expand(self)
        };
        let convert = convert::expand(self);
        let serde = serde::expand(self);
        let integrations = self.integrations();
        let lookup = self
            .phf
            .as_ref()
            .map(|table| table.expand(&self.private, self.rows.len()));
        quote! {
            #[allow(non_upper_case_globals, single_use_lifetimes, clippy::all, clippy::pedantic)]
            const _: () = {
                #tables
                #lookup
                #rows_impl
                #api_error
                #code_table
                #display
                #convert
                #serde
                #integrations
            };
        }
    }

    /// A call to the runtime's `integrations!`, which expands to the impls of the optional
    /// integrations (axum, actix-web, ...) that the runtime was built with: the derive cannot
    /// see the runtime's features, the runtime's own macro can.
    fn integrations(&self) -> TokenStream {
        let private = &self.private;
        let ident = self.input.ident;
        let (impl_generics, ty_generics, _) = self.split();
        let where_clause = self.where_error();
        quote! {
            #private::integrations! { [#impl_generics] [#ident #ty_generics] [#where_clause] }
        }
    }

    /// `impl<...> Trait for Enum<...> where ...` pieces.
    pub fn split(&self) -> (TokenStream, TokenStream, TokenStream) {
        let (impl_generics, ty_generics, where_clause) = self.input.generics.split_for_impl();
        (
            quote!(#impl_generics),
            quote!(#ty_generics),
            quote!(#where_clause),
        )
    }

    /// The where clause with `extra` predicates appended.
    pub fn where_with(&self, extra: &[TokenStream]) -> TokenStream {
        let existing = self
            .input
            .generics
            .where_clause
            .as_ref()
            .map(|clause| {
                let predicates = clause.predicates.iter();
                quote!(#(#predicates,)*)
            })
            .unwrap_or_default();
        if extra.is_empty() && existing.is_empty() {
            return TokenStream::new();
        }
        quote!(where #existing #(#extra,)*)
    }

    /// `where Self: Error` for generic enums, whose Error impl may carry bounds.
    pub fn where_error(&self) -> TokenStream {
        if self.input.generics.params.is_empty() {
            return self.where_with(&[]);
        }
        let ident = self.input.ident;
        let (_, ty_generics, _) = self.split();
        self.where_with(&[quote!(#ident #ty_generics: ::core::error::Error)])
    }

    /// The index of a variant in the row table: its row, or for the catch-all and transparent
    /// variants the extra row after the table's own rows.
    pub fn row_index(&self, variant: &Variant) -> usize {
        self.row_of
            .get(variant.ident)
            .copied()
            .unwrap_or(self.rows.len())
    }

    /// Whether the row table has the extra row of the catch-all and transparent variants.
    pub fn has_extra_row(&self) -> bool {
        self.input
            .variants
            .iter()
            .any(|variant| variant.is_catch_all() || variant.is_transparent())
    }

    /// The row of a variant, as a constant expression of type `Entry`.
    fn row_entry(&self, variant: &Variant) -> TokenStream {
        match &variant.code {
            Some((
                _,
                CodeAttr::Entry {
                    code,
                    message,
                    keys,
                },
            )) => {
                let code = Literal::u32_unsuffixed(code.value);
                let detail = keys
                    .detail
                    .as_ref()
                    .map(|detail| detail.value.clone())
                    .or_else(|| variant.doc.clone())
                    .unwrap_or_else(|| message.value.clone());
                let status = self.status(keys.status.as_ref().map(|status| status.value));
                let message = &message.value;
                quote!(__apicode_entry(#code, #message, #detail, #status))
            }
            Some((_, CodeAttr::Reuse { path })) => crate::table::reused_entry(&self.private, path),
            _ => quote!(::core::unreachable!()),
        }
    }

    /// A status literal: the given one, else the enum's, else 500.
    pub fn status(&self, own: Option<u16>) -> Literal {
        let status = own
            .or_else(|| self.input.attrs.status.as_ref().map(|status| status.value))
            .unwrap_or(500);
        Literal::u16_unsuffixed(status)
    }

    /// The static rows and the function mapping a variant to its row.
    ///
    /// `__APICODE_ROWS` are the table's own rows (what `ENTRIES` and other tables see);
    /// `__APICODE_ROW_TABLE` adds one row for the catch-all (its message, detail and status)
    /// that transparent variants also map to. Every variant then has a row, so the accessors
    /// read a column with no branch, and the compiler drops the bounds check; a dense enum's tag
    /// becomes the row index itself.
    fn tables(&self) -> TokenStream {
        let extra = self.has_extra_row();
        if self.rows.is_empty() && !extra {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let private = &self.private;
        let count = self.rows.len();
        let entries = self.rows.iter().map(|variant| self.row_entry(variant));
        let ident = self.input.ident;
        let (impl_generics, ty_generics, where_clause) = self.split();
        let arms = self.input.variants.iter().map(|variant| {
            let pattern = variant_pattern(&quote!(#ident), variant);
            let index = Literal::usize_unsuffixed(self.row_index(variant));
            quote!(#pattern => #index,)
        });
        let table = if extra {
            let (message, detail, status) = self.catch_all_strings();
            let total = count + 1;
            quote! {
                static __APICODE_ROW_TABLE: [#krate::Entry; #total] = #private::append_row(
                    __APICODE_ROWS,
                    __apicode_entry(0, #message, #detail, #status),
                );
            }
        } else {
            quote!(static __APICODE_ROW_TABLE: [#krate::Entry; #count] = __APICODE_ROWS;)
        };
        quote! {
            const fn __apicode_entry(
                code: ::core::primitive::u32,
                message: &'static ::core::primitive::str,
                detail: &'static ::core::primitive::str,
                status: ::core::primitive::u16,
            ) -> #krate::Entry {
                #krate::Entry { code, message, detail, status }
            }
            const __APICODE_ROWS: [#krate::Entry; #count] = [#(#entries),*];
            #table

            #[inline]
            fn __apicode_row #impl_generics (__value: &#ident #ty_generics) -> ::core::primitive::usize #where_clause {
                match __value {
                    #(#arms)*
                }
            }
        }
    }

    /// The catch-all's message (its variant's name), detail and status, for its row.
    fn catch_all_strings(&self) -> (String, String, Literal) {
        let catch_all = self.input.catch_all();
        let name = catch_all
            .map(|variant| crate::ast::unraw(variant.ident))
            .unwrap_or_default();
        let detail = catch_all
            .map(|variant| {
                variant
                    .keys()
                    .and_then(|keys| keys.detail.as_ref().map(|detail| detail.value.clone()))
                    .or_else(|| variant.doc.clone())
                    .unwrap_or_else(|| name.clone())
            })
            .unwrap_or_default();
        let status = self.status(
            catch_all
                .and_then(|variant| variant.keys()?.status.as_ref().map(|status| status.value)),
        );
        (name, detail, status)
    }

    /// The `Rows` impl that `#[code(Enum::Variant)]` in other tables reads: the rows, and a
    /// unit-only mirror of the row variants whose discriminants are the row indexes.
    fn rows_impl(&self) -> TokenStream {
        if self.rows.is_empty() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let private = &self.private;
        let ident = self.input.ident;
        let (impl_generics, ty_generics, where_clause) = self.split();
        let mirror = self.rows.iter().enumerate().map(|(index, variant)| {
            let variant = variant.ident;
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
                type Rows = __apicode_rows::#ident;
                const ROWS: &'static [#krate::Entry] = &__APICODE_ROWS;
            }
        }
    }

    /// The body of the `ApiError` accessor `method`: the column `field` of the variant's row,
    /// except that transparent variants ask their inner table and, for `code()`, the catch-all
    /// gives the code it holds.
    pub fn accessor(&self, method: &str, field: &str) -> TokenStream {
        let krate = &self.krate;
        let method_ident = format_ident!("{}", method);
        let field = format_ident!("{}", field);
        let mut arms = Vec::new();
        for variant in &self.input.variants {
            if let (true, Some(inner)) = (variant.is_transparent(), variant.fields.first()) {
                let pattern = single_field_pattern(variant, "__inner");
                // Spanned at the field's type: a type that is not a table is reported there.
                let ty = inner.ty;
                let call = quote::quote_spanned! {syn::spanned::Spanned::span(ty)=>
                    <#ty as #krate::ApiError>::#method_ident(__inner)
                };
                arms.push(quote!(#pattern => #call,));
            } else if variant.is_catch_all() && method == "code" {
                let pattern = single_field_pattern(variant, "__code");
                arms.push(quote!(#pattern => *__code,));
            }
        }
        let column = quote!(__APICODE_ROW_TABLE[__apicode_row(self)].#field);
        if arms.is_empty() {
            return column;
        }
        let rest = arms.len() < self.input.variants.len();
        if self.input.variants.iter().any(Variant::is_transparent) {
            let rest = rest.then(|| quote!(_ => #column,));
            return quote!(match self { #(#arms)* #rest });
        }
        // Only the catch-all's code differs from its row: read the row first, so that the
        // match is a conditional move rather than a branch.
        let rest = rest.then(|| quote!(_ => __fixed,));
        quote! {{
            let __fixed = #column;
            match self { #(#arms)* #rest }
        }}
    }

    fn api_error(&self) -> TokenStream {
        let krate = &self.krate;
        let ident = self.input.ident;
        let (impl_generics, ty_generics, _) = self.split();
        let where_clause = self.where_error();
        let code = self.accessor("code", "code");
        let message = self.accessor("message", "message");
        let detail = self.accessor("detail", "detail");
        let status = self.accessor("http_status", "status");
        quote! {
            #[automatically_derived]
            impl #impl_generics #krate::ApiError for #ident #ty_generics #where_clause {
                #[inline]
                fn code(&self) -> ::core::primitive::u32 {
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
            }
        }
    }
}

/// A type as a user writes it, for messages: `std::io::Error`, not `std :: io :: Error`.
pub fn display_type(ty: &syn::Type) -> String {
    quote!(#ty)
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
        .replace(" ,", ",")
}

/// `Enum::Variant`, `Enum::Variant(..)` or `Enum::Variant { .. }`.
pub fn variant_pattern(prefix: &TokenStream, variant: &Variant) -> TokenStream {
    let ident = variant.ident;
    match variant.style {
        Style::Unit => quote!(#prefix::#ident),
        Style::Tuple => quote!(#prefix::#ident(..)),
        Style::Struct => quote!(#prefix::#ident { .. }),
    }
}

/// `Self::Variant(binding)` or `Self::Variant { field: binding }` for a one-field variant.
pub fn single_field_pattern(variant: &Variant, binding: &str) -> TokenStream {
    let ident = variant.ident;
    let binding = format_ident!("{}", binding);
    if let Some(Member::Named(name)) = variant.fields.first().map(|field| &field.member) {
        quote!(Self::#ident { #name: #binding })
    } else {
        quote!(Self::#ident(#binding))
    }
}

/// The binding of a field in a pattern: its own name, or `__field_N` for a tuple field.
/// A raw field name (`r#type`) is bound as `__field_type`: a format string cannot capture a raw
/// identifier.
pub fn binding(field: &Field) -> Ident {
    match &field.member {
        Member::Named(ident) if ident.to_string().starts_with("r#") => {
            format_ident!("__field_{}", crate::ast::unraw(ident))
        }
        Member::Named(ident) => ident.clone(),
        Member::Unnamed(index) => format_ident!("__field_{}", index.index),
    }
}

/// `Self::Variant(__field_0, __field_1)` or `Self::Variant { a, r#type: __field_type }`, every
/// field bound.
pub fn binding_pattern(variant: &Variant) -> TokenStream {
    let ident = variant.ident;
    let bindings = variant.fields.iter().map(|field| {
        let binding = binding(field);
        match &field.member {
            // `a: a` would raise rustc's `non_shorthand_field_patterns` in the user's crate.
            Member::Named(name) if variant.style == Style::Struct && *name != binding => {
                quote!(#name: #binding)
            }
            _ => quote!(#binding),
        }
    });
    match variant.style {
        Style::Unit => quote!(Self::#ident),
        Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
        Style::Struct => quote!(Self::#ident { #(#bindings),* }),
    }
}

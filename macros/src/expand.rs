//! Code generation: the shared pieces (the static rows, the row index, patterns) and the
//! `ApiError` and `CodeTable` impls. The other traits live in `display`, `convert` and `serde`.

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
}

impl<'a> Gen<'a> {
    fn new(input: &'a Input<'a>) -> Self {
        let krate = input
            .attrs
            .krate
            .as_ref()
            .map_or_else(|| quote!(::apicode), |path| quote!(#path));
        let private = quote!(#krate::__private);
        Gen {
            input,
            krate,
            private,
            rows: input.row_variants().collect(),
        }
    }

    fn expand(&self) -> TokenStream {
        let tables = self.tables();
        let row_consts = self.row_consts();
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
        quote! {
            #[allow(non_upper_case_globals, clippy::all, clippy::pedantic)]
            const _: () = {
                #tables
                #row_consts
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

    /// The index of a row variant in the static rows.
    fn row_index(&self, variant: &Variant) -> usize {
        self.rows
            .iter()
            .position(|row| core::ptr::eq(*row, variant))
            .unwrap_or(0)
    }

    /// The row of a variant, as a constant expression of type `Entry`.
    fn row_entry(&self, variant: &Variant) -> TokenStream {
        let krate = &self.krate;
        match &variant.code {
            Some((_, CodeAttr::Entry { code, message, keys })) => {
                let code = Literal::u32_unsuffixed(code.value);
                let detail = keys
                    .detail
                    .as_ref()
                    .map(|detail| detail.value.clone())
                    .or_else(|| variant.doc.clone())
                    .unwrap_or_else(|| message.value.clone());
                let status = self.status(keys.status.as_ref().map(|status| status.value));
                let message = &message.value;
                quote! {
                    #krate::Entry { code: #code, message: #message, detail: #detail, status: #status }
                }
            }
            Some((_, CodeAttr::Reuse { path })) => reused_entry(path),
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
    fn tables(&self) -> TokenStream {
        if self.rows.is_empty() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let count = self.rows.len();
        let entries = self.rows.iter().map(|variant| self.row_entry(variant));
        let ident = self.input.ident;
        let (impl_generics, ty_generics, where_clause) = self.split();
        // Every variant maps to an index below the row count (the catch-all and transparent
        // variants, never looked up, to 0), so the compiler drops the bounds check; a dense
        // enum's tag becomes the index itself.
        let arms = self.input.variants.iter().map(|variant| {
            let pattern = variant_pattern(quote!(#ident), variant);
            let index = Literal::usize_unsuffixed(if variant.is_row() {
                self.row_index(variant)
            } else {
                0
            });
            quote!(#pattern => #index,)
        });
        quote! {
            const __APICODE_ROWS: [#krate::Entry; #count] = [#(#entries),*];
            static __APICODE_ROW_TABLE: [#krate::Entry; #count] = __APICODE_ROWS;

            #[inline]
            fn __apicode_row #impl_generics (__value: &#ident #ty_generics) -> ::core::primitive::usize #where_clause {
                match __value {
                    #(#arms)*
                }
            }
        }
    }

    /// `Enum::__APICODE_ENTRY_<Variant>` for every row: what `#[code(Enum::Variant)]` in another
    /// table reads.
    fn row_consts(&self) -> TokenStream {
        if self.rows.is_empty() {
            return TokenStream::new();
        }
        let krate = &self.krate;
        let ident = self.input.ident;
        let vis = self.input.vis;
        let (impl_generics, ty_generics, where_clause) = self.split();
        let consts = self.rows.iter().enumerate().map(|(index, variant)| {
            let name = entry_const(variant.ident);
            quote! {
                #[doc(hidden)]
                #vis const #name: #krate::Entry = __APICODE_ROWS[#index];
            }
        });
        quote! {
            #[automatically_derived]
            #[allow(dead_code)]
            impl #impl_generics #ident #ty_generics #where_clause {
                #(#consts)*
            }
        }
    }

    /// A match on `self` giving `catch_all` for the catch-all, `transparent` (a method of the
    /// inner value `__inner`) for transparent variants, and `row` (an expression of the row
    /// `__row`) for the others.
    pub fn dispatch(
        &self,
        catch_all: &TokenStream,
        transparent: &TokenStream,
        row: &TokenStream,
    ) -> TokenStream {
        let mut arms = Vec::new();
        for variant in &self.input.variants {
            if variant.is_catch_all() {
                let pattern = single_field_pattern(variant, "__code");
                arms.push(quote!(#pattern => #catch_all,));
            } else if variant.is_transparent() {
                let pattern = single_field_pattern(variant, "__inner");
                arms.push(quote!(#pattern => #transparent,));
            }
        }
        if arms.is_empty() {
            return quote! {{
                let __row = &__APICODE_ROW_TABLE[__apicode_row(self)];
                #row
            }};
        }
        if !self.rows.is_empty() {
            arms.push(quote! {
                __other => {
                    let __row = &__APICODE_ROW_TABLE[__apicode_row(__other)];
                    #row
                }
            });
        }
        quote! {
            match self {
                #(#arms)*
            }
        }
    }

    fn api_error(&self) -> TokenStream {
        let krate = &self.krate;
        let ident = self.input.ident;
        let (impl_generics, ty_generics, _) = self.split();
        let where_clause = self.where_error();
        let catch_all = self.input.catch_all();
        let catch_all_name = catch_all.map(|variant| variant.ident.to_string()).unwrap_or_default();
        let catch_all_detail = catch_all
            .map(|variant| {
                variant
                    .keys()
                    .and_then(|keys| keys.detail.as_ref().map(|detail| detail.value.clone()))
                    .or_else(|| variant.doc.clone())
                    .unwrap_or_else(|| catch_all_name.clone())
            })
            .unwrap_or_default();
        let catch_all_status =
            self.status(catch_all.and_then(|variant| variant.keys()?.status.as_ref().map(|s| s.value)));
        let code = self.dispatch(
            &quote!(*__code),
            &quote!(#krate::ApiError::code(__inner)),
            &quote!(__row.code),
        );
        let message = self.dispatch(
            &quote!(#catch_all_name),
            &quote!(#krate::ApiError::message(__inner)),
            &quote!(__row.message),
        );
        let detail = self.dispatch(
            &quote!(#catch_all_detail),
            &quote!(#krate::ApiError::detail(__inner)),
            &quote!(__row.detail),
        );
        let status = self.dispatch(
            &quote!(#catch_all_status),
            &quote!(#krate::ApiError::http_status(__inner)),
            &quote!(__row.status),
        );
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

    fn code_table(&self) -> TokenStream {
        let krate = &self.krate;
        let private = &self.private;
        let ident = self.input.ident;
        let name = ident.to_string();
        let name = name.trim_start_matches("r#");
        let (impl_generics, ty_generics, where_clause) = self.split();
        let transparent: Vec<&Variant> = self
            .input
            .variants
            .iter()
            .filter(|variant| variant.is_transparent())
            .collect();
        let reused = self
            .rows
            .iter()
            .any(|variant| matches!(variant.code, Some((_, CodeAttr::Reuse { .. }))));
        let (flat, entries) = if transparent.is_empty() {
            let entries = if self.rows.is_empty() {
                quote!(&[])
            } else {
                quote!(&__APICODE_ROWS)
            };
            (TokenStream::new(), entries)
        } else {
            (self.flat_entries(), quote!(&__APICODE_ENTRIES))
        };
        let range = self.input.attrs.range.as_ref().map(|range| {
            let start = Literal::u32_unsuffixed(range.start.value);
            let end = Literal::u32_unsuffixed(range.end.value);
            quote! {
                const RANGE: ::core::option::Option<#krate::CodeRange> =
                    ::core::option::Option::Some(#krate::CodeRange { start: #start, end: #end });
            }
        });
        // Codes and messages of other tables are only known to the compiler: check them in a
        // constant, which fails the build naming the code.
        let cross_check = if transparent.is_empty() && !reused {
            TokenStream::new()
        } else {
            let own_range = self.input.attrs.range.as_ref().map_or_else(
                || quote!(::core::option::Option::None),
                |range| {
                    let start = Literal::u32_unsuffixed(range.start.value);
                    let end = Literal::u32_unsuffixed(range.end.value);
                    quote!(::core::option::Option::Some(#krate::CodeRange { start: #start, end: #end }))
                },
            );
            let nested = transparent.iter().filter_map(|variant| {
                let ty = variant.fields.first()?.ty;
                Some(quote! {
                    (<#ty as #krate::CodeTable>::NAME, <#ty as #krate::CodeTable>::RANGE)
                })
            });
            let inline = self.rows.iter().filter_map(|variant| match &variant.code {
                Some((_, CodeAttr::Entry { code, .. })) => {
                    Some(Literal::u32_unsuffixed(code.value))
                }
                _ => None,
            });
            quote! {
                const _: () = #private::check_table(
                    #name,
                    #entries,
                    &[#(#inline),*],
                    #own_range,
                    &[#(#nested),*],
                );
            }
        };
        let from_code = convert::from_code(self);
        let from_message = convert::from_message(self);
        quote! {
            #flat
            #cross_check

            #[automatically_derived]
            impl #impl_generics #krate::CodeTable for #ident #ty_generics #where_clause {
                const NAME: &'static ::core::primitive::str = #name;
                const ENTRIES: &'static [#krate::Entry] = #entries;
                #range
                #from_code
                #from_message
            }
        }
    }

    /// `ENTRIES` when transparent variants bring other tables: the rows and the inner tables'
    /// entries in declaration order, flattened by a const fn. An inner entry whose code a row
    /// reuses from the same table is listed once, in the reusing row's place.
    fn flat_entries(&self) -> TokenStream {
        let krate = &self.krate;
        let private = &self.private;
        let segments = self.input.variants.iter().filter_map(|variant| {
            if variant.is_row() {
                let index = self.row_index(variant);
                Some(quote!(#private::Segment::Row(__APICODE_ROWS[#index])))
            } else if variant.is_transparent() {
                let ty = variant.fields.first()?.ty;
                let inner = type_key(ty);
                let except = self.rows.iter().filter_map(|row| match &row.code {
                    Some((_, CodeAttr::Reuse { path })) if reused_type_key(path) == inner => {
                        let index = self.row_index(row);
                        Some(quote!(__APICODE_ROWS[#index].code))
                    }
                    _ => None,
                });
                Some(quote! {
                    #private::Segment::Table {
                        entries: <#ty as #krate::CodeTable>::ENTRIES,
                        except: &[#(#except),*],
                    }
                })
            } else {
                None
            }
        });
        quote! {
            const __APICODE_SEGMENTS: &[#private::Segment] = &[#(#segments),*];
            const __APICODE_ENTRY_COUNT: ::core::primitive::usize =
                #private::flat_len(__APICODE_SEGMENTS);
            const __APICODE_ENTRIES: [#krate::Entry; __APICODE_ENTRY_COUNT] =
                #private::flatten(__APICODE_SEGMENTS);
        }
    }
}

/// The hidden constant holding a row: `__APICODE_ENTRY_<Variant>`.
pub fn entry_const(variant: &Ident) -> Ident {
    let name = variant.to_string();
    format_ident!("__APICODE_ENTRY_{}", name.trim_start_matches("r#"), span = variant.span())
}

/// `Type::Variant` -> `Type::__APICODE_ENTRY_Variant`, spanned at the user's path so that a
/// missing variant is reported there.
fn reused_entry(path: &syn::Path) -> TokenStream {
    let mut path = path.clone();
    if let Some(last) = path.segments.last_mut() {
        last.ident = entry_const(&last.ident);
    }
    quote!(#path)
}

/// A comparable key for the table a reuse path names (the path without its last segment).
pub fn reused_type_key(path: &syn::Path) -> String {
    let mut segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| quote!(#segment).to_string())
        .collect();
    segments.pop();
    segments.join("::").replace(' ', "")
}

/// A comparable key for a transparent field's type.
pub fn type_key(ty: &syn::Type) -> String {
    quote!(#ty).to_string().replace(' ', "")
}

/// `Enum::Variant`, `Enum::Variant(..)` or `Enum::Variant { .. }`.
pub fn variant_pattern(prefix: TokenStream, variant: &Variant) -> TokenStream {
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
    match variant.fields.first().map(|field| &field.member) {
        Some(Member::Named(name)) => quote!(Self::#ident { #name: #binding }),
        _ => quote!(Self::#ident(#binding)),
    }
}

/// The binding of a field in a pattern: its own name, or `__field_N` for a tuple field.
pub fn binding(field: &Field) -> Ident {
    match &field.member {
        Member::Named(ident) => ident.clone(),
        Member::Unnamed(index) => format_ident!("__field_{}", index.index),
    }
}

/// `Self::Variant(__field_0, ..)` or `Self::Variant { a, b }`, every field bound.
pub fn binding_pattern(variant: &Variant) -> TokenStream {
    let ident = variant.ident;
    let bindings = variant.fields.iter().map(binding);
    match variant.style {
        Style::Unit => quote!(Self::#ident),
        Style::Tuple => quote!(Self::#ident(#(#bindings),*)),
        Style::Struct => quote!(Self::#ident { #(#bindings),* }),
    }
}

//! The table as the generators see it, computed once from the checked input: the runtime's
//! paths, the impl generics, the rows with their resolved message, detail and status, each
//! variant's row index and the perfect hash of the inline codes. Generators read it and never
//! look at an attribute again.

use std::collections::HashMap;

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::Ident;

use crate::ast::{Input, Style, Variant};
use crate::attr::CodeAttr;
use crate::code_type::CodeType;
use crate::{bitmap, phf};

/// The model of one derived table.
pub struct Model<'a> {
    pub input: &'a Input<'a>,
    /// `::apicode`, or the path given with `crate = "..."`.
    pub krate: TokenStream,
    /// `#krate::__private`.
    pub private: TokenStream,
    /// The table's code type, `#[api_error(code = ...)]`.
    pub code_type: CodeType,
    /// The code type as a path: `::core::primitive::u32`.
    pub code_ty: TokenStream,
    /// The runtime's compile-time composition for the code type: `#private::compose::u32`.
    pub compose: TokenStream,
    /// The enum's name as written in strings (`Type` for `r#Type`).
    pub name: String,
    /// `split_for_impl`'s pieces, as tokens.
    pub impl_generics: TokenStream,
    pub ty_generics: TokenStream,
    pub where_clause: TokenStream,
    /// The where clause with `Self: Error` for generic enums, whose Error impl may carry bounds.
    pub where_error: TokenStream,
    /// The table's own rows (inline codes and reused entries), in declaration order: the order
    /// of the static rows and of `ENTRIES`.
    pub rows: Vec<Row<'a>>,
    /// The row after the table's own rows that the catch-all and transparent variants map to,
    /// when the enum has such a variant.
    pub extra_row: Option<ExtraRow>,
    /// How `__apicode_lookup` finds an inline code's row, when the table is large enough for
    /// one: a bitmap for clustered codes, else a perfect hash.
    pub code_lookup: Option<CodeLookup>,
    /// The perfect hash of the inline messages, likewise.
    pub message_phf: Option<phf::Table>,
    /// Whether every variant is an inline unit row or the catch-all, with hashed codes:
    /// `From<u32>` then maps a row straight to its variant, and the lookups go through it.
    pub direct: bool,
    /// Whether a block can `use Enum::*` and name the variants alone, as large tables' `match`
    /// arms do to be a third shorter: not when a variant has the enum's name, which the import
    /// itself would make ambiguous.
    glob: bool,
    /// Each row variant's index in `rows`, by name (large tables ask often).
    row_of: HashMap<&'a Ident, usize>,
    /// The gRPC codes that differ from the runtime's default (the mapping of the HTTP status),
    /// when the table gives any or has a transparent variant to delegate to.
    pub grpc: Option<Grpc<'a>>,
    /// `#[api_error(domain = "...")]`.
    pub domain: Option<&'a str>,
    /// Where a table without generics says it is meant for gRPC (its `domain` key, else its
    /// first `grpc` key): every message of its `ENTRIES` must then have a reason form, checked
    /// at compile time and reported there.
    pub reasons_checked_at: Option<Span>,
}

/// `ApiError::grpc_code` as the table overrides it.
pub struct Grpc<'a> {
    /// Each variant with its own `grpc = "..."`, and the `GrpcCode` variant it names.
    pub keyed: Vec<(&'a Variant<'a>, &'static str)>,
    /// The enum's `grpc = "..."`, for the variants without one; else the HTTP mapping.
    pub default: Option<&'static str>,
}

/// The lookup of inline codes.
pub enum CodeLookup {
    Bitmap(bitmap::Table),
    Hash(phf::Table),
}

/// One of the table's own rows.
pub struct Row<'a> {
    pub variant: &'a Variant<'a>,
    pub source: RowSource<'a>,
}

/// Where a row's entry comes from.
pub enum RowSource<'a> {
    /// `#[code(104202, "InvalidSignatureTimestamp", ...)]`, with the detail and status resolved
    /// (the `detail` key, else the doc comment, else the message; the `status` key, else the
    /// enum's, else 500).
    Inline {
        code: i128,
        message: &'a str,
        detail: &'a str,
        status: u16,
    },
    /// `#[code(Other::Variant)]`: known only to the compiler.
    Reused { path: &'a syn::Path },
}

/// The catch-all's row: its variant's name as the message, its detail and status. Without a
/// catch-all (a table with transparent variants only) the strings are empty: the row is never
/// read for them.
pub struct ExtraRow {
    pub message: String,
    pub detail: String,
    pub status: u16,
}

/// The status of the enum's `#[api_error(status = ...)]`, else 500.
fn enum_status(input: &Input) -> u16 {
    input
        .attrs
        .status
        .as_ref()
        .map_or(500, |status| status.value)
}

impl<'a> Model<'a> {
    /// The model of a checked input.
    pub fn new(input: &'a Input<'a>) -> Self {
        let krate = input
            .attrs
            .krate
            .as_ref()
            .map_or_else(|| quote!(::apicode), |path| quote!(#path));
        let private = quote!(#krate::__private);
        let default_status = enum_status(input);
        let rows = rows(input, default_status);
        let row_of = rows
            .iter()
            .enumerate()
            .map(|(index, row)| (row.variant.ident, index))
            .collect();
        let code_type = input.attrs.code_type();
        let inline_codes: Vec<(usize, i128)> = rows
            .iter()
            .enumerate()
            .filter_map(|(index, row)| match row.source {
                RowSource::Inline { code, .. } => Some((index, code)),
                RowSource::Reused { .. } => None,
            })
            .collect();
        let inline_messages: Vec<(usize, &str)> = rows
            .iter()
            .enumerate()
            .filter_map(|(index, row)| match row.source {
                RowSource::Inline { message, .. } => Some((index, message)),
                RowSource::Reused { .. } => None,
            })
            .collect();
        let inline_keys: Vec<(usize, u32)> = inline_codes
            .iter()
            .map(|&(row, code)| (row, code_type.key(code)))
            .collect();
        let code_lookup = bitmap::Table::build(&inline_codes)
            .map(CodeLookup::Bitmap)
            .or_else(|| phf::Table::build(&inline_keys).map(CodeLookup::Hash));
        let direct = code_lookup.is_some()
            && input.catch_all().is_some()
            && input.variants.iter().all(|variant| {
                variant.is_catch_all()
                    || (variant.style == Style::Unit
                        && matches!(variant.code, Some((_, CodeAttr::Entry { .. }))))
            });
        let has_extra_row = input
            .variants
            .iter()
            .any(|variant| variant.is_catch_all() || variant.is_transparent());
        let extra_row = has_extra_row.then(|| extra_row(input, default_status));
        let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
        let code_ident = code_type.ident();
        let mut model = Model {
            input,
            krate,
            compose: quote!(#private::compose::#code_ident),
            private,
            code_type,
            code_ty: code_type.tokens(),
            name: crate::ast::unraw(input.ident),
            impl_generics: quote!(#impl_generics),
            ty_generics: quote!(#ty_generics),
            where_clause: quote!(#where_clause),
            where_error: TokenStream::new(),
            rows,
            extra_row,
            code_lookup,
            message_phf: phf::Table::build_messages(&inline_messages),
            direct,
            glob: input
                .variants
                .iter()
                .all(|variant| variant.ident != input.ident),
            row_of,
            grpc: grpc(input),
            domain: input
                .attrs
                .domain
                .as_ref()
                .map(|domain| domain.value.as_str()),
            reasons_checked_at: reasons_checked_at(input),
        };
        model.where_error = if input.generics.params.is_empty() {
            model.where_with(&[])
        } else {
            let ident = input.ident;
            let ty_generics = &model.ty_generics;
            model.where_with(&[quote!(#ident #ty_generics: ::core::error::Error)])
        };
        model
    }

    /// `<Inner as Nested<C>>`, through which a table reads the inner table of a
    /// `#[code(transparent)]` variant, spanned at the field's type: a type that is not a table
    /// of the same code type is one error, there.
    pub fn nested(&self, ty: &syn::Type) -> TokenStream {
        let private = &self.private;
        let code_ty = &self.code_ty;
        quote::quote_spanned! {syn::spanned::Spanned::span(ty)=>
            <#ty as #private::Nested<#code_ty>>
        }
    }

    /// `use Enum::*;`, for a block that names variants with `variant_path`; nothing when the
    /// variants cannot be named alone.
    pub fn use_variants(&self) -> TokenStream {
        let ident = self.input.ident;
        if self.glob {
            quote!(use #ident::*;)
        } else {
            TokenStream::new()
        }
    }

    /// A variant's path in a block that starts with `use_variants`: its name, or
    /// `Enum::Variant`.
    pub fn variant_path(&self, variant: &Variant) -> TokenStream {
        let ident = variant.ident;
        if self.glob {
            quote!(#ident)
        } else {
            let enum_ident = self.input.ident;
            quote!(#enum_ident::#ident)
        }
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

    /// The index of a variant in the row table: its row, or for the catch-all and transparent
    /// variants the extra row after the table's own rows.
    pub fn row_index(&self, variant: &Variant) -> usize {
        self.row_of
            .get(variant.ident)
            .copied()
            .unwrap_or(self.rows.len())
    }
}

/// The table's gRPC overrides, or `None` when the runtime's default gives every code.
fn grpc<'a>(input: &'a Input<'a>) -> Option<Grpc<'a>> {
    let keyed: Vec<(&Variant, &'static str)> = input
        .variants
        .iter()
        .filter_map(|variant| {
            let name = variant.keys()?.grpc.as_ref()?;
            Some((variant, name.value.variant))
        })
        .collect();
    let default = input.attrs.grpc.as_ref().map(|name| name.value.variant);
    let transparent = input.variants.iter().any(Variant::is_transparent);
    (transparent || default.is_some() || !keyed.is_empty()).then_some(Grpc { keyed, default })
}

/// The key that makes a table without generics require a reason form of every message.
fn reasons_checked_at(input: &Input) -> Option<Span> {
    if !input.generics.params.is_empty() {
        return None;
    }
    let attrs = &input.attrs;
    attrs
        .domain
        .as_ref()
        .map(|domain| domain.span)
        .or_else(|| attrs.grpc.as_ref().map(|grpc| grpc.span))
        .or_else(|| {
            input
                .variants
                .iter()
                .find_map(|variant| Some(variant.keys()?.grpc.as_ref()?.span))
        })
}

/// The table's own rows, with each inline row's detail and status resolved.
fn rows<'a>(input: &'a Input<'a>, default_status: u16) -> Vec<Row<'a>> {
    input
        .row_variants()
        .filter_map(|variant| {
            let source = match &variant.code {
                Some((
                    _,
                    CodeAttr::Entry {
                        code,
                        message,
                        keys,
                    },
                )) => RowSource::Inline {
                    code: code.value,
                    message: &message.value,
                    detail: keys
                        .detail
                        .as_ref()
                        .map(|detail| detail.value.as_str())
                        .or(variant.doc.as_deref())
                        .unwrap_or(&message.value),
                    status: keys
                        .status
                        .as_ref()
                        .map_or(default_status, |status| status.value),
                },
                Some((_, CodeAttr::Reuse { path })) => RowSource::Reused { path },
                _ => return None,
            };
            Some(Row { variant, source })
        })
        .collect()
}

fn extra_row(input: &Input, default_status: u16) -> ExtraRow {
    let Some(catch_all) = input.catch_all() else {
        return ExtraRow {
            message: String::new(),
            detail: String::new(),
            status: default_status,
        };
    };
    let name = crate::ast::unraw(catch_all.ident);
    let keys = catch_all.keys();
    let detail = keys
        .and_then(|keys| keys.detail.as_ref().map(|detail| detail.value.clone()))
        .or_else(|| catch_all.doc.clone())
        .unwrap_or_else(|| name.clone());
    let status = keys
        .and_then(|keys| keys.status.as_ref().map(|status| status.value))
        .unwrap_or(default_status);
    ExtraRow {
        message: name,
        detail,
        status,
    }
}

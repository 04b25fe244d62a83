//! The derive's input as typed values: the enum, its variants and fields, with their parsed
//! attributes.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Member, Type};

use crate::attr::{self, CodeAttr, EnumAttrs, ErrorAttr, FieldAttrs, Keys};
use crate::code_type::CodeType;
use crate::ctxt::Ctxt;

/// The enum.
pub struct Input<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: EnumAttrs,
    pub variants: Vec<Variant<'a>>,
}

/// How a variant's fields are written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Unit,
    Tuple,
    Struct,
}

/// A variant.
pub struct Variant<'a> {
    pub original: &'a syn::Variant,
    pub ident: &'a Ident,
    pub style: Style,
    pub fields: Vec<Field<'a>>,
    /// `#[code(...)]` with the span of the attribute's name; `None` is a mistake reported by
    /// `valid`.
    pub code: Option<(Span, CodeAttr)>,
    pub error: Option<ErrorAttr>,
    pub doc: Option<String>,
}

/// A field of a variant.
pub struct Field<'a> {
    pub member: Member,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
}

/// The input read from syn, with every mistake found in its attributes: the first stage.
pub struct Parsed<'a> {
    /// The mistakes, so far.
    pub cx: Ctxt,
    /// The name of the type the derive is on.
    pub ident: &'a Ident,
    /// The enum; `None` (with an error recorded) when the input is not an enum.
    pub input: Option<Input<'a>>,
}

impl<'a> Input<'a> {
    /// Reads the input and its attributes, collecting every mistake.
    pub fn parse(input: &'a DeriveInput) -> Parsed<'a> {
        let mut cx = Ctxt::default();
        let parsed = Self::from_syn(&mut cx, input);
        Parsed {
            cx,
            ident: &input.ident,
            input: parsed,
        }
    }

    fn from_syn(cx: &mut Ctxt, input: &'a DeriveInput) -> Option<Self> {
        let data = match &input.data {
            Data::Enum(data) => data,
            Data::Struct(data) => {
                cx.error_spanned(
                    data.struct_token,
                    "#[derive(ApiError)] works on enums only: each variant is one code of the table",
                );
                return None;
            }
            Data::Union(data) => {
                cx.error_spanned(
                    data.union_token,
                    "#[derive(ApiError)] works on enums only: each variant is one code of the table",
                );
                return None;
            }
        };
        let attrs = attr::enum_attrs(cx, &input.attrs);
        let thiserror = attrs.thiserror;
        let code_type = attrs.checked_code_type();
        let variants = data
            .variants
            .iter()
            .map(|variant| Variant::from_syn(cx, variant, thiserror, code_type))
            .collect();
        Some(Input {
            ident: &input.ident,
            generics: &input.generics,
            attrs,
            variants,
        })
    }

    /// The type parameters' names, to tell which field types depend on them.
    pub fn type_params(&self) -> Vec<&Ident> {
        self.generics
            .type_params()
            .map(|param| &param.ident)
            .collect()
    }

    /// The variants that hold an entry of this table's own `ENTRIES` rows (inline codes and
    /// reused entries), in declaration order: the order of the static rows.
    pub fn row_variants(&self) -> impl Iterator<Item = &Variant<'a>> {
        self.variants.iter().filter(|variant| variant.is_row())
    }

    /// The catch-all variant, if any.
    pub fn catch_all(&self) -> Option<&Variant<'a>> {
        self.variants
            .iter()
            .find(|variant| matches!(variant.code, Some((_, CodeAttr::Other { .. }))))
    }
}

impl<'a> Variant<'a> {
    fn from_syn(
        cx: &mut Ctxt,
        variant: &'a syn::Variant,
        thiserror: bool,
        code_type: Option<CodeType>,
    ) -> Self {
        let attrs = attr::variant_attrs(cx, &variant.attrs, thiserror, code_type);
        let style = match &variant.fields {
            Fields::Unit => Style::Unit,
            Fields::Unnamed(_) => Style::Tuple,
            Fields::Named(_) => Style::Struct,
        };
        let fields = variant
            .fields
            .iter()
            .enumerate()
            .map(|(index, field)| Field {
                member: field
                    .ident
                    .clone()
                    .map_or_else(|| Member::Unnamed(syn::Index::from(index)), Member::Named),
                ty: &field.ty,
                attrs: attr::field_attrs(cx, &field.attrs, thiserror),
            })
            .collect();
        Variant {
            original: variant,
            ident: &variant.ident,
            style,
            fields,
            code: attrs.code,
            error: attrs.error,
            doc: attrs.doc,
        }
    }

    /// Whether the variant is one row of the table's own entries.
    pub fn is_row(&self) -> bool {
        matches!(
            self.code,
            Some((_, CodeAttr::Entry { .. } | CodeAttr::Reuse { .. }))
        )
    }

    /// Whether the variant is `#[code(transparent)]`.
    pub fn is_transparent(&self) -> bool {
        matches!(self.code, Some((_, CodeAttr::Transparent { .. })))
    }

    /// Whether the variant is the catch-all.
    pub fn is_catch_all(&self) -> bool {
        matches!(self.code, Some((_, CodeAttr::Other { .. })))
    }

    /// The `status`/`detail` keys of an inline code or of the catch-all.
    pub fn keys(&self) -> Option<&Keys> {
        match &self.code {
            Some((_, CodeAttr::Entry { keys, .. } | CodeAttr::Other { keys, .. })) => Some(keys),
            _ => None,
        }
    }

    /// The field `Error::source` returns: `#[source]`, `#[from]`, or a field named `source`.
    pub fn source_field(&self) -> Option<&Field<'a>> {
        self.fields
            .iter()
            .find(|field| field.attrs.source.is_some() || field.attrs.from.is_some())
            .or_else(|| {
                self.fields.iter().find(
                    |field| matches!(&field.member, Member::Named(ident) if ident == "source"),
                )
            })
    }

    /// The `#[from]` field.
    pub fn field_with_from(&self) -> Option<&Field<'a>> {
        self.fields.iter().find(|field| field.attrs.from.is_some())
    }
}

/// An identifier as written in strings: `type` for `r#type`.
pub fn unraw(ident: &Ident) -> String {
    let name = ident.to_string();
    match name.strip_prefix("r#") {
        Some(bare) => bare.to_owned(),
        None => name,
    }
}

/// Whether `ty` names one of `params` anywhere in its tokens.
pub fn mentions_any(ty: &Type, params: &[&Ident]) -> bool {
    fn walk(tokens: proc_macro2::TokenStream, params: &[&Ident]) -> bool {
        tokens.into_iter().any(|token| match token {
            proc_macro2::TokenTree::Ident(ident) => params.iter().any(|param| **param == ident),
            proc_macro2::TokenTree::Group(group) => walk(group.stream(), params),
            _ => false,
        })
    }
    !params.is_empty() && walk(quote::ToTokens::to_token_stream(ty), params)
}

/// Whether `ty` is written as the primitive `name` (or a path ending in it, `core::primitive::i32`).
pub fn is_primitive(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|last| last.ident == name && last.arguments.is_none()))
}

/// Whether `ty` is written `Option<...>`.
pub fn is_option(ty: &Type) -> bool {
    matches!(ty, Type::Path(path) if path.qself.is_none()
        && path.path.segments.last().is_some_and(|last| last.ident == "Option" && !last.arguments.is_none()))
}

/// `T` of a type written `Option<T>`.
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if path.qself.is_some() || last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first() {
        Some(syn::GenericArgument::Type(inner)) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// Whether `ty` is written as a type that never implements `std::error::Error`: text
/// (`String`, `&str`), a number, `bool`, `char`, a `Vec`, a tuple, an array or a slice. Any
/// other type may be an error; the compiler judges it.
pub fn is_plainly_not_an_error(ty: &Type) -> bool {
    const PRIMITIVES: &[&str] = &[
        "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32",
        "i64", "i128", "isize", "f32", "f64",
    ];
    match ty {
        Type::Reference(reference) => is_plainly_not_an_error(&reference.elem),
        Type::Paren(paren) => is_plainly_not_an_error(&paren.elem),
        Type::Tuple(_) | Type::Array(_) | Type::Slice(_) => true,
        Type::Path(path) if path.qself.is_none() => {
            let segments = &path.path.segments;
            let Some(last) = segments.last() else {
                return false;
            };
            // `String` or `std::string::String`, not a `String` of the user's own.
            let from_std = segments.len() == 1
                || segments.first().is_some_and(|first| {
                    ["std", "alloc", "core"]
                        .iter()
                        .any(|name| first.ident == name)
                });
            let name = last.ident.to_string();
            from_std
                && match name.as_str() {
                    "String" => last.arguments.is_none(),
                    "Vec" => true,
                    _ => last.arguments.is_none() && PRIMITIVES.contains(&name.as_str()),
                }
        }
        _ => false,
    }
}

/// A type as a user writes it, for messages: `std::io::Error`, not `std :: io :: Error`.
pub fn display_type(ty: &Type) -> String {
    quote::ToTokens::to_token_stream(ty)
        .to_string()
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace(" < ", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace("& ", "&")
        .replace(" ,", ",")
}

/// A comparable key for a transparent field's type.
pub fn type_key(ty: &Type) -> String {
    quote::ToTokens::to_token_stream(ty)
        .to_string()
        .replace(' ', "")
}

/// A comparable key for the table a reuse path names (the path without its last segment), in
/// the form of `type_key`.
pub fn reused_type_key(path: &syn::Path) -> String {
    let mut segments: Vec<String> = path
        .segments
        .iter()
        .map(|segment| quote::ToTokens::to_token_stream(segment).to_string())
        .collect();
    segments.pop();
    segments.join("::").replace(' ', "")
}

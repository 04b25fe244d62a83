//! The derive's attributes, parsed into plain typed values, one module per attribute:
//! `enum_attr` reads the enum's `#[api_error(...)]` (and `wire` its `wire(...)`), `variant` a
//! variant's attributes and doc comment, `code` its `#[code(...)]`, `error` its `#[error(...)]`,
//! `field` a field's `#[from]`, `#[source]` and `#[retry_after]`, and `guidance` the `help`,
//! `retry` and `retry_after` keys that the enum and a code share. This module holds what they
//! share: the spanned value, the gRPC code name and the literals more than one attribute takes
//! (codes, statuses, gRPC codes). Every value keeps the span of its token for diagnostics.

mod code;
mod enum_attr;
mod error;
mod field;
mod guidance;
mod locales;
mod variant;
mod wire;
mod written;

use proc_macro2::Span;
use syn::parse::ParseStream;
use syn::{Attribute, LitInt, LitStr, Token};

use crate::code_type::CodeType;
use crate::symbol;

pub use code::{CodeAttr, Keys, Read};
pub use enum_attr::{EnumAttrs, Selection, enum_attrs};
pub use error::ErrorAttr;
pub use field::{FieldAttrs, field_attrs};
pub use guidance::{Guidance, Help, RetryKey};
pub use locales::Locales;
pub use variant::variant_attrs;
pub use wire::{WireAttr, WireData};
pub use written::WrittenCode;

/// A value read from a literal, with the literal's span.
#[derive(Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A gRPC code named in a `grpc = "..."` key: the variant of `apicode::grpc::GrpcCode`.
#[derive(Clone, Copy)]
pub struct GrpcName {
    pub variant: &'static str,
}

fn is(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name)
}

/// `grpc = "unauthenticated"`: one of the canonical gRPC codes, in snake case.
fn grpc_name(input: ParseStream) -> syn::Result<Spanned<GrpcName>> {
    let lit: LitStr = expect_lit(input, symbol::GRPC, "a string: grpc = \"unauthenticated\"")?;
    let name = lit.value();
    let Some((_, variant)) = symbol::GRPC_CODES.iter().find(|(known, _)| *known == name) else {
        let names: Vec<&str> = symbol::GRPC_CODES.iter().map(|(known, _)| *known).collect();
        // `InvalidArgument`, `INVALID_ARGUMENT`, `invalid-argument`: the right code, spelled
        // as tonic or the proto file spells it.
        let folded = fold_case(&name);
        let hint = symbol::GRPC_CODES
            .iter()
            .find(|(known, _)| fold_case(known) == folded)
            .map_or_else(
                || symbol::did_you_mean(&name, &names),
                |(known, _)| format!("; did you mean `{known}`?"),
            );
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "unknown gRPC code \"{name}\"; expected one of {}{hint}",
                symbol::one_of(&names),
            ),
        ));
    };
    Ok(Spanned {
        value: GrpcName { variant },
        span: lit.span(),
    })
}

/// A name in lowercase without separators.
fn fold_case(name: &str) -> String {
    name.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The next token as a literal of the expected kind, or an error saying what `key` takes.
fn expect_lit<T: syn::parse::Parse>(
    input: ParseStream,
    key: &str,
    example: &str,
) -> syn::Result<T> {
    let fork = input.fork();
    fork.parse::<T>().map_err(|_| {
        let span = input
            .cursor()
            .token_tree()
            .map_or_else(|| input.span(), |(tree, _)| tree.span());
        syn::Error::new(span, format!("`{key}` takes {example}"))
    })?;
    input.parse()
}

/// A code as written, `-`? and an integer literal, checked against the table's code type.
fn code(input: ParseStream, code_type: Option<CodeType>) -> syn::Result<Spanned<i128>> {
    WrittenCode::parse(input)?.check(code_type)
}

/// Whether the input starts with a code: an integer literal, or `-` and one.
fn peek_code(input: ParseStream) -> bool {
    input.peek(LitInt) || (input.peek(Token![-]) && input.peek2(LitInt))
}

/// An HTTP status literal in 100..=599.
fn status(lit: &LitInt) -> syn::Result<Spanned<u16>> {
    let value = lit
        .base10_parse::<u16>()
        .ok()
        .filter(|status| (100..=599).contains(status))
        .ok_or_else(|| {
            syn::Error::new(
                lit.span(),
                format!("HTTP status {} is outside 100..=599", lit.base10_digits()),
            )
        })?;
    Ok(Spanned {
        value,
        span: lit.span(),
    })
}

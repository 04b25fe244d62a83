//! A variant's attributes: its `#[code]` and `#[error]` (read by their own modules), its doc
//! comment's first paragraph, and the attributes that belong elsewhere (`#[api_error]` on the
//! enum, `#[from]` and `#[source]` on a field).

use proc_macro2::Span;
use syn::spanned::Spanned as _;
use syn::{Attribute, Expr, Lit, Meta};

use super::code::{CodeAttr, Read, parse_code};
use super::error::{ErrorAttr, parse_error};
use super::is;
use crate::code_type::CodeType;
use crate::ctxt::Ctxt;
use crate::symbol;

/// Everything the derive reads on a variant.
#[derive(Default)]
pub struct VariantAttrs {
    /// The `#[code]` attribute, with the span of its name.
    pub code: Option<(Span, CodeAttr)>,
    pub error: Option<ErrorAttr>,
    /// The doc comment's first paragraph: lines trimmed and joined by one space.
    pub doc: Option<String>,
}

/// Reads a variant's attributes, the codes as codes of `code_type` (any integer when the enum's
/// `code` key is itself a mistake, already reported).
pub fn variant_attrs(
    cx: &mut Ctxt,
    attrs: &[Attribute],
    thiserror: bool,
    code_type: Option<CodeType>,
) -> VariantAttrs {
    let mut out = VariantAttrs {
        doc: first_doc_paragraph(attrs),
        ..VariantAttrs::default()
    };
    for attr in attrs {
        if is(attr, symbol::CODE) {
            if out.code.is_some() {
                cx.error_spanned(
                    attr,
                    "duplicate #[code] attribute; a variant has exactly one",
                );
                continue;
            }
            let mut read = Read::default();
            match parse_code(attr, code_type, &mut read) {
                Ok(code) => out.code = Some((attr.path().span(), code)),
                Err(error) => {
                    cx.push(error);
                    // Remember that the variant has a #[code], so it is not also reported as
                    // missing one, and what of it was read, so that its code still counts.
                    out.code = Some((attr.path().span(), CodeAttr::Invalid(read)));
                }
            }
        } else if is(attr, symbol::API_ERROR) {
            cx.error_spanned(
                attr,
                "#[api_error(...)] belongs on the enum, not on a variant",
            );
        } else if is(attr, symbol::ERROR) && !thiserror {
            if out.error.is_some() {
                cx.error_spanned(attr, "duplicate #[error] attribute");
                continue;
            }
            match parse_error(attr) {
                Ok(error) => out.error = Some(error),
                Err(error) => cx.push(error),
            }
        } else if !thiserror && (is(attr, symbol::FROM) || is(attr, symbol::SOURCE)) {
            cx.error_spanned(
                attr,
                "#[from] and #[source] belong on a field, not on a variant",
            );
        }
    }
    out
}

/// The doc comment's first paragraph, its lines trimmed and joined by one space.
fn first_doc_paragraph(attrs: &[Attribute]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for attr in attrs {
        if !is(attr, symbol::DOC) {
            continue;
        }
        let Meta::NameValue(pair) = &attr.meta else {
            continue;
        };
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(text),
            ..
        }) = &pair.value
        else {
            continue;
        };
        // A `/** */` block arrives as one attribute holding several lines. Without escapes,
        // the text is the literal's own (unescaping is the slow part of reading a large table).
        let token = text.token().to_string();
        let text = match token
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        {
            Some(plain) if !plain.contains('\\') => plain.to_owned(),
            _ => text.value(),
        };
        let block = text.contains('\n');
        for line in text.split('\n') {
            let mut line = line.trim();
            if block {
                line = line.trim_start_matches('*').trim_start();
            }
            if line.is_empty() {
                if lines.is_empty() {
                    continue;
                }
                return Some(lines.join(" "));
            }
            lines.push(line.to_owned());
        }
    }
    (!lines.is_empty()).then(|| lines.join(" "))
}

//! A field's `#[from]`, `#[source]` and `#[retry_after]`. With `thiserror`, only a `#[from]`
//! is noted of the first two: thiserror owns them.

use proc_macro2::Span;
use syn::spanned::Spanned as _;
use syn::{Attribute, Meta};

use super::is;
use crate::ctxt::Ctxt;
use crate::symbol;

/// Everything the derive reads on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub from: Option<Span>,
    pub source: Option<Span>,
    /// `#[retry_after]`: the field holds this instance's retry delay.
    pub retry_after: Option<Span>,
}

/// Reads a field's attributes.
pub fn field_attrs(cx: &mut Ctxt, attrs: &[Attribute], thiserror: bool) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|attr| is(attr, symbol::RETRY_AFTER)) {
        if !matches!(attr.meta, Meta::Path(_)) {
            cx.error_spanned(&attr.meta, "#[retry_after] takes no arguments");
        } else if out.retry_after.is_some() {
            cx.error_spanned(attr, "duplicate #[retry_after]");
        } else {
            out.retry_after = Some(attr.path().span());
        }
    }
    if thiserror {
        // thiserror owns these attributes; only note a #[from], whose From impl thiserror makes.
        out.from = attrs
            .iter()
            .find(|attr| is(attr, symbol::FROM))
            .map(|attr| attr.path().span());
        return out;
    }
    for attr in attrs {
        let slot = if is(attr, symbol::RETRY_AFTER) {
            continue;
        } else if is(attr, symbol::FROM) {
            &mut out.from
        } else if is(attr, symbol::SOURCE) {
            &mut out.source
        } else {
            if is(attr, symbol::CODE) || is(attr, symbol::ERROR) {
                cx.error_spanned(
                    attr,
                    "this attribute belongs on the variant, not on a field",
                );
            }
            continue;
        };
        let name = if is(attr, symbol::FROM) {
            symbol::FROM
        } else {
            symbol::SOURCE
        };
        if !matches!(attr.meta, Meta::Path(_)) {
            cx.error_spanned(&attr.meta, format!("#[{name}] takes no arguments"));
        } else if slot.is_some() {
            cx.error_spanned(attr, format!("duplicate #[{name}]"));
        } else {
            *slot = Some(attr.path().span());
        }
    }
    out
}

//! thiserror's `#[error(...)]` on a variant, when the derive makes the `Display` impl itself:
//! a format string with its arguments, or `transparent`.

use proc_macro2::{Span, TokenStream};
use syn::parse::{ParseStream, Parser as _};
use syn::{Attribute, Ident, LitStr, Meta};

use crate::symbol;

/// thiserror's `#[error(...)]`.
pub enum ErrorAttr {
    /// `#[error(transparent)]`
    Transparent { span: Span },
    /// `#[error("format", args...)]`
    Format { format: LitStr, args: TokenStream },
}

pub(super) fn parse_error(attr: &Attribute) -> syn::Result<ErrorAttr> {
    let Meta::List(list) = &attr.meta else {
        return Err(syn::Error::new_spanned(
            attr,
            "expected #[error(\"...\")] or #[error(transparent)]",
        ));
    };
    (|input: ParseStream| {
        if input.peek(Ident) {
            let ident: Ident = input.parse()?;
            if ident == symbol::TRANSPARENT && input.is_empty() {
                return Ok(ErrorAttr::Transparent { span: ident.span() });
            }
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "expected a format string or `transparent`, found `{ident}`{}",
                    symbol::did_you_mean(&ident.to_string(), &[symbol::TRANSPARENT])
                ),
            ));
        }
        if !input.peek(LitStr) {
            return Err(input.error("expected a format string or `transparent`"));
        }
        let format: LitStr = input.parse()?;
        let args: TokenStream = input.parse()?;
        Ok(ErrorAttr::Format { format, args })
    })
    .parse2(list.tokens.clone())
}

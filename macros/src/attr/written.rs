//! A code as written in an attribute: an integer literal, with a `-` before it for a negative
//! code. Read before the table's code type may be known (a `range` can come before the `code`
//! key), and checked against it afterwards.

use proc_macro2::TokenStream;
use quote::ToTokens as _;
use syn::parse::ParseStream;
use syn::{LitInt, Token};

use super::Spanned;
use crate::code_type::CodeType;

/// `-`? and an integer literal, not yet checked.
pub struct WrittenCode {
    negative: bool,
    lit: LitInt,
    /// The tokens, for errors that cover the sign too.
    tokens: TokenStream,
}

impl WrittenCode {
    /// Reads `-`? and an integer literal.
    pub fn parse(input: ParseStream) -> syn::Result<WrittenCode> {
        let minus: Option<Token![-]> = input.parse()?;
        let lit: LitInt = input.parse()?;
        Ok(Self::new(minus, lit))
    }

    /// A literal token already read, with the minus sign before it if there was one.
    pub fn new(minus: Option<Token![-]>, lit: LitInt) -> WrittenCode {
        let mut tokens = TokenStream::new();
        if let Some(minus) = &minus {
            minus.to_tokens(&mut tokens);
        }
        lit.to_tokens(&mut tokens);
        WrittenCode {
            // A literal made by another macro may carry its sign itself.
            negative: minus.is_some() != lit.base10_digits().starts_with('-'),
            lit,
            tokens,
        }
    }

    /// The literal's span.
    pub fn span(&self) -> proc_macro2::Span {
        self.lit.span()
    }

    /// The code as `code_type` holds it, or the error that says why it cannot; with no code
    /// type (the enum's `code` key is a mistake, reported already), any value.
    pub fn check(&self, code_type: Option<CodeType>) -> syn::Result<Spanned<i128>> {
        let Some(code_type) = code_type else {
            let digits = self.lit.base10_digits().trim_start_matches('-');
            let value = digits.parse::<i128>().unwrap_or_default();
            return Ok(Spanned {
                value: if self.negative { -value } else { value },
                span: self.lit.span(),
            });
        };
        let name = code_type.name();
        let suffix = self.lit.suffix();
        if !suffix.is_empty() && suffix != name {
            return Err(syn::Error::new(
                self.lit.span(),
                format!("a code is a {name}; drop the `{suffix}` suffix"),
            ));
        }
        let digits = self.lit.base10_digits().trim_start_matches('-');
        let written = if self.negative {
            format!("-{digits}")
        } else {
            digits.to_owned()
        };
        if self.negative && !code_type.signed() && digits.bytes().any(|digit| digit != b'0') {
            return Err(syn::Error::new_spanned(
                &self.tokens,
                format!(
                    "code {written} is negative, but the codes of this table are {name}: declare \
                     a signed code type, #[api_error(code = i32)] (or i64, i16, i8)"
                ),
            ));
        }
        let value = written
            .parse::<i128>()
            .ok()
            .filter(|value| code_type.holds(*value));
        let Some(value) = value else {
            let bound = if self.negative {
                format!("at least {}", code_type.min())
            } else {
                format!("at most {}", code_type.max())
            };
            return Err(syn::Error::new_spanned(
                &self.tokens,
                format!("code {written} does not fit in {name} ({bound})"),
            ));
        };
        Ok(Spanned {
            value,
            span: self.lit.span(),
        })
    }
}

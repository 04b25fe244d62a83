//! A variant's `#[code(...)]`: an entry (`CODE, "Message"`), the catch-all (`other`), a
//! wrapped table (`transparent`) or a reused entry (`Type::Variant`), and the `status`,
//! `detail` and `grpc` keys an entry or the catch-all may add.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser as _};
use syn::{Attribute, Ident, Lit, LitStr, Meta, Token};

use super::guidance::Guidance;
use super::{GrpcName, Spanned, WrittenCode, code, expect_lit, grpc_name, peek_code, status};
use crate::code_type::CodeType;
use crate::{code_expr, symbol};

/// The optional `key = value` pairs of a `#[code]`.
#[derive(Default)]
pub struct Keys {
    pub status: Option<Spanned<u16>>,
    pub detail: Option<Spanned<String>>,
    pub grpc: Option<Spanned<GrpcName>>,
    /// `help`, `retry`, `retry_after`.
    pub guidance: Guidance,
}

/// What a variant's `#[code(...)]` says.
pub enum CodeAttr {
    /// `#[code(104202, "InvalidSignatureTimestamp", status = 401)]`
    Entry {
        code: Spanned<i128>,
        message: Spanned<String>,
        keys: Keys,
    },
    /// `#[code(other)]`
    Other { span: Span, keys: Keys },
    /// `#[code(transparent)]`
    Transparent { span: Span },
    /// `#[code(Type::Variant)]`
    Reuse { path: syn::Path },
    /// A `#[code]` whose mistake is already reported: it counts as present, and nothing is
    /// generated from it. What was read whole before the mistake (`Read`) is still checked
    /// against the other variants, so that a mistake in a key does not hide a duplicate code.
    Invalid(Read),
}

/// The code and the message of a `#[code(CODE, "Message", ...)]`, each once read whole and
/// checked: what is known of an entry whose attribute goes wrong further on.
#[derive(Default)]
pub struct Read {
    pub code: Option<Spanned<i128>>,
    pub message: Option<Spanned<String>>,
}

/// Reads a `#[code(...)]`; on a mistake, `read` holds what was read whole before it.
pub(super) fn parse_code(
    attr: &Attribute,
    code_type: Option<CodeType>,
    read: &mut Read,
) -> syn::Result<CodeAttr> {
    let Meta::List(list) = &attr.meta else {
        return Err(syn::Error::new_spanned(
            attr,
            "expected #[code(CODE, \"Message\")], #[code(other)], #[code(transparent)] or #[code(Type::Variant)]",
        ));
    };
    if list.tokens.is_empty() {
        return Err(syn::Error::new_spanned(
            attr,
            "empty #[code()]; expected #[code(CODE, \"Message\")], #[code(other)], #[code(transparent)] or #[code(Type::Variant)]",
        ));
    }
    (|input: ParseStream| parse_code_args(input, code_type, read)).parse2(list.tokens.clone())
}

/// Refuses what stands in a code's place without being one: a constant (`MY_CODE`,
/// `u32::MAX`) or an expression (`100_000 + 202`).
fn refuse_non_literal_code(input: ParseStream, code_type: Option<CodeType>) -> syn::Result<()> {
    // A literal alone, or after one `-` (and followed by something other than an operator,
    // such as a missing comma) is read below; anything else in the code's place is checked
    // first.
    let first: Vec<TokenTree> = first_argument(input).into_iter().collect();
    let at = usize::from(
        matches!(first.first(), Some(TokenTree::Punct(minus)) if minus.as_char() == '-'),
    );
    let literal = matches!(first.get(at), Some(TokenTree::Literal(_)))
        && !matches!(first.get(at + 1), Some(TokenTree::Punct(_)));
    if !literal {
        check_code_path(input, &first.into_iter().collect(), code_type)?;
    }
    Ok(())
}

fn parse_code_args(
    input: ParseStream,
    code_type: Option<CodeType>,
    read: &mut Read,
) -> syn::Result<CodeAttr> {
    if let Some(entry) = plain_entry(input, code_type, read) {
        return entry;
    }
    refuse_non_literal_code(input, code_type)?;
    if peek_code(input) {
        let code = code(input, code_type)?;
        read.code = Some(code.clone());
        if input.is_empty() {
            return Err(syn::Error::new(
                code.span,
                "missing message: expected #[code(CODE, \"Message\")]",
            ));
        }
        input.parse::<Token![,]>()?;
        if !input.peek(LitStr) {
            return Err(input.error(
                "expected the code's message, a string literal: #[code(CODE, \"Message\")]",
            ));
        }
        let lit: LitStr = input.parse()?;
        let text = lit.value();
        if text.is_empty() {
            return Err(syn::Error::new(lit.span(), "the message must not be empty"));
        }
        if text.bytes().all(|byte| byte.is_ascii_digit()) {
            return Err(syn::Error::new(
                lit.span(),
                "the message must not be all digits: a decimal string is read as a code",
            ));
        }
        if code_type.is_none_or(CodeType::signed) && is_negative_number(&text) {
            return Err(syn::Error::new(
                lit.span(),
                "the message must not be a negative number: in a table of signed codes, a \
                 decimal string with a `-` is read as a code",
            ));
        }
        let message = Spanned {
            value: text,
            span: lit.span(),
        };
        read.message = Some(message.clone());
        let keys = parse_keys(input)?;
        return Ok(CodeAttr::Entry {
            code,
            message,
            keys,
        });
    }
    if input.peek(Lit) {
        let lit: Lit = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            "expected an integer code: #[code(104202, \"Message\")]",
        ));
    }
    let path: syn::Path = input.parse()?;
    if let Some(ident) = path.get_ident() {
        let name = ident.to_string();
        match name.as_str() {
            symbol::OTHER => {
                let keys = parse_keys(input)?;
                return Ok(CodeAttr::Other {
                    span: ident.span(),
                    keys,
                });
            }
            symbol::TRANSPARENT => {
                if !input.is_empty() {
                    return Err(after_comma(
                        input,
                        "#[code(transparent)] takes nothing more: the inner table gives the code, message, detail, status and gRPC code",
                    ));
                }
                return Ok(CodeAttr::Transparent { span: ident.span() });
            }
            _ => {
                return Err(syn::Error::new(
                    ident.span(),
                    format!(
                        "expected a code, `other`, `transparent` or `Type::Variant`, found `{name}`{}",
                        symbol::did_you_mean(&name, &[symbol::OTHER, symbol::TRANSPARENT])
                    ),
                ));
            }
        }
    }
    if path.segments.len() < 2 {
        // `::Variant`: a path, but not one that names a table and its variant.
        return Err(syn::Error::new_spanned(
            &path,
            "expected a code, `other`, `transparent` or `Type::Variant`",
        ));
    }
    if !input.is_empty() {
        return Err(after_comma(
            input,
            "a reused entry keeps the other table's message, status and detail; write #[code(Type::Variant)] alone",
        ));
    }
    Ok(CodeAttr::Reuse { path })
}

/// `CODE, "Message"` (and any keys), read straight from the tokens when both are plain: the
/// form nearly every row has. syn's literal parser, behind each `peek` and `parse` of the
/// general path, unescapes the message several times over, which dominates expanding a large
/// table. `None` (nothing consumed) for anything else, which the general path reads and
/// reports on.
fn plain_entry(
    input: ParseStream,
    code_type: Option<CodeType>,
    read: &mut Read,
) -> Option<syn::Result<CodeAttr>> {
    let cursor = input.cursor();
    let (code_token, rest) = cursor.literal()?;
    let (comma, rest) = rest.punct()?;
    let (message_token, _) = rest.literal()?;
    let code_text = code_token.to_string();
    if !code_text.starts_with(|first: char| first.is_ascii_digit()) || comma.as_char() != ',' {
        return None;
    }
    let message_text = message_token.to_string();
    let inner = message_text.strip_prefix('"')?.strip_suffix('"')?;
    // Escapes, and messages the general path refuses, go the general way.
    if inner.is_empty()
        || inner.contains('\\')
        || inner.bytes().all(|byte| byte.is_ascii_digit())
        || is_negative_number(inner)
    {
        return None;
    }
    let message = Spanned {
        value: inner.to_owned(),
        span: message_token.span(),
    };
    let Lit::Int(code_lit) = Lit::new(code_token) else {
        return None;
    };
    let code = match WrittenCode::new(None, code_lit).check(code_type) {
        Ok(code) => code,
        Err(error) => return Some(Err(error)),
    };
    read.code = Some(code.clone());
    read.message = Some(message.clone());
    // Past the three tokens read: the code, the comma and the message.
    let advanced = input.step(|cursor| {
        let mut rest = *cursor;
        for _ in 0..3 {
            if let Some((_, next)) = rest.token_tree() {
                rest = next;
            }
        }
        Ok(((), rest))
    });
    Some(advanced.and_then(|()| {
        Ok(CodeAttr::Entry {
            code,
            message,
            keys: parse_keys(input)?,
        })
    }))
}

/// `-` and digits: what a table of signed codes reads as a code.
fn is_negative_number(text: &str) -> bool {
    text.strip_prefix('-').is_some_and(|digits| {
        !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())
    })
}

/// The tokens of the first argument of a `#[code(...)]`: up to its first top-level comma.
fn first_argument(input: ParseStream) -> TokenStream {
    let mut tokens = TokenStream::new();
    let mut cursor = input.cursor();
    while let Some((tree, next)) = cursor.token_tree() {
        if matches!(&tree, TokenTree::Punct(punct) if punct.as_char() == ',') {
            break;
        }
        tokens.extend([tree]);
        cursor = next;
    }
    tokens
}

/// Refuses a first argument that is meant as a code but is not a literal: a constant
/// (`MY_CODE`, `u32::MAX`) or an expression (`100_000 + 202`). A path followed by a message is
/// always such a code, never a reused entry. Lets `other`, `transparent`, `Type::Variant` and
/// anything else that is not a code through to the parser.
fn check_code_path(
    input: ParseStream,
    first: &TokenStream,
    code_type: Option<CodeType>,
) -> syn::Result<()> {
    if first.is_empty() {
        // `#[code(, ...)]`: the parser's own error says what is missing.
        return Ok(());
    }
    let after = input.fork();
    let Ok(path) = after.parse::<syn::Path>() else {
        // Not a path at all: an expression (or a stray token) in the code's place.
        return Err(code_expr::not_a_literal(
            first,
            code_type.unwrap_or_default(),
        ));
    };
    if !after.is_empty() && !after.peek(Token![,]) {
        // A path that goes on (`MY_CODE + 1`, `u32::MAX - 1`): an expression.
        return Err(code_expr::not_a_literal(
            first,
            code_type.unwrap_or_default(),
        ));
    }
    let followed_by_message = after.peek(Token![,]) && after.peek2(LitStr);
    let name = path.get_ident().map(ToString::to_string);
    let keyword = matches!(name.as_deref(), Some(symbol::OTHER | symbol::TRANSPARENT));
    let constant = code_expr::is_primitive_constant(&path)
        || name.as_deref().is_some_and(code_expr::is_constant_name);
    if !keyword && (followed_by_message || constant) {
        return Err(code_expr::not_a_literal(
            first,
            code_type.unwrap_or_default(),
        ));
    }
    Ok(())
}

/// An error at the token after a leading comma (the first unexpected item), not at the comma.
fn after_comma(input: ParseStream, message: &str) -> syn::Error {
    let _ = input.parse::<Token![,]>();
    let rest: TokenStream = input.parse().unwrap_or_default();
    if rest.is_empty() {
        input.error(message)
    } else {
        syn::Error::new_spanned(rest, message)
    }
}

fn parse_keys(input: ParseStream) -> syn::Result<Keys> {
    let mut keys = Keys::default();
    while !input.is_empty() {
        input.parse::<Token![,]>()?;
        if input.is_empty() {
            break;
        }
        if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "unexpected string: a #[code] has one message (the catch-all's is its variant's name); the keys are {}",
                    symbol::one_of(symbol::CODE_KEYS)
                ),
            ));
        }
        let key: Ident = input.parse().map_err(|_| {
            input.error(format!(
                "expected a key: {}",
                symbol::one_of(symbol::CODE_KEYS)
            ))
        })?;
        let name = key.to_string();
        let duplicate = match name.as_str() {
            symbol::STATUS => keys.status.is_some(),
            symbol::DETAIL => keys.detail.is_some(),
            symbol::GRPC => keys.grpc.is_some(),
            symbol::HELP => keys.guidance.help.is_some(),
            symbol::RETRY | symbol::RETRY_AFTER => {
                if keys.guidance.retry.is_some() {
                    return Err(syn::Error::new(
                        key.span(),
                        "a code has one retry policy: `retry = true`, `retry = false` or `retry_after = SECONDS`",
                    ));
                }
                false
            }
            _ => {
                return Err(syn::Error::new(
                    key.span(),
                    format!(
                        "unknown key `{name}` in #[code]; expected {}{}",
                        symbol::one_of(symbol::CODE_KEYS),
                        symbol::did_you_mean(&name, symbol::CODE_KEYS)
                    ),
                ));
            }
        };
        if duplicate {
            return Err(syn::Error::new(
                key.span(),
                format!("duplicate key `{name}` in #[code]"),
            ));
        }
        if !input.peek(Token![=]) {
            return Err(syn::Error::new(
                key.span(),
                format!("expected `{name} = ...`"),
            ));
        }
        input.parse::<Token![=]>()?;
        if name == symbol::STATUS {
            keys.status = Some(status(&expect_lit(
                input,
                symbol::STATUS,
                "an integer: status = 429",
            )?)?);
        } else if name == symbol::GRPC {
            keys.grpc = Some(grpc_name(input)?);
        } else if name != symbol::DETAIL {
            keys.guidance.parse_value(&name, input, true)?;
        } else {
            let lit: LitStr = expect_lit(input, symbol::DETAIL, "a string: detail = \"...\"")?;
            if lit.value().trim().is_empty() {
                return Err(syn::Error::new(lit.span(), "the detail must not be empty"));
            }
            keys.detail = Some(Spanned {
                value: lit.value(),
                span: lit.span(),
            });
        }
    }
    Ok(keys)
}

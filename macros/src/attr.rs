//! `#[api_error]`, `#[code]`, `#[error]`, `#[from]`, `#[source]` and doc comments, parsed into
//! plain typed values. Every value keeps the span of its token for diagnostics.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser as _};
use syn::spanned::Spanned as _;
use syn::{Attribute, Expr, Ident, Lit, LitInt, LitStr, Meta, Token};

use crate::ctxt::Ctxt;
use crate::{code_expr, symbol};

/// A value read from a literal, with the literal's span.
#[derive(Clone)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// The enum's `#[api_error(...)]`.
#[derive(Default)]
pub struct EnumAttrs {
    pub status: Option<Spanned<u16>>,
    pub serde_string: bool,
    pub thiserror: bool,
    pub krate: Option<syn::Path>,
    pub range: Option<Range>,
    /// `grpc = "..."`: the gRPC code of variants that give none.
    pub grpc: Option<Spanned<GrpcName>>,
    /// `domain = "..."`: the `google.rpc.ErrorInfo` domain.
    pub domain: Option<Spanned<String>>,
}

/// A gRPC code named in a `grpc = "..."` key: the variant of `apicode::grpc::GrpcCode`.
#[derive(Clone, Copy)]
pub struct GrpcName {
    pub variant: &'static str,
}

/// `range = START..=END`.
pub struct Range {
    pub start: Spanned<u32>,
    pub end: Spanned<u32>,
}

/// The optional `key = value` pairs of a `#[code]`.
#[derive(Default)]
pub struct Keys {
    pub status: Option<Spanned<u16>>,
    pub detail: Option<Spanned<String>>,
    pub grpc: Option<Spanned<GrpcName>>,
}

/// What a variant's `#[code(...)]` says.
pub enum CodeAttr {
    /// `#[code(104202, "InvalidSignatureTimestamp", status = 401)]`
    Entry {
        code: Spanned<u32>,
        message: Spanned<String>,
        keys: Keys,
    },
    /// `#[code(other)]`
    Other { span: Span, keys: Keys },
    /// `#[code(transparent)]`
    Transparent { span: Span },
    /// `#[code(Type::Variant)]`
    Reuse { path: syn::Path },
    /// A `#[code]` whose mistake is already reported: it counts as present, and nothing more
    /// is checked or generated from it.
    Invalid,
}

/// thiserror's `#[error(...)]`.
pub enum ErrorAttr {
    /// `#[error(transparent)]`
    Transparent { span: Span },
    /// `#[error("format", args...)]`
    Format { format: LitStr, args: TokenStream },
}

/// Everything the derive reads on a variant.
#[derive(Default)]
pub struct VariantAttrs {
    /// The `#[code]` attribute, with the span of its name.
    pub code: Option<(Span, CodeAttr)>,
    pub error: Option<ErrorAttr>,
    /// The doc comment's first paragraph: lines trimmed and joined by one space.
    pub doc: Option<String>,
}

/// Everything the derive reads on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub from: Option<Span>,
    pub source: Option<Span>,
}

fn is(attr: &Attribute, name: &str) -> bool {
    attr.path().is_ident(name)
}

/// Reads the enum's attributes. `#[code]` here is a mistake: it belongs on each variant.
pub fn enum_attrs(cx: &mut Ctxt, attrs: &[Attribute]) -> EnumAttrs {
    let mut out = EnumAttrs::default();
    let mut seen_api_error = false;
    for attr in attrs {
        if is(attr, symbol::CODE) {
            cx.error_spanned(
                attr,
                "#[code(...)] belongs on each variant; on the enum, use #[api_error(...)]",
            );
        } else if is(attr, symbol::API_ERROR) {
            if seen_api_error {
                cx.error_spanned(
                    attr,
                    "duplicate #[api_error] attribute; put every key in one #[api_error(...)]",
                );
                continue;
            }
            seen_api_error = true;
            parse_api_error(cx, attr, &mut out);
        }
    }
    out
}

fn parse_api_error(cx: &mut Ctxt, attr: &Attribute, out: &mut EnumAttrs) {
    let mut seen: Vec<String> = Vec::new();
    let result = attr.parse_nested_meta(|meta| {
        let key = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if seen.contains(&key) {
            return Err(meta.error(format!("duplicate key `{key}` in #[api_error]")));
        }
        match key.as_str() {
            symbol::STATUS => {
                out.status = Some(status(&expect_lit(
                    meta.value()?,
                    symbol::STATUS,
                    "an integer: status = 429",
                )?)?);
            }
            symbol::SERDE => out.serde_string = serde_mode(meta.value()?)?,
            symbol::THISERROR => {
                if meta.input.peek(Token![=]) || meta.input.peek(syn::token::Paren) {
                    return Err(meta.error("`thiserror` is a switch and takes no value"));
                }
                out.thiserror = true;
            }
            symbol::CRATE => out.krate = Some(crate_path(meta.value()?)?),
            symbol::RANGE => out.range = Some(range(meta.value()?)?),
            symbol::GRPC => out.grpc = Some(grpc_name(meta.value()?)?),
            symbol::DOMAIN => out.domain = Some(domain(meta.value()?)?),
            _ => {
                let shown = meta.path.get_ident().map_or_else(
                    || quote::ToTokens::to_token_stream(&meta.path).to_string(),
                    ToString::to_string,
                );
                return Err(meta.error(format!(
                    "unknown key `{shown}` in #[api_error]; expected {}{}",
                    symbol::one_of(symbol::ENUM_KEYS),
                    symbol::did_you_mean(&shown, symbol::ENUM_KEYS)
                )));
            }
        }
        seen.push(key);
        Ok(())
    });
    if let Err(error) = result {
        cx.push(error);
    }
}

/// `serde = "number" | "string"`: whether the code is serialized as a string.
fn serde_mode(input: ParseStream) -> syn::Result<bool> {
    let mode: LitStr = expect_lit(input, symbol::SERDE, "a string: serde = \"string\"")?;
    match mode.value().as_str() {
        "number" => Ok(false),
        "string" => Ok(true),
        other => Err(syn::Error::new(
            mode.span(),
            format!(
                "unknown serde mode \"{other}\"; expected {}",
                symbol::one_of(symbol::SERDE_MODES)
            ),
        )),
    }
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

/// `domain = "sms.example.com"`: not empty, no surrounding spaces.
fn domain(input: ParseStream) -> syn::Result<Spanned<String>> {
    let lit: LitStr = expect_lit(
        input,
        symbol::DOMAIN,
        "a string: domain = \"sms.example.com\"",
    )?;
    let value = lit.value();
    if value.trim().is_empty() || value.trim() != value {
        return Err(syn::Error::new(
            lit.span(),
            "the domain must not be empty or start or end with a space",
        ));
    }
    Ok(Spanned {
        value,
        span: lit.span(),
    })
}

/// `crate = "::path"`, a plain path without generic arguments.
fn crate_path(input: ParseStream) -> syn::Result<syn::Path> {
    let path: LitStr = expect_lit(input, symbol::CRATE, "a string: crate = \"::apicode\"")?;
    path.parse::<syn::Path>()
        .ok()
        .filter(|parsed| {
            parsed
                .segments
                .iter()
                .all(|segment| segment.arguments.is_none())
        })
        .ok_or_else(|| syn::Error::new(path.span(), "expected a path such as \"::apicode\""))
}

/// `range = START..=END`, not empty.
fn range(input: ParseStream) -> syn::Result<Range> {
    const EXAMPLE: &str = "an inclusive range: range = 104000..=107999";
    let start_lit: LitInt = expect_lit(input, symbol::RANGE, EXAMPLE)?;
    let start = code(&start_lit)?;
    if !input.peek(Token![..=]) {
        return Err(syn::Error::new(
            start_lit.span(),
            format!("`range` takes {EXAMPLE}"),
        ));
    }
    input.parse::<Token![..=]>()?;
    let end = code(&expect_lit(input, symbol::RANGE, EXAMPLE)?)?;
    if end.value < start.value {
        return Err(syn::Error::new(
            end.span,
            format!(
                "empty range: {} is below its start {}",
                end.value, start.value
            ),
        ));
    }
    Ok(Range { start, end })
}

/// Reads a variant's attributes.
pub fn variant_attrs(cx: &mut Ctxt, attrs: &[Attribute], thiserror: bool) -> VariantAttrs {
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
            match parse_code(attr) {
                Ok(code) => out.code = Some((attr.path().span(), code)),
                Err(error) => {
                    cx.push(error);
                    // Remember that the variant has a #[code], so it is not also reported as
                    // missing one.
                    out.code = Some((attr.path().span(), CodeAttr::Invalid));
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

/// Reads a field's attributes.
pub fn field_attrs(cx: &mut Ctxt, attrs: &[Attribute], thiserror: bool) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    if thiserror {
        // thiserror owns these attributes; only note a #[from], whose From impl thiserror makes.
        out.from = attrs
            .iter()
            .find(|attr| is(attr, symbol::FROM))
            .map(|attr| attr.path().span());
        return out;
    }
    for attr in attrs {
        let slot = if is(attr, symbol::FROM) {
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

fn parse_code(attr: &Attribute) -> syn::Result<CodeAttr> {
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
    (|input: ParseStream| parse_code_args(input)).parse2(list.tokens.clone())
}

/// Refuses what stands in a code's place without being one: a negative number, a constant
/// (`MY_CODE`, `u32::MAX`) or an expression (`100_000 + 202`).
fn refuse_non_literal_code(input: ParseStream) -> syn::Result<()> {
    let negative = input.peek(Token![-])
        || (input.peek(LitInt)
            && input
                .fork()
                .parse::<LitInt>()?
                .base10_digits()
                .starts_with('-'));
    if negative {
        let rest: TokenStream = input.parse()?;
        let first = rest.clone().into_iter().take(2).collect::<TokenStream>();
        return Err(syn::Error::new_spanned(
            first,
            "a code is an unsigned integer that fits in u32",
        ));
    }
    // A literal alone (or followed by something other than an operator, such as a missing
    // comma) is read below; anything else in the code's place is checked first.
    let first: Vec<TokenTree> = first_argument(input).into_iter().collect();
    let literal = matches!(first.first(), Some(TokenTree::Literal(_)))
        && !matches!(first.get(1), Some(TokenTree::Punct(_)));
    if !literal {
        check_code_path(input, &first.into_iter().collect())?;
    }
    Ok(())
}

fn parse_code_args(input: ParseStream) -> syn::Result<CodeAttr> {
    if let Some(entry) = plain_entry(input) {
        return entry;
    }
    refuse_non_literal_code(input)?;
    if input.peek(LitInt) {
        let code = code(&input.parse()?)?;
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
        let message = Spanned {
            value: text,
            span: lit.span(),
        };
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
fn plain_entry(input: ParseStream) -> Option<syn::Result<CodeAttr>> {
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
    if inner.is_empty() || inner.contains('\\') || inner.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let message = Spanned {
        value: inner.to_owned(),
        span: message_token.span(),
    };
    let Lit::Int(code_lit) = Lit::new(code_token) else {
        return None;
    };
    let code = match code(&code_lit) {
        Ok(code) => code,
        Err(error) => return Some(Err(error)),
    };
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
fn check_code_path(input: ParseStream, first: &TokenStream) -> syn::Result<()> {
    if first.is_empty() {
        // `#[code(, ...)]`: the parser's own error says what is missing.
        return Ok(());
    }
    let after = input.fork();
    let Ok(path) = after.parse::<syn::Path>() else {
        // Not a path at all: an expression (or a stray token) in the code's place.
        return Err(code_expr::not_a_literal(first));
    };
    if !after.is_empty() && !after.peek(Token![,]) {
        // A path that goes on (`MY_CODE + 1`, `u32::MAX - 1`): an expression.
        return Err(code_expr::not_a_literal(first));
    }
    let followed_by_message = after.peek(Token![,]) && after.peek2(LitStr);
    let name = path.get_ident().map(ToString::to_string);
    let keyword = matches!(name.as_deref(), Some(symbol::OTHER | symbol::TRANSPARENT));
    let constant = code_expr::is_primitive_constant(&path)
        || name.as_deref().is_some_and(code_expr::is_constant_name);
    if !keyword && (followed_by_message || constant) {
        return Err(code_expr::not_a_literal(first));
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

/// An integer literal that fits u32, with no suffix but `u32`.
fn code(lit: &LitInt) -> syn::Result<Spanned<u32>> {
    if !matches!(lit.suffix(), "" | "u32") {
        return Err(syn::Error::new(
            lit.span(),
            format!("a code is a u32; drop the `{}` suffix", lit.suffix()),
        ));
    }
    let value = lit.base10_parse::<u32>().map_err(|_| {
        syn::Error::new(
            lit.span(),
            format!(
                "code {} does not fit in u32 (at most {})",
                lit.base10_digits(),
                u32::MAX
            ),
        )
    })?;
    Ok(Spanned {
        value,
        span: lit.span(),
    })
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

fn parse_error(attr: &Attribute) -> syn::Result<ErrorAttr> {
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

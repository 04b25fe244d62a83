//! The enum's `#[api_error(...)]`: its status, serde mode, thiserror switch, crate path, code
//! type and range, default gRPC code, `ErrorInfo` domain and wire format (read in `wire`). A `#[code]` on the enum is refused
//! here.

use syn::parse::ParseStream;
use syn::spanned::Spanned as _;
use syn::{Attribute, LitStr, Token};

use super::Locales;
use super::guidance::Guidance;
use super::{GrpcName, Spanned, WireAttr, WrittenCode, expect_lit, grpc_name, is, status};
use crate::code_type::CodeType;
use crate::ctxt::Ctxt;
use crate::symbol;

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
    /// `code = i32`: the type of the table's codes.
    pub code_type: Option<Spanned<CodeType>>,
    /// Whether the `code` key is a mistake, reported here: the codes are then not checked
    /// against a type.
    pub code_type_invalid: bool,
    /// `skip(...)` or `integrations(...)`: which integrations the enum gets.
    pub integrations: Option<Selection>,
    /// `wire(...)`: how the errors travel over HTTP.
    pub wire: Option<WireAttr>,
    /// `wire(success = ...)` checked against the code type.
    pub wire_success: Option<Spanned<i128>>,
    /// `help = "..."`, `retry = ...` or `retry_after = ...`: the defaults of the table's codes.
    pub guidance: Guidance,
    /// `locales(...)`, `locale_dir` and `language`: the table's translations.
    pub locales: Locales,
}

/// The integrations an enum selects, each name with its span.
pub enum Selection {
    /// `skip(axum, ...)`: every integration the runtime was built with, but these.
    Skip(Vec<Spanned<&'static str>>),
    /// `integrations(axum, ...)`: these only, each requiring its runtime feature.
    Only(Vec<Spanned<&'static str>>),
}

impl EnumAttrs {
    /// The table's code type: the `code` key's, else `u32`.
    pub fn code_type(&self) -> CodeType {
        self.code_type
            .as_ref()
            .map_or(CodeType::default(), |code_type| code_type.value)
    }

    /// The code type that codes are checked against: none when the `code` key is a mistake.
    pub fn checked_code_type(&self) -> Option<CodeType> {
        (!self.code_type_invalid).then(|| self.code_type())
    }
}

/// `range = START..=END`.
pub struct Range {
    pub start: Spanned<i128>,
    pub end: Spanned<i128>,
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
    // Checked once the code type is known, which a later key may give.
    let mut range_written = None;
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
            symbol::RANGE => range_written = Some(written_range(meta.value()?)?),
            symbol::SKIP | symbol::INTEGRATIONS => {
                if out.integrations.is_some() {
                    return Err(meta.error(
                        "`skip(...)` and `integrations(...)` cannot be combined: `integrations` \
                         lists every integration the enum gets",
                    ));
                }
                let names = integration_names(&meta, &key)?;
                out.integrations = Some(if key == symbol::SKIP {
                    Selection::Skip(names)
                } else {
                    Selection::Only(names)
                });
            }
            symbol::CODE => match code_type(meta.value()?) {
                Ok(code_type) => out.code_type = Some(code_type),
                Err(error) => {
                    out.code_type_invalid = true;
                    return Err(error);
                }
            },
            symbol::GRPC => out.grpc = Some(grpc_name(meta.value()?)?),
            symbol::DOMAIN => out.domain = Some(domain(meta.value()?)?),
            symbol::WIRE => out.wire = Some(super::wire::wire(&meta)?),
            symbol::HELP | symbol::RETRY | symbol::RETRY_AFTER => {
                out.guidance.parse_value(&key, meta.value()?, false)?;
            }
            symbol::LOCALES => super::locales::tags(&meta, &mut out.locales)?,
            symbol::LOCALE_DIR => {
                out.locales.dir = Some(super::locales::text(
                    &meta,
                    symbol::LOCALE_DIR,
                    "a folder: locale_dir = \"locales\"",
                )?);
            }
            symbol::LANGUAGE => {
                out.locales.language = Some(super::locales::text(
                    &meta,
                    symbol::LANGUAGE,
                    "a language tag: language = \"en\"",
                )?);
            }
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
    if let Some((start, end)) = range_written {
        match range(&start, &end, out.checked_code_type()) {
            Ok(range) => out.range = Some(range),
            Err(error) => cx.push(error),
        }
    }
    if let Some(success) = out.wire.as_ref().and_then(|wire| wire.success.as_ref()) {
        match success.check(out.checked_code_type()) {
            Ok(success) => out.wire_success = Some(success),
            Err(error) => cx.push(error),
        }
    }
}

/// The names in `skip(...)` or `integrations(...)`: known integrations, each once.
fn integration_names(
    meta: &syn::meta::ParseNestedMeta,
    key: &str,
) -> syn::Result<Vec<Spanned<&'static str>>> {
    let known: Vec<&str> = symbol::INTEGRATION_NAMES
        .iter()
        .map(|(name, _)| *name)
        .collect();
    let mut names: Vec<Spanned<&'static str>> = Vec::new();
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!(
            "`{key}` takes a list of integrations: {key}(axum, tonic), of {}",
            symbol::one_of(&known)
        )));
    }
    meta.parse_nested_meta(|inner| {
        let written = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        let Some(&(name, _)) = symbol::INTEGRATION_NAMES
            .iter()
            .find(|(name, _)| *name == written)
        else {
            return Err(inner.error(format!(
                "unknown integration `{written}` in `{key}(...)`; expected {}{}",
                symbol::one_of(&known),
                symbol::did_you_mean(&written, &known)
            )));
        };
        if names.iter().any(|seen| seen.value == name) {
            return Err(inner.error(format!("`{name}` is listed twice")));
        }
        names.push(Spanned {
            value: name,
            span: inner.path.span(),
        });
        Ok(())
    })?;
    Ok(names)
}

/// `code = i32`: one of the integer types a code can have.
fn code_type(input: ParseStream) -> syn::Result<Spanned<CodeType>> {
    let names: Vec<&str> = CodeType::ALL
        .iter()
        .map(|code_type| code_type.name())
        .collect();
    let expected = format!("an integer type: code = i32 (one of {})", names.join(", "));
    let Ok(ident) = input.fork().parse::<syn::Ident>() else {
        let span = input
            .cursor()
            .token_tree()
            .map_or_else(|| input.span(), |(tree, _)| tree.span());
        return Err(syn::Error::new(span, format!("`code` takes {expected}")));
    };
    input.parse::<syn::Ident>()?;
    let name = ident.to_string();
    let Some(value) = CodeType::from_name(&name) else {
        let why = if matches!(name.as_str(), "u128" | "i128" | "usize" | "isize") {
            "is not a code type"
        } else {
            "is not an integer type"
        };
        return Err(syn::Error::new(
            ident.span(),
            format!("`{name}` {why}; `code` takes {expected}"),
        ));
    };
    Ok(Spanned {
        value,
        span: ident.span(),
    })
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

const RANGE_EXAMPLE: &str = "an inclusive range: range = 104000..=107999";

/// `range = START..=END` as written.
fn written_range(input: ParseStream) -> syn::Result<(WrittenCode, WrittenCode)> {
    let start = written_code(input)?;
    if !input.peek(Token![..=]) {
        return Err(syn::Error::new(
            start.span(),
            format!("`range` takes {RANGE_EXAMPLE}"),
        ));
    }
    input.parse::<Token![..=]>()?;
    Ok((start, written_code(input)?))
}

fn written_code(input: ParseStream) -> syn::Result<WrittenCode> {
    if !super::peek_code(input) {
        let span = input
            .cursor()
            .token_tree()
            .map_or_else(|| input.span(), |(tree, _)| tree.span());
        return Err(syn::Error::new(
            span,
            format!("`range` takes {RANGE_EXAMPLE}"),
        ));
    }
    WrittenCode::parse(input)
}

/// The range, its bounds codes of `code_type`, not empty.
fn range(
    start: &WrittenCode,
    end: &WrittenCode,
    code_type: Option<CodeType>,
) -> syn::Result<Range> {
    let start = start.check(code_type)?;
    let end = end.check(code_type)?;
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

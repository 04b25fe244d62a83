//! `wire(...)` in the enum's `#[api_error]`: how the table's errors travel over HTTP. Each key
//! is checked here, at its token; the success code once the code type is known.

use proc_macro2::Span;
use syn::LitStr;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::spanned::Spanned as _;

use super::{Spanned, WrittenCode, expect_lit, status};
use crate::symbol;

/// `wire(...)` as written.
#[derive(Default)]
pub struct WireAttr {
    /// `problem`: RFC 9457 documents; no other key.
    pub problem: Option<Span>,
    /// `code = "errcode"`.
    pub code: Option<Spanned<String>>,
    /// `message = "errmsg"`.
    pub message: Option<Spanned<String>>,
    /// `nest = "error"`.
    pub nest: Option<Spanned<String>>,
    /// `detail = "detail"`: the member of the human text.
    pub detail: Option<Spanned<String>>,
    /// `data = "result" | flattened | none`.
    pub data: Option<Spanned<WireData>>,
    /// `status = 200`.
    pub status: Option<Spanned<u16>>,
    /// `success = 0`, as written: checked against the code type later.
    pub success: Option<WrittenCode>,
    /// `code_required`.
    pub code_required: Option<Span>,
    /// `content_type = "application/vnd.example+json"`.
    pub content_type: Option<Spanned<String>>,
}

/// Where a success carries its data.
#[derive(Clone)]
pub enum WireData {
    Member(String),
    Flattened,
    Absent,
}

const EXAMPLE: &str =
    "wire(code = \"errcode\", message = \"errmsg\", status = 200) or wire(problem)";

/// Reads `wire(...)`.
pub fn wire(meta: &ParseNestedMeta) -> syn::Result<WireAttr> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!("`wire` takes a list: {EXAMPLE}")));
    }
    let mut out = WireAttr::default();
    let mut seen: Vec<String> = Vec::new();
    meta.parse_nested_meta(|inner| {
        let key = inner
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        if seen.contains(&key) {
            return Err(inner.error(format!("duplicate key `{key}` in `wire(...)`")));
        }
        match key.as_str() {
            symbol::WIRE_PROBLEM => out.problem = Some(switch(&inner, &key)?),
            symbol::WIRE_CODE_REQUIRED => out.code_required = Some(switch(&inner, &key)?),
            symbol::CODE => out.code = Some(member(&inner, &key)?),
            symbol::WIRE_MESSAGE => out.message = Some(member(&inner, &key)?),
            symbol::WIRE_NEST => out.nest = Some(member(&inner, &key)?),
            symbol::DETAIL => out.detail = Some(member(&inner, &key)?),
            symbol::WIRE_DATA => out.data = Some(data(&inner)?),
            symbol::STATUS => {
                out.status = Some(status(&expect_lit(
                    inner.value()?,
                    "status",
                    "an integer: status = 200",
                )?)?);
            }
            symbol::WIRE_SUCCESS => {
                let input = inner.value()?;
                if !super::peek_code(input) {
                    return Err(syn::Error::new(
                        input.span(),
                        "`success` takes a code: success = 0",
                    ));
                }
                out.success = Some(WrittenCode::parse(input)?);
            }
            symbol::WIRE_CONTENT_TYPE => out.content_type = Some(content_type(&inner)?),
            _ => {
                return Err(inner.error(format!(
                    "unknown key `{key}` in `wire(...)`; expected {}{}",
                    symbol::one_of(symbol::WIRE_KEYS),
                    symbol::did_you_mean(&key, symbol::WIRE_KEYS)
                )));
            }
        }
        seen.push(key);
        Ok(())
    })?;
    out.check()?;
    Ok(out)
}

impl WireAttr {
    /// The keys that contradict each other.
    fn check(&self) -> syn::Result<()> {
        if self.problem.is_some() {
            let other = [
                self.code.as_ref().map(|key| ("code", key.span)),
                self.message.as_ref().map(|key| ("message", key.span)),
                self.nest.as_ref().map(|key| ("nest", key.span)),
                self.detail.as_ref().map(|key| ("detail", key.span)),
                self.data.as_ref().map(|key| ("data", key.span)),
                self.status.as_ref().map(|key| ("status", key.span)),
                self.content_type
                    .as_ref()
                    .map(|key| ("content_type", key.span)),
            ];
            if let Some((key, span)) = other.into_iter().flatten().next() {
                return Err(syn::Error::new(
                    span,
                    format!(
                        "`{key}` cannot be combined with `problem`: RFC 9457 fixes the members, \
                         the status and the content type of a problem document"
                    ),
                ));
            }
        }
        let code = self
            .code
            .as_ref()
            .map_or("code", |code| code.value.as_str());
        if let Some(message) = self
            .message
            .as_ref()
            .filter(|message| message.value == code)
        {
            return Err(syn::Error::new(
                message.span,
                format!("the message member cannot be named `{code}` like the code member"),
            ));
        }
        if let Some(detail) = self.detail.as_ref().filter(|detail| {
            detail.value == code
                || Some(&detail.value) == self.message.as_ref().map(|m| &m.value)
                || (self.message.is_none() && detail.value == "message")
        }) {
            return Err(syn::Error::new(
                detail.span,
                format!(
                    "the detail member cannot be named `{}` like the code or the message member",
                    detail.value
                ),
            ));
        }
        // The data sits beside the code and the message unless they are nested.
        if let Some(Spanned {
            value: WireData::Member(data),
            span,
        }) = &self.data
        {
            let message = self
                .message
                .as_ref()
                .map_or("message", |message| message.value.as_str());
            let clash = match &self.nest {
                Some(nest) => (data == &nest.value).then_some("the nest member"),
                None if data == code => Some("the code member"),
                None if data == message => Some("the message member"),
                None => None,
            };
            if let Some(clash) = clash {
                return Err(syn::Error::new(
                    *span,
                    format!("the data member cannot be `{data}`: it is {clash}"),
                ));
            }
        }
        Ok(())
    }
}

/// A key that takes no value.
fn switch(meta: &ParseNestedMeta, key: &str) -> syn::Result<Span> {
    if meta.input.peek(syn::Token![=]) || meta.input.peek(syn::token::Paren) {
        return Err(meta.error(format!("`{key}` is a switch and takes no value")));
    }
    Ok(meta.path.span())
}

/// `key = "name"`: a member name, not empty.
fn member(meta: &ParseNestedMeta, key: &str) -> syn::Result<Spanned<String>> {
    member_name(meta.value()?, key)
}

fn member_name(input: ParseStream, key: &str) -> syn::Result<Spanned<String>> {
    let lit: LitStr = expect_lit(input, key, &format!("a member name: {key} = \"err{key}\""))?;
    let value = lit.value();
    if value.is_empty() {
        return Err(syn::Error::new(lit.span(), "a member name cannot be empty"));
    }
    Ok(Spanned {
        value,
        span: lit.span(),
    })
}

/// `data = "result"`, `data = flattened` or `data = none`.
fn data(meta: &ParseNestedMeta) -> syn::Result<Spanned<WireData>> {
    const EXPECTED: &str = "`data` takes a member name (data = \"result\"), `flattened` (the body is the data) or \
         `none`";
    let input = meta.value()?;
    if input.peek(LitStr) {
        let Spanned { value, span } = member_name(input, "data")?;
        return Ok(Spanned {
            value: WireData::Member(value),
            span,
        });
    }
    let ident: syn::Ident = input
        .parse()
        .map_err(|error| syn::Error::new(error.span(), EXPECTED))?;
    let value = match ident.to_string().as_str() {
        "flattened" => WireData::Flattened,
        "none" => WireData::Absent,
        _ => return Err(syn::Error::new(ident.span(), EXPECTED)),
    };
    Ok(Spanned {
        value,
        span: ident.span(),
    })
}

/// A JSON media type, which clients read: `application/json`, `text/json` or
/// `application/...+json`, parameters allowed.
fn content_type(meta: &ParseNestedMeta) -> syn::Result<Spanned<String>> {
    let lit: LitStr = expect_lit(
        meta.value()?,
        "content_type",
        "a string: content_type = \"application/vnd.example+json\"",
    )?;
    let value = lit.value();
    let essence = value
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let json = essence == "application/json"
        || essence == "text/json"
        || essence
            .strip_prefix("application/")
            .and_then(|subtype| subtype.strip_suffix("+json"))
            .is_some_and(|name| !name.is_empty() && !name.contains('/'));
    if !json || value.chars().any(|c| c.is_control() || !c.is_ascii()) {
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "\"{value}\" is not a JSON media type; clients read `application/json`, \
                 `text/json` or `application/...+json`"
            ),
        ));
    }
    if essence == "application/problem+json" {
        return Err(syn::Error::new(
            lit.span(),
            "for RFC 9457 problem documents, write `wire(problem)`",
        ));
    }
    Ok(Spanned {
        value,
        span: lit.span(),
    })
}

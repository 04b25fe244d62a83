//! `locales("zh-CN", ...)`, `locale_dir = "..."` and `language = "..."` in the enum's
//! `#[api_error]`: the table's translations.

use proc_macro2::Span;
use syn::meta::ParseNestedMeta;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned as _;
use syn::{LitStr, Token};

use super::{Spanned, expect_lit};

/// The translation keys of the enum.
#[derive(Default)]
pub struct Locales {
    /// Where `locales(...)` is written, for the errors about the files.
    pub span: Option<Span>,
    /// The declared locales, each a language tag.
    pub tags: Vec<Spanned<String>>,
    /// `locale_dir = "..."`: the folder of the files, from the crate's root (default `locales`).
    pub dir: Option<Spanned<String>>,
    /// `language = "en"`: the language of the table's own text (default `en`).
    pub language: Option<Spanned<String>>,
}

/// `locales("zh-CN", "fr")`: language tags, each once.
pub fn tags(meta: &ParseNestedMeta, out: &mut Locales) -> syn::Result<()> {
    if !meta.input.peek(syn::token::Paren) {
        return Err(
            meta.error("`locales` takes a list of language tags: locales(\"zh-CN\", \"fr\")")
        );
    }
    let content;
    syn::parenthesized!(content in meta.input);
    let tags = Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?;
    if tags.is_empty() {
        return Err(meta.error("`locales()` names no locale"));
    }
    for lit in tags {
        let tag = lit.value();
        check_tag(&tag).map_err(|why| syn::Error::new(lit.span(), why))?;
        if out
            .tags
            .iter()
            .any(|seen| seen.value.eq_ignore_ascii_case(&tag))
        {
            return Err(syn::Error::new(
                lit.span(),
                format!("\"{tag}\" is listed twice"),
            ));
        }
        out.tags.push(Spanned {
            value: tag,
            span: lit.span(),
        });
    }
    out.span = Some(meta.path.span());
    Ok(())
}

/// `locale_dir = "locales"` or `language = "en"`.
pub fn text(meta: &ParseNestedMeta, key: &str, example: &str) -> syn::Result<Spanned<String>> {
    let lit: LitStr = expect_lit(meta.value()?, key, example)?;
    let value = lit.value();
    if value.trim().is_empty() {
        return Err(syn::Error::new(
            lit.span(),
            format!("`{key}` must not be empty"),
        ));
    }
    if key == "language" {
        check_tag(&value).map_err(|why| syn::Error::new(lit.span(), why))?;
    }
    Ok(Spanned {
        value,
        span: lit.span(),
    })
}

/// Why `tag` is no BCP 47 language tag of the simple kind a file is named by: a language of two
/// or three letters, then subtags of letters and digits, separated by `-`.
fn check_tag(tag: &str) -> Result<(), String> {
    let mut subtags = tag.split('-');
    let language = subtags.next().unwrap_or("");
    let language_ok = (2..=3).contains(&language.len())
        && language.bytes().all(|byte| byte.is_ascii_alphabetic());
    let rest_ok = subtags.all(|subtag| {
        (1..=8).contains(&subtag.len()) && subtag.bytes().all(|byte| byte.is_ascii_alphanumeric())
    });
    if language_ok && rest_ok {
        Ok(())
    } else {
        Err(format!(
            "\"{tag}\" is not a language tag such as \"zh-CN\" or \"fr\""
        ))
    }
}

//! The guidance keys that `#[api_error]` and `#[code]` share: `help = "..."` (a URL template,
//! or `none` on a code), `retry = true | false` and `retry_after = SECONDS`.

use syn::parse::ParseStream;
use syn::{LitBool, LitInt, LitStr};

use super::{Spanned, expect_lit};
use crate::symbol;

/// A `help` key.
#[derive(Clone)]
pub enum Help {
    /// A URL template: `{code}` and `{message}` are its placeholders.
    Template(String),
    /// `help = none`: the code has no link, whatever the table's template.
    Off,
}

/// A retry policy as declared.
#[derive(Clone, Copy)]
pub enum RetryKey {
    /// `retry = false`.
    No,
    /// `retry = true`.
    Yes,
    /// `retry_after = N`: retryable after N seconds.
    After(u64),
}

/// The guidance keys of one attribute.
#[derive(Default, Clone)]
pub struct Guidance {
    pub help: Option<Spanned<Help>>,
    pub retry: Option<Spanned<RetryKey>>,
}

impl Guidance {
    /// Reads the value of `key` (`help`, `retry` or `retry_after`); `allow_none` for a code's
    /// `help = none`. The key was seen once already when `Err` says so.
    pub fn parse_value(
        &mut self,
        key: &str,
        input: ParseStream,
        allow_none: bool,
    ) -> syn::Result<()> {
        match key {
            symbol::HELP => {
                if self.help.is_some() {
                    return Err(input.error("duplicate key `help`"));
                }
                self.help = Some(help(input, allow_none)?);
            }
            symbol::RETRY | symbol::RETRY_AFTER => {
                if self.retry.is_some() {
                    return Err(input.error(
                        "a code has one retry policy: `retry = true`, `retry = false` or `retry_after = SECONDS`",
                    ));
                }
                self.retry = Some(if key == symbol::RETRY {
                    let lit: LitBool = expect_lit(input, key, "`true` or `false`: retry = true")?;
                    Spanned {
                        value: if lit.value {
                            RetryKey::Yes
                        } else {
                            RetryKey::No
                        },
                        span: lit.span,
                    }
                } else {
                    let lit: LitInt =
                        expect_lit(input, key, "a number of seconds: retry_after = 60")?;
                    let seconds = lit.base10_parse::<u64>().map_err(|_| {
                        syn::Error::new(
                            lit.span(),
                            "`retry_after` takes whole seconds: retry_after = 60",
                        )
                    })?;
                    Spanned {
                        value: RetryKey::After(seconds),
                        span: lit.span(),
                    }
                });
            }
            _ => unreachable!("only guidance keys are passed here"),
        }
        Ok(())
    }
}

/// `help = "https://docs.example.com/errors/{code}"`, or `help = none` where allowed.
fn help(input: ParseStream, allow_none: bool) -> syn::Result<Spanned<Help>> {
    if allow_none && input.peek(syn::Ident) {
        let ident: syn::Ident = input.parse()?;
        if ident == "none" {
            return Ok(Spanned {
                value: Help::Off,
                span: ident.span(),
            });
        }
        return Err(syn::Error::new(
            ident.span(),
            "`help` takes a URL template (help = \"https://docs.example.com/errors/{code}\") or `none`",
        ));
    }
    let lit: LitStr = expect_lit(
        input,
        symbol::HELP,
        "a URL template: help = \"https://docs.example.com/errors/{code}\"",
    )?;
    let template = lit.value();
    check_template(&template).map_err(|why| syn::Error::new(lit.span(), why))?;
    Ok(Spanned {
        value: Help::Template(template),
        span: lit.span(),
    })
}

/// The placeholders a template may hold.
const PLACEHOLDERS: &[&str] = &["code", "message"];

/// Why `template` is no help template: empty, with spaces or control characters, an unknown
/// placeholder, or a brace that closes nothing.
fn check_template(template: &str) -> Result<(), String> {
    if template.is_empty() {
        return Err("the help link must not be empty".into());
    }
    if let Some(bad) = template
        .chars()
        .find(|c| c.is_whitespace() || c.is_control())
    {
        return Err(format!(
            "a help link is a URL: {bad:?} has no place in it (percent-encode it)"
        ));
    }
    let mut rest = template;
    while let Some(at) = rest.find(['{', '}']) {
        if rest[at..].starts_with('}') {
            return Err(
                "a `}` that closes no placeholder; the placeholders are `{code}` and `{message}`"
                    .into(),
            );
        }
        let after = &rest[at + 1..];
        let Some(end) = after.find('}') else {
            return Err(
                "a `{` that is never closed; the placeholders are `{code}` and `{message}`".into(),
            );
        };
        let name = &after[..end];
        if !PLACEHOLDERS.contains(&name) {
            return Err(format!(
                "unknown placeholder `{{{name}}}`; the placeholders are `{{code}}` and `{{message}}`{}",
                symbol::did_you_mean(name, PLACEHOLDERS)
            ));
        }
        rest = &after[end + 1..];
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_template;

    #[test]
    fn templates_name_known_placeholders_only() {
        assert!(check_template("https://x.test/{code}").is_ok());
        assert!(check_template("https://x.test/{message}#{code}").is_ok());
        assert!(check_template("/errors").is_ok());
        let cod = check_template("https://x.test/{cod}").unwrap_err();
        assert!(
            cod.contains("`{cod}`") && cod.contains("did you mean `code`"),
            "{cod}"
        );
        assert!(check_template("https://x.test/{code").is_err());
        assert!(check_template("https://x.test/code}").is_err());
        assert!(check_template("https://x.test/a b").is_err());
        assert!(check_template("").is_err());
    }
}

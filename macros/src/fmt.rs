//! The placeholders of an `#[error("...")]` format string, read the way `core::format_args!`
//! reads them.

/// What a placeholder refers to.
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum Arg {
    /// `{}`: the next positional argument.
    Next,
    /// `{0}`: a positional argument, or a tuple field.
    Index(usize),
    /// `{name}`: a named argument or a field.
    Name(String),
    /// Neither an index nor an identifier: left for `format_args!` to report.
    Other,
}

/// One placeholder, with where its argument reference stands in the string (byte offsets).
#[derive(Clone, Debug)]
pub struct Placeholder {
    pub arg: Arg,
    pub start: usize,
    pub end: usize,
}

/// Every argument reference of `format`: the placeholders and the `name$`/`N$` of widths and
/// precisions. `Err` describes an unbalanced brace.
pub fn placeholders(format: &str) -> Result<Vec<Placeholder>, String> {
    let bytes = format.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' if bytes.get(i + 1) == Some(&b'{') => i += 2,
            b'}' if bytes.get(i + 1) == Some(&b'}') => i += 2,
            b'}' => return Err("unmatched `}` in format string; write `}}` for a brace".into()),
            b'{' => {
                let close = format[i..]
                    .find('}')
                    .map(|offset| i + offset)
                    .ok_or("unmatched `{` in format string; write `{{` for a brace")?;
                let inner = &format[i + 1..close];
                let (name, spec) = inner.split_once(':').unwrap_or((inner, ""));
                let trimmed = name.trim();
                let start = i + 1 + (name.len() - name.trim_start().len());
                out.push(Placeholder {
                    arg: arg(trimmed),
                    start,
                    end: start + trimmed.len(),
                });
                let spec_start = i + 1 + name.len() + 1;
                spec_args(spec, spec_start, &mut out);
                i = close + 1;
            }
            _ => i += 1,
        }
    }
    Ok(out)
}

fn arg(text: &str) -> Arg {
    let name = text.strip_prefix("r#").unwrap_or(text);
    if text.is_empty() {
        Arg::Next
    } else if text.bytes().all(|byte| byte.is_ascii_digit()) {
        text.parse().map_or(Arg::Other, Arg::Index)
    } else if name.starts_with(|c: char| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
    {
        Arg::Name(name.to_owned())
    } else {
        Arg::Other
    }
}

/// `name$` and `N$` in a format spec (widths and precisions taken from arguments).
fn spec_args(spec: &str, offset: usize, out: &mut Vec<Placeholder>) {
    for (dollar, _) in spec.match_indices('$') {
        let before = &spec[..dollar];
        let start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |position| position + 1);
        let text = &before[start..];
        if !text.is_empty() {
            out.push(Placeholder {
                arg: arg(text),
                start: offset + start,
                end: offset + dollar,
            });
        }
    }
}

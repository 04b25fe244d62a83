//! The table as data for people outside Rust: Markdown for documentation, JSON for front ends
//! and other languages.

use alloc::string::String;
use core::fmt::Write as _;

use crate::ApiTable;

/// Renders [`T::ENTRIES`](CodeTable::ENTRIES) as a Markdown table with the columns code,
/// message, status and detail.
///
/// An entry whose detail is only its message (no `detail = "..."` and no doc comment, see
/// [`Entry::detail_is_message`](crate::Entry::detail_is_message)) is marked
/// `*(no detail: the message stands in)*`, since that is the text its clients read.
///
/// ```
/// # use apicode::ApiError;
/// #[derive(Debug, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
///     #[code(104111, "InvalidAccessKeyId", status = 401)]
///     InvalidAccessKeyId,
/// }
///
/// assert_eq!(
///     apicode::table::markdown::<AuthError>(),
///     "| code | message | status | detail |\n\
///      | ---: | --- | ---: | --- |\n\
///      | 104110 | MissingAccessKeyId | 401 | Missing AccessKeyId |\n\
///      | 104111 | InvalidAccessKeyId | 401 | InvalidAccessKeyId *(no detail: the message stands in)* |\n",
/// );
/// ```
#[must_use]
pub fn markdown<T: ApiTable>() -> String {
    let mut out =
        String::from("| code | message | status | detail |\n| ---: | --- | ---: | --- |\n");
    for entry in T::ENTRIES {
        let mark = if entry.detail_is_message() {
            " *(no detail: the message stands in)*"
        } else {
            ""
        };
        // Writing into a String cannot fail.
        let _ = writeln!(
            out,
            "| {} | {} | {} | {}{mark} |",
            entry.code,
            escape_cell(entry.message),
            entry.status,
            escape_cell(entry.detail)
        );
    }
    out
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Renders [`T::ENTRIES`](CodeTable::ENTRIES) as a JSON array of objects with the keys `code`,
/// `message`, `detail` and `status`: the table for front ends and other languages.
///
/// ```
/// # use apicode::ApiError;
/// #[derive(Debug, ApiError)]
/// enum AuthError {
///     /// Missing "AccessKeyId"
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
/// }
///
/// assert_eq!(
///     apicode::table::json::<AuthError>(),
///     r#"[{"code":104110,"message":"MissingAccessKeyId","detail":"Missing \"AccessKeyId\"","status":401}]"#,
/// );
/// ```
#[must_use]
pub fn json<T: ApiTable>() -> String {
    let mut out = String::from("[");
    for (index, entry) in T::ENTRIES.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"code\":{},\"message\":", entry.code);
        push_json_string(&mut out, entry.message);
        out.push_str(",\"detail\":");
        push_json_string(&mut out, entry.detail);
        let _ = write!(out, ",\"status\":{}}}", entry.status);
    }
    out.push(']');
    out
}

fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

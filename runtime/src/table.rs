//! The table as data for people outside Rust: Markdown for documentation, JSON for front ends
//! and other languages.

use alloc::string::String;
use core::fmt::Write as _;

use crate::ApiTable;

/// Renders [`T::ENTRIES`](crate::CodeTable::ENTRIES) as a Markdown table with the columns code,
/// message, status and detail, after one line that says how the errors travel (the table's
/// [wire format](crate::wire)). A table with [help links](crate::guidance::HelpLink) adds the
/// column `help`; one that declares a [retry policy](crate::guidance::Retry) for any code adds
/// `retry` (`no`, `yes` or `after N s`, for every code: the declared policy or what its status
/// suggests).
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
///     "Errors answer `{\"code\": <code>, \"message\": <message>}` under the code's HTTP status, application/json.\n\
///      \n\
///      | code | message | status | detail |\n\
///      | ---: | --- | ---: | --- |\n\
///      | 104110 | MissingAccessKeyId | 401 | Missing AccessKeyId |\n\
///      | 104111 | InvalidAccessKeyId | 401 | InvalidAccessKeyId *(no detail: the message stands in)* |\n",
/// );
/// ```
#[must_use]
pub fn markdown<T: ApiTable>() -> String {
    let mut out = String::new();
    let wire = crate::wire_of::<T>();
    if wire.is_problem() {
        let _ = write!(out, "Errors answer {} {}.\n\n", wire.body(), wire.travel());
    } else {
        let _ = write!(
            out,
            "Errors answer `{}` {}.\n\n",
            wire.body(),
            wire.travel()
        );
    }
    let help = T::ENTRIES.iter().any(|entry| entry.help.is_some());
    let retry = T::ENTRIES.iter().any(|entry| entry.retry.is_some());
    out.push_str("| code | message | status | detail |");
    if help {
        out.push_str(" help |");
    }
    if retry {
        out.push_str(" retry |");
    }
    out.push_str("\n| ---: | --- | ---: | --- |");
    if help {
        out.push_str(" --- |");
    }
    if retry {
        out.push_str(" --- |");
    }
    out.push('\n');
    for entry in T::ENTRIES {
        let mark = if entry.detail_is_message() {
            " *(no detail: the message stands in)*"
        } else {
            ""
        };
        // Writing into a String cannot fail.
        let _ = write!(
            out,
            "| {} | {} | {} | {}{mark} |",
            entry.code,
            escape_cell(entry.message),
            entry.status,
            escape_cell(entry.detail)
        );
        if help {
            match entry.help_link() {
                Some(link) => {
                    let _ = write!(out, " {} |", escape_cell(&alloc::format!("{link}")));
                }
                None => out.push_str(" |"),
            }
        }
        if retry {
            let policy = entry.retry_policy();
            let _ = match policy.retry_after_secs() {
                Some(seconds) => write!(out, " after {seconds} s |"),
                None if policy.is_retryable() => write!(out, " yes |"),
                None => write!(out, " no |"),
            };
        }
        out.push('\n');
    }
    out
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|")
}

/// Renders [`T::ENTRIES`](crate::CodeTable::ENTRIES) as a JSON array of objects with the keys `code`,
/// `message`, `detail`, `status`, `help` (the [help link](crate::Entry::help_link) or `null`),
/// `retryable` and `retry_after` (the [retry policy](crate::Entry::retry_policy): a boolean,
/// and seconds or `null`), as [`Entry`](crate::Entry) serializes: the table for front ends and
/// other languages.
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
///     r#"[{"code":104110,"message":"MissingAccessKeyId","detail":"Missing \"AccessKeyId\"","status":401,"help":null,"retryable":false,"retry_after":null}]"#,
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
        let _ = write!(out, ",\"status\":{},\"help\":", entry.status);
        match entry.help_link() {
            Some(link) => push_json_string(&mut out, &alloc::format!("{link}")),
            None => out.push_str("null"),
        }
        let retry = entry.retry_policy();
        let _ = write!(
            out,
            ",\"retryable\":{},\"retry_after\":",
            retry.is_retryable()
        );
        match retry.retry_after_secs() {
            Some(seconds) => {
                let _ = write!(out, "{seconds}");
            }
            None => out.push_str("null"),
        }
        out.push('}');
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

/// Renders the table's [wire format](crate::wire) as a JSON object, for a client in another
/// language to read the answers the way [`client::Reader::of`](crate::client::Reader::of)
/// does: `form` (`"envelope"` or `"problem"`), the `code` and `message` member names, `nest`
/// (a member name or `null`), `data` (a member name, `"<flattened>"` or `null`), `status` (the
/// status every error travels under, or `null`: the code's own), `success` (the success code,
/// or `null`: a code whose entry has a 2xx status), `code_required` and `content_type`.
///
/// ```
/// # use apicode::ApiError;
/// #[derive(Debug, ApiError)]
/// #[api_error(wire(code = "errcode", message = "errmsg", status = 200, success = 0, data = flattened))]
/// enum WeChatError {
///     /// ok
///     #[code(0, "ok", status = 200)]
///     Ok,
/// }
///
/// assert_eq!(
///     apicode::table::wire_json::<WeChatError>(),
///     r#"{"form":"envelope","code":"errcode","message":"errmsg","nest":null,"data":"<flattened>","status":200,"success":0,"code_required":false,"content_type":"application/json"}"#,
/// );
/// ```
#[must_use]
pub fn wire_json<T: ApiTable>() -> String {
    use crate::wire::Data;

    let wire = crate::wire_of::<T>();
    let mut out = String::from("{\"form\":");
    out.push_str(if wire.is_problem() {
        "\"problem\""
    } else {
        "\"envelope\""
    });
    let texts = [
        ("code", Some(wire.code_member())),
        ("message", Some(wire.message_member())),
        ("nest", wire.nest_member()),
        (
            "data",
            match wire.data_member() {
                Data::Member(name) => Some(name),
                Data::Flattened => Some("<flattened>"),
                Data::Absent => None,
            },
        ),
    ];
    for (key, value) in texts {
        let _ = write!(out, ",\"{key}\":");
        match value {
            Some(value) => push_json_string(&mut out, value),
            None => out.push_str("null"),
        }
    }
    let number =
        |value: Option<i128>| value.map_or_else(|| "null".into(), |v| alloc::format!("{v}"));
    let _ = write!(
        out,
        ",\"status\":{},\"success\":{},\"code_required\":{},\"content_type\":",
        number(wire.fixed_status().map(i128::from)),
        number(wire.success()),
        !wire.is_success_without_code(),
    );
    push_json_string(&mut out, wire.error_content_type());
    out.push('}');
    out
}

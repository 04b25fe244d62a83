//! The table as data for people outside Rust: Markdown for documentation, JSON for front ends
//! and other languages.

use alloc::string::String;
use core::fmt::Write as _;

use crate::CodeTable;

/// Renders [`T::ENTRIES`](CodeTable::ENTRIES) as a Markdown table with the columns code,
/// message, status and detail.
///
/// ```
/// # use apicode::ApiError;
/// #[derive(Debug, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
/// }
///
/// assert_eq!(
///     apicode::table::markdown::<AuthError>(),
///     "| code | message | status | detail |\n\
///      | ---: | --- | ---: | --- |\n\
///      | 104110 | MissingAccessKeyId | 401 | Missing AccessKeyId |\n",
/// );
/// ```
#[must_use]
pub fn markdown<T: CodeTable>() -> String {
    let mut out = String::from("| code | message | status | detail |\n| ---: | --- | ---: | --- |\n");
    for entry in T::ENTRIES {
        // Writing into a String cannot fail.
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
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

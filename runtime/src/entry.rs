use core::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::code::Code;
use crate::guidance::{HelpLink, Retry};

/// One row of a code table: what [`CodeTable::ENTRIES`](crate::CodeTable::ENTRIES) lists.
///
/// Serializes as a map with the keys `code`, `message`, `detail`, `status`, `help` (the
/// [help link](Entry::help_link) or `null`), `retryable` and `retry_after` (the
/// [retry policy](Entry::retry_policy): a boolean, and the delay in seconds or `null`):
///
/// ```
/// let entry = apicode::Entry::new(104202, "InvalidSignatureTimestamp", "Invalid signature timestamp", 401)
///     .with_help("https://docs.example.com/errors/{code}");
/// assert_eq!(
///     serde_json::to_string(&entry).unwrap(),
///     r#"{"code":104202,"message":"InvalidSignatureTimestamp","detail":"Invalid signature timestamp","status":401,"help":"https://docs.example.com/errors/104202","retryable":false,"retry_after":null}"#,
/// );
/// ```
///
/// `C` is the table's [code type](crate::Code): `u32` unless the table declares another with
/// `#[api_error(code = i32)]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Entry<C = u32> {
    /// The numeric code.
    pub code: C,
    /// The table's name for the code, such as `"InvalidSignatureTimestamp"`.
    pub message: &'static str,
    /// The human sentence for the code.
    pub detail: &'static str,
    /// The HTTP status the code maps to.
    pub status: u16,
    /// The help link's template (`{code}` and `{message}` in it are replaced), if the code has
    /// one: the code's `help = "..."`, else the table's; see [`Entry::help_link`].
    pub help: Option<&'static str>,
    /// The retry policy the table declares for the code, if it declares one; see
    /// [`Entry::retry_policy`].
    pub retry: Option<Retry>,
}

impl<C> Entry<C> {
    /// An entry without a help link or a declared retry policy.
    #[must_use]
    pub const fn new(code: C, message: &'static str, detail: &'static str, status: u16) -> Self {
        Entry {
            code,
            message,
            detail,
            status,
            help: None,
            retry: None,
        }
    }

    /// The entry with the help template `template`.
    #[must_use]
    pub const fn with_help(mut self, template: &'static str) -> Self {
        self.help = Some(template);
        self
    }

    /// The entry with the retry policy `retry`.
    #[must_use]
    pub const fn with_retry(mut self, retry: Retry) -> Self {
        self.retry = Some(retry);
        self
    }

    /// The retry policy of the code: the declared one, else what HTTP suggests for its status
    /// ([`Retry::for_status`]).
    #[must_use]
    pub const fn retry_policy(&self) -> Retry {
        match self.retry {
            Some(retry) => retry,
            None => Retry::for_status(self.status),
        }
    }

    /// Whether the entry's detail is only its message: the variant has neither a
    /// `detail = "..."` key nor a doc comment. The detail is text that clients read (the
    /// Display, a problem body's `detail` for a 5xx, the published table), so a test can
    /// insist that every entry, or every 5xx, says more than its name:
    ///
    /// ```
    /// use apicode::{ApiError, CodeTable};
    ///
    /// #[derive(Debug, ApiError)]
    /// enum StoreError {
    ///     /// The item is out of stock
    ///     #[code(1001, "OutOfStock", status = 409)]
    ///     OutOfStock,
    ///     #[code(1002, "Db", status = 503)]
    ///     Db,
    /// }
    ///
    /// let bare: Vec<u32> = StoreError::ENTRIES
    ///     .iter()
    ///     .filter(|entry| entry.detail_is_message())
    ///     .map(|entry| entry.code)
    ///     .collect();
    /// // A client of a 5xx problem body would read `"detail": "Db"`.
    /// assert_eq!(bare, [1002]);
    /// ```
    #[must_use]
    pub fn detail_is_message(&self) -> bool {
        self.detail == self.message
    }
}

impl<C: Code> Entry<C> {
    /// The help link of the code, if it has one: its template with the code and the message
    /// filled in.
    #[must_use]
    pub fn help_link(&self) -> Option<HelpLink<'static>> {
        self.help
            .map(|template| HelpLink::new(template, self.code.to_i128(), self.message))
    }
}

impl<C: Code + Serialize> Serialize for Entry<C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let retry = self.retry_policy();
        let mut map = serializer.serialize_map(Some(7))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", self.message)?;
        map.serialize_entry("detail", self.detail)?;
        map.serialize_entry("status", &self.status)?;
        map.serialize_entry("help", &self.help_link().map(Collect))?;
        map.serialize_entry("retryable", &retry.is_retryable())?;
        map.serialize_entry("retry_after", &retry.retry_after_secs())?;
        map.end()
    }
}

/// Writes a value through its `Display`, without allocating.
struct Collect<T>(T);

impl<T: fmt::Display> Serialize for Collect<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// An inclusive range of codes that a table reserves with `#[api_error(range = A..=B)]`.
///
/// ```
/// let range = apicode::CodeRange { start: 104000, end: 107999 };
/// assert!(range.contains(104202));
/// assert!(!range.contains(101000));
/// assert_eq!(range.to_string(), "104000..=107999");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeRange<C = u32> {
    /// The first code of the range.
    pub start: C,
    /// The last code of the range (included).
    pub end: C,
}

impl<C: Code> CodeRange<C> {
    /// Whether `code` lies in the range.
    pub fn contains(&self, code: C) -> bool {
        self.start <= code && code <= self.end
    }

    /// Whether the two ranges share at least one code.
    pub fn overlaps(&self, other: &CodeRange<C>) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

impl<C: fmt::Display> fmt::Display for CodeRange<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.start, self.end)
    }
}

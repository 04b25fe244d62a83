use core::fmt;

use serde::ser::{Serialize, SerializeMap, Serializer};

/// One row of a code table: what [`CodeTable::ENTRIES`](crate::CodeTable::ENTRIES) lists.
///
/// Serializes as a map with the keys `code`, `message`, `detail` and `status`:
///
/// ```
/// let entry = apicode::Entry {
///     code: 104202,
///     message: "InvalidSignatureTimestamp",
///     detail: "Invalid signature timestamp",
///     status: 401,
/// };
/// assert_eq!(
///     serde_json::to_string(&entry).unwrap(),
///     r#"{"code":104202,"message":"InvalidSignatureTimestamp","detail":"Invalid signature timestamp","status":401}"#,
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// The numeric code.
    pub code: u32,
    /// The table's name for the code, such as `"InvalidSignatureTimestamp"`.
    pub message: &'static str,
    /// The human sentence for the code.
    pub detail: &'static str,
    /// The HTTP status the code maps to.
    pub status: u16,
}

impl Entry {
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

impl Serialize for Entry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("code", &self.code)?;
        map.serialize_entry("message", self.message)?;
        map.serialize_entry("detail", self.detail)?;
        map.serialize_entry("status", &self.status)?;
        map.end()
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
pub struct CodeRange {
    /// The first code of the range.
    pub start: u32,
    /// The last code of the range (included).
    pub end: u32,
}

impl CodeRange {
    /// Whether `code` lies in the range.
    pub const fn contains(&self, code: u32) -> bool {
        self.start <= code && code <= self.end
    }

    /// Whether the two ranges share at least one code.
    pub const fn overlaps(&self, other: &CodeRange) -> bool {
        self.start <= other.end && other.start <= self.end
    }
}

impl fmt::Display for CodeRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..={}", self.start, self.end)
    }
}

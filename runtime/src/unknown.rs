use core::fmt;

/// The error of `TryFrom<u32>` for a table without a catch-all: the code is not in the table.
///
/// ```
/// # use apicode::{ApiError, UnknownCode};
/// #[derive(Debug, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
/// }
///
/// let err: UnknownCode = AuthError::try_from(7).unwrap_err();
/// assert_eq!(err.code(), 7);
/// assert_eq!(err.to_string(), "unknown AuthError code 7");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnknownCode {
    code: u32,
    table: &'static str,
}

impl UnknownCode {
    /// An unknown `code` of the table named `table`.
    pub const fn new(code: u32, table: &'static str) -> Self {
        UnknownCode { code, table }
    }

    /// The code that is not in the table.
    pub const fn code(&self) -> u32 {
        self.code
    }

    /// The name of the table that does not know the code.
    pub const fn table(&self) -> &'static str {
        self.table
    }
}

impl fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} code {}", self.table, self.code)
    }
}

impl core::error::Error for UnknownCode {}

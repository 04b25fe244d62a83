use core::fmt;

/// The error of `TryFrom<C>` for a table without a catch-all: the code is not in the table.
/// `C` is the table's [code type](crate::Code), `u32` unless the table declares another.
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
pub struct UnknownCode<C = u32> {
    code: C,
    table: &'static str,
}

impl<C: Copy> UnknownCode<C> {
    /// An unknown `code` of the table named `table`.
    pub const fn new(code: C, table: &'static str) -> Self {
        UnknownCode { code, table }
    }

    /// The code that is not in the table.
    pub const fn code(&self) -> C {
        self.code
    }

    /// The name of the table that does not know the code.
    pub const fn table(&self) -> &'static str {
        self.table
    }
}

impl<C: fmt::Display> fmt::Display for UnknownCode<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} code {}", self.table, self.code)
    }
}

impl<C: fmt::Display + fmt::Debug> core::error::Error for UnknownCode<C> {}

//! The `google.rpc.ErrorInfo` reason of a message (`InvalidSignature` is `INVALID_SIGNATURE`),
//! computed in a `const fn` so that the compile-time check of a gRPC table's messages and the
//! run-time `tonic` integration share it. Re-exported by [`grpc`](crate::grpc).

use core::fmt;

/// The longest reason `google.rpc.ErrorInfo` allows.
pub const REASON_MAX_LEN: usize = 63;

/// A `google.rpc.ErrorInfo` reason: `UPPER_SNAKE_CASE`, matching `[A-Z][A-Z0-9_]+[A-Z0-9]`, at
/// most [`REASON_MAX_LEN`] bytes. Made by [`reason`].
#[derive(Clone, Copy)]
pub struct Reason {
    bytes: [u8; REASON_MAX_LEN],
    len: usize,
}

impl Reason {
    /// The reason's text.
    #[must_use]
    pub const fn as_str(&self) -> &str {
        let (written, _) = self.bytes.split_at(self.len);
        // Only ASCII letters, digits and underscores are ever written.
        match core::str::from_utf8(written) {
            Ok(text) => text,
            Err(_) => "",
        }
    }
}

impl fmt::Debug for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Reason {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Reason {}

/// Why a message has no reason form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReasonError {
    /// A character other than an ASCII letter, digit, `_`, `-`, `.` or space.
    Character,
    /// The first character is not a letter.
    Start,
    /// Fewer than two letters or digits.
    TooShort,
    /// Longer than [`REASON_MAX_LEN`] once converted.
    TooLong,
}

impl ReasonError {
    /// What is wrong, as a sentence fragment.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            ReasonError::Character => {
                "it holds a character other than an ASCII letter, digit, `_`, `-`, `.` or space"
            }
            ReasonError::Start => "it does not start with an ASCII letter",
            ReasonError::TooShort => "it has fewer than two letters or digits",
            ReasonError::TooLong => "it is longer than 63 characters in UPPER_SNAKE_CASE",
        }
    }
}

impl fmt::Display for ReasonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::error::Error for ReasonError {}

/// The `google.rpc.ErrorInfo` reason of a message: its words in `UPPER_SNAKE_CASE`.
///
/// A word starts at an uppercase letter that follows a lowercase letter or a digit
/// (`InvalidSignature` is two words), at the last capital of a run followed by a lowercase
/// letter (`HTTPError` is `HTTP` and `Error`), and after a separator (`_`, `-`, `.`, space;
/// several in a row count as one, and leading or trailing ones are dropped). The result must
/// match `[A-Z][A-Z0-9_]+[A-Z0-9]` and be at most 63 characters, as `ErrorInfo` requires.
///
/// A table with a `domain` or `grpc` key must have such a form for every message: the derive
/// checks its `ENTRIES` with this `const fn` at compile time. In other tables, the `tonic`
/// integration gives a message without such a form the reason `CODE_<code>`.
///
/// ```
/// use apicode::grpc::{ReasonError, reason};
///
/// assert_eq!(reason("InvalidSignatureTimestamp").unwrap().as_str(), "INVALID_SIGNATURE_TIMESTAMP");
/// assert_eq!(reason("Ok").unwrap().as_str(), "OK");
/// assert_eq!(reason("HTTPError2xx").unwrap().as_str(), "HTTP_ERROR2XX");
/// assert_eq!(reason("rate-limit exceeded").unwrap().as_str(), "RATE_LIMIT_EXCEEDED");
/// assert_eq!(reason("Café").unwrap_err(), ReasonError::Character);
/// assert_eq!(reason("404NotFound").unwrap_err(), ReasonError::Start);
///
/// // A `const fn`: usable where a value must be known at compile time.
/// const _: () = assert!(reason("OutOfStock").is_ok());
/// ```
pub const fn reason(message: &str) -> Result<Reason, ReasonError> {
    let bytes = message.as_bytes();
    let mut out = Reason {
        bytes: [0; REASON_MAX_LEN],
        len: 0,
    };
    // Whether a separator is pending: written before the next letter or digit.
    let mut pending = false;
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let is_word = byte.is_ascii_alphanumeric();
        if !is_word {
            if matches!(byte, b'_' | b'-' | b'.' | b' ') {
                pending = out.len > 0;
                index += 1;
                continue;
            }
            return Err(ReasonError::Character);
        }
        if out.len == 0 && !byte.is_ascii_alphabetic() {
            return Err(ReasonError::Start);
        }
        if byte.is_ascii_uppercase() && index > 0 {
            let previous = bytes[index - 1];
            let next_is_lower = index + 1 < bytes.len() && bytes[index + 1].is_ascii_lowercase();
            if previous.is_ascii_lowercase()
                || previous.is_ascii_digit()
                || (previous.is_ascii_uppercase() && next_is_lower)
            {
                pending = true;
            }
        }
        if pending {
            if out.len >= REASON_MAX_LEN {
                return Err(ReasonError::TooLong);
            }
            out.bytes[out.len] = b'_';
            out.len += 1;
            pending = false;
        }
        if out.len >= REASON_MAX_LEN {
            return Err(ReasonError::TooLong);
        }
        out.bytes[out.len] = byte.to_ascii_uppercase();
        out.len += 1;
        index += 1;
    }
    if out.len < 2 {
        return Err(ReasonError::TooShort);
    }
    Ok(out)
}

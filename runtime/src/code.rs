//! The integer types a table's codes can have: `#[api_error(code = i32)]` picks one.

use core::fmt;
use core::hash::Hash;

use serde::Serialize;

mod sealed {
    pub trait Sealed {}
}

/// The type of a table's codes: `u32` unless the table says otherwise with
/// `#[api_error(code = i32)]` (or `i64`, `u64`, `i16`, `u16`, `i8`, `u8`).
///
/// JSON-RPC and the APIs built on it (the Language Server Protocol, the Model Context Protocol)
/// use negative codes (`-32601`); WeChat-style APIs answer `-1` for "system busy"; some APIs
/// number their errors beyond `u32`. A table's code type is the type of [`ApiError::code`],
/// of [`Entry::code`], of the catch-all's field and of the `From`/`TryFrom` conversions.
///
/// The trait is sealed: the derive computes each table's lookup at expansion time for these
/// eight types, and nothing else.
///
/// ```
/// use apicode::{ApiError, ApiTable, Code};
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = i32, status = 400)]
/// enum RpcError {
///     /// Method not found
///     #[code(-32601, "MethodNotFound", status = 404)]
///     MethodNotFound,
///     #[code(other)]
///     Unknown(i32),
/// }
///
/// assert_eq!(RpcError::MethodNotFound.code(), -32601);
/// assert_eq!(<RpcError as ApiTable>::Code::NAME, "i32");
/// assert!(matches!(RpcError::from(-32601), RpcError::MethodNotFound));
/// assert!(matches!(RpcError::from(-1), RpcError::Unknown(-1)));
/// ```
///
/// [`ApiError::code`]: crate::ApiError::code
/// [`Entry::code`]: crate::Entry::code
pub trait Code:
    Copy
    + Eq
    + Ord
    + Hash
    + fmt::Debug
    + fmt::Display
    + Serialize
    + Send
    + Sync
    + 'static
    + sealed::Sealed
{
    /// The type's name as Rust writes it: `"u32"`, `"i32"`, ...
    const NAME: &'static str;
    /// The smallest code of the type.
    const MIN: Self;
    /// The largest code of the type.
    const MAX: Self;
    /// Whether the type has negative values.
    const SIGNED: bool;

    /// The code as an `i128`, which holds every value of every code type.
    fn to_i128(self) -> i128;

    /// The code whose value is `value`, or `None` when the type cannot hold it.
    fn from_i128(value: i128) -> Option<Self>;

    /// Asks a format that is not self-describing for a value of this type.
    #[doc(hidden)]
    fn deserialize_declared<'de, D, V>(deserializer: D, visitor: V) -> Result<V::Value, D::Error>
    where
        D: serde::Deserializer<'de>,
        V: serde::de::Visitor<'de>;
}

/// `deserializer.deserialize_<ty>(visitor)`.
macro_rules! paste_deserialize {
    (u8, $d:ident, $v:ident) => {
        $d.deserialize_u8($v)
    };
    (u16, $d:ident, $v:ident) => {
        $d.deserialize_u16($v)
    };
    (u32, $d:ident, $v:ident) => {
        $d.deserialize_u32($v)
    };
    (u64, $d:ident, $v:ident) => {
        $d.deserialize_u64($v)
    };
    (i8, $d:ident, $v:ident) => {
        $d.deserialize_i8($v)
    };
    (i16, $d:ident, $v:ident) => {
        $d.deserialize_i16($v)
    };
    (i32, $d:ident, $v:ident) => {
        $d.deserialize_i32($v)
    };
    (i64, $d:ident, $v:ident) => {
        $d.deserialize_i64($v)
    };
}

macro_rules! code_types {
    ($($ty:ident $signed:literal),* $(,)?) => {$(
        impl sealed::Sealed for $ty {}

        impl Code for $ty {
            const NAME: &'static str = stringify!($ty);
            const MIN: Self = $ty::MIN;
            const MAX: Self = $ty::MAX;
            const SIGNED: bool = $signed;

            #[inline]
            fn to_i128(self) -> i128 {
                i128::from(self)
            }

            #[inline]
            fn from_i128(value: i128) -> Option<Self> {
                $ty::try_from(value).ok()
            }

            #[inline]
            fn deserialize_declared<'de, D, V>(
                deserializer: D,
                visitor: V,
            ) -> Result<V::Value, D::Error>
            where
                D: serde::Deserializer<'de>,
                V: serde::de::Visitor<'de>,
            {
                paste_deserialize!($ty, deserializer, visitor)
            }
        }
    )*};
}

code_types!(u8 false, u16 false, u32 false, u64 false, i8 true, i16 true, i32 true, i64 true);

/// A code of any code type written in decimal without allocating: a `-` when negative, then
/// ASCII digits.
#[derive(Clone, Copy)]
pub struct Decimal {
    bytes: [u8; 21],
    start: usize,
}

impl Decimal {
    /// The decimal form of a `u32` code, at compile time too (the tables' error messages).
    #[must_use]
    pub const fn new(code: u32) -> Self {
        Self::wide(code as i128)
    }

    /// The decimal form of `code`, which must lie within `i64::MIN..=u64::MAX` (every code
    /// type's values do); of a value outside, only the lowest 64 bits of its magnitude are
    /// written.
    #[must_use]
    pub const fn wide(code: i128) -> Self {
        let mut bytes = [b'0'; 21];
        let mut start = bytes.len();
        let negative = code < 0;
        // Every code type's magnitude fits 64 bits, where a division by ten is a multiply;
        // a 128-bit one is a call into the compiler's runtime for each digit.
        #[allow(clippy::cast_possible_truncation)]
        let mut rest = code.unsigned_abs() as u64;
        loop {
            start -= 1;
            #[allow(clippy::cast_possible_truncation)] // a digit is below 10
            {
                bytes[start] = b'0' + (rest % 10) as u8;
            }
            rest /= 10;
            if rest == 0 || start == 1 {
                break;
            }
        }
        if negative {
            start -= 1;
            bytes[start] = b'-';
        }
        Decimal { bytes, start }
    }

    /// The decimal form of any code.
    #[must_use]
    pub fn of<C: Code>(code: C) -> Self {
        Self::wide(code.to_i128())
    }

    /// The text, as bytes.
    #[must_use]
    pub const fn digits(&self) -> &[u8] {
        let (_, digits) = self.bytes.split_at(self.start);
        digits
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and `-` are ever written, so the conversion cannot fail.
        core::str::from_utf8(self.digits()).unwrap_or_default()
    }
}

/// Parses a code written as a decimal: ASCII digits, after one `-` when the code type is
/// signed; no `+`, no spaces, no fraction, not empty. `None` when the text is not of that form
/// (a message, then); `Some(Err(()))` when it is but the value does not fit `C`.
#[must_use]
pub fn parse_decimal<C: Code>(text: &str) -> Option<Result<C, ()>> {
    let (negative, digits) = match text.as_bytes() {
        [b'-', rest @ ..] if C::SIGNED => (true, rest),
        digits => (false, digits),
    };
    if digits.is_empty() {
        return None;
    }
    // One pass: a non-digit anywhere makes the text a message, even after an overflow. Twenty
    // digits exceed every code type: the value stops growing there.
    let mut value: i128 = 0;
    let mut overflow = false;
    for &byte in digits {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        if value > i128::from(u64::MAX) {
            overflow = true;
        } else {
            value = value * 10 + i128::from(digit);
        }
    }
    if negative {
        value = -value;
    }
    if overflow {
        return Some(Err(()));
    }
    Some(C::from_i128(value).ok_or(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_of_every_type_bound() {
        assert_eq!(Decimal::new(0).as_str(), "0");
        assert_eq!(Decimal::new(u32::MAX).as_str(), "4294967295");
        assert_eq!(Decimal::of(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(Decimal::of(i64::MIN).as_str(), "-9223372036854775808");
        assert_eq!(Decimal::of(-32601_i32).as_str(), "-32601");
        assert_eq!(Decimal::of(-1_i8).as_str(), "-1");
    }

    #[test]
    fn parsing_follows_the_sign_of_the_type() {
        assert_eq!(parse_decimal::<i32>("-32601"), Some(Ok(-32601)));
        assert_eq!(parse_decimal::<i32>("-0"), Some(Ok(0)));
        assert_eq!(parse_decimal::<i32>("2147483648"), Some(Err(())));
        assert_eq!(parse_decimal::<i32>("-2147483648"), Some(Ok(i32::MIN)));
        assert_eq!(parse_decimal::<i32>("-2147483649"), Some(Err(())));
        assert_eq!(
            parse_decimal::<i64>("-9223372036854775808"),
            Some(Ok(i64::MIN))
        );
        assert_eq!(
            parse_decimal::<u64>("18446744073709551615"),
            Some(Ok(u64::MAX))
        );
        assert_eq!(parse_decimal::<u64>("18446744073709551616"), Some(Err(())));
        assert_eq!(
            parse_decimal::<u64>("999999999999999999999999999999999999999999"),
            Some(Err(()))
        );
        for text in ["--1", "-", "+5", " -1", "-1 ", "1.5", "", "1e3", "- 1"] {
            assert_eq!(parse_decimal::<i32>(text), None, "{text:?}");
        }
        // An unsigned table reads `-1` as a message (which it will not know), as it always has.
        assert_eq!(parse_decimal::<u32>("-1"), None);
        assert_eq!(parse_decimal::<u32>("4294967296"), Some(Err(())));
        assert_eq!(parse_decimal::<u8>("256"), Some(Err(())));
    }
}

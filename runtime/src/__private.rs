//! Support for the code that `#[derive(ApiError)]` generates. Not public API: nothing here is
//! covered by semver, and everything may change in any release.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;

pub use core;
pub use serde;

use crate::CodeTable;

/// Expands, for one derived type, to the impls of every optional integration this crate was
/// built with. Called by the derive as
/// `integrations! { [impl generics] [type] [where clause] }`; each integration's macro (see
/// `integrations.rs`) is a no-op when its feature is off.
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_integrations {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*]) => {
        $crate::__apicode_axum! { [$($generics)*] [$($ty)*] [$($where)*] }
        $crate::__apicode_actix_web! { [$($generics)*] [$($ty)*] [$($where)*] }
        $crate::__apicode_utoipa! { [$($generics)*] [$($ty)*] [$($where)*] }
        $crate::__apicode_aide! { [$($generics)*] [$($ty)*] [$($where)*] }
        $crate::__apicode_tonic! { [$($generics)*] [$($ty)*] [$($where)*] }
        $crate::__apicode_jsonrpsee! { [$($generics)*] [$($ty)*] [$($where)*] [u32] }
        $crate::__apicode_rmcp! { [$($generics)*] [$($ty)*] [$($where)*] [u32] }
    };
}

pub use crate::__apicode_integrations as integrations;

#[cfg(any(feature = "utoipa", feature = "aide"))]
pub use crate::openapi::Documented;

/// The frameworks and helpers that the integrations' impls name.
pub use crate::integrations::support as web;
pub use crate::jsonrpc::support as jsonrpc;

/// Turns a source field into `&dyn Error`, whether it is a sized error or a trait object.
pub trait AsDynError<'a> {
    /// The field as a trait object.
    fn __apicode_as_dyn_error(&self) -> &(dyn core::error::Error + 'a);
}

impl<'a, T: core::error::Error + 'a> AsDynError<'a> for T {
    fn __apicode_as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
        self
    }
}

macro_rules! as_dyn_error_for_trait_objects {
    ($($object:ty),*) => {$(
        impl<'a> AsDynError<'a> for $object {
            fn __apicode_as_dyn_error(&self) -> &(dyn core::error::Error + 'a) {
                self
            }
        }
    )*};
}

as_dyn_error_for_trait_objects!(
    dyn core::error::Error + 'a,
    dyn core::error::Error + Send + 'a,
    dyn core::error::Error + Sync + 'a,
    dyn core::error::Error + Send + Sync + 'a
);

/// Builds a field from `Default::default()` when its type has a `Default` impl, and gives `None`
/// when it has not, without a trait bound: the two traits below are resolved by method lookup,
/// which tries `ViaDefault` (on `DefaultProbe<T>`) before `NoDefault` (on `&DefaultProbe<T>`).
pub struct DefaultProbe<T>(PhantomData<T>);

impl<T> DefaultProbe<T> {
    /// A probe for `T`.
    #[must_use]
    pub const fn new() -> Self {
        DefaultProbe(PhantomData)
    }
}

impl<T> Default for DefaultProbe<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// The probe's answer for a type with a `Default` impl.
pub trait ViaDefault<T> {
    /// `Some(T::default())`.
    fn __apicode_default(&self) -> Option<T>;
}

impl<T: Default> ViaDefault<T> for DefaultProbe<T> {
    #[inline]
    fn __apicode_default(&self) -> Option<T> {
        Some(T::default())
    }
}

/// The probe's answer for a type without one.
pub trait NoDefault<T> {
    /// `None`.
    fn __apicode_default(&self) -> Option<T>;
}

impl<T> NoDefault<T> for &DefaultProbe<T> {
    #[inline]
    fn __apicode_default(&self) -> Option<T> {
        None
    }
}

/// A `u32` written in decimal without allocating.
#[derive(Clone, Copy)]
pub struct Decimal {
    digits: [u8; 10],
    start: usize,
}

impl Decimal {
    /// The decimal form of `code`.
    #[must_use]
    pub const fn new(mut code: u32) -> Self {
        let mut digits = [b'0'; 10];
        let mut start = 10;
        loop {
            start -= 1;
            #[allow(clippy::cast_possible_truncation)] // a digit is below 10
            {
                digits[start] = b'0' + (code % 10) as u8;
            }
            code /= 10;
            if code == 0 {
                break;
            }
        }
        Decimal { digits, start }
    }

    /// The digits, as bytes.
    #[must_use]
    pub const fn digits(&self) -> &[u8] {
        let (_, digits) = self.digits.split_at(self.start);
        digits
    }

    /// The digits.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // Only ASCII digits are ever written, so the conversion cannot fail.
        core::str::from_utf8(&self.digits[self.start..]).unwrap_or_default()
    }
}

/// `hash` scaled to `0..len` without a division.
#[inline]
const fn reduce(hash: u32, len: usize) -> usize {
    // The product of a 32-bit hash and a length below 2^32, shifted back: below `len`.
    #[allow(clippy::cast_possible_truncation)]
    {
        ((hash as u64 * len as u64) >> 32) as usize
    }
}

/// The bucket of `code` in the perfect hash that `from_code` uses on large tables; the derive
/// computes the same function at expansion time (`phf.rs`): the two must stay identical.
#[inline]
#[must_use]
pub const fn bucket_hash(code: u32, buckets: usize) -> usize {
    reduce(code.wrapping_mul(0x9E37_79B1), buckets)
}

/// The slot of `code` under `displacement` in that perfect hash.
#[inline]
#[must_use]
pub const fn slot_hash(code: u32, displacement: u32, slots: usize) -> usize {
    let mixed = (code ^ displacement).wrapping_mul(0x85EB_CA6B);
    reduce((mixed ^ (mixed >> 16)).wrapping_mul(0x9E37_79B1), slots)
}

/// The 32-bit FNV-1a hash of a message: the key of the perfect hash that `from_message` uses
/// on large tables. The derive computes the same function at expansion time (`phf.rs`): the
/// two must stay identical.
#[inline]
#[must_use]
pub const fn message_hash(message: &str) -> u32 {
    let bytes = message.as_bytes();
    let mut hash: u32 = 0x811C_9DC5;
    let mut index = 0;
    while index < bytes.len() {
        hash = (hash ^ bytes[index] as u32).wrapping_mul(0x0100_0193);
        index += 1;
    }
    hash
}

/// Parses a code written as ASCII digits only: no sign, no spaces, no fraction, not empty.
/// `None` when the text is not of that form; `Some(Err(()))` when it is but exceeds `u32`.
#[must_use]
pub fn parse_decimal(text: &str) -> Option<Result<u32, ()>> {
    if text.is_empty() {
        return None;
    }
    // One pass: a non-digit anywhere makes the text a message, even after an overflow.
    let mut code: Option<u32> = Some(0);
    for byte in text.bytes() {
        let digit = byte.wrapping_sub(b'0');
        if digit > 9 {
            return None;
        }
        code = code
            .and_then(|code| code.checked_mul(10))
            .and_then(|tens| tens.checked_add(u32::from(digit)));
    }
    Some(code.ok_or(()))
}

/// Writes the catch-all's `Display`: it names the code it holds.
pub fn fmt_unknown(f: &mut fmt::Formatter<'_>, detail: Option<&str>, code: u32) -> fmt::Result {
    match detail {
        Some(detail) => write!(f, "{detail} (code {code})"),
        None => write!(f, "unknown error code {code}"),
    }
}

/// Serializes a code held at run time as a decimal string.
pub fn serialize_code_str<S: Serializer>(serializer: S, code: u32) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(Decimal::new(code).as_str())
}

/// How a derived table converts a code it reads: exactly as its `From<u32>` (with a
/// catch-all) or `TryFrom<u32>` (without one) does. Implemented by the derive, so that the
/// visitor below calls the lookup directly (inlined) rather than through a function pointer.
pub trait Decode: CodeTable {
    /// The value for `code`, or `None` where `TryFrom<u32>` fails.
    fn decode(code: u32) -> Option<Self>;
}

/// Deserializes a table value from an integer, a decimal string or a message.
///
/// Formats that are not human readable carry the code in its declared form only
/// (`as_string`), since they cannot say which form they hold.
pub fn deserialize_code<'de, D, T>(deserializer: D, as_string: bool) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Decode,
{
    // The visitor only reads; the code is converted here, once the deserializer has returned.
    // Converting inside the visitor put the table lookup into the format's number parser,
    // where it cost about 6 ns per value in serde_json (BENCHMARKS.md, "Deserialize").
    let visitor = CodeVisitor(PhantomData);
    let read = if deserializer.is_human_readable() {
        deserializer.deserialize_any(visitor)
    } else if as_string {
        deserializer.deserialize_str(visitor)
    } else {
        deserializer.deserialize_u32(visitor)
    };
    match read? {
        Read::Code(code) => match T::decode(code) {
            Some(value) => Ok(value),
            None => Err(not_decoded::<T, D::Error>(code)),
        },
        Read::Value(value) => Ok(value),
    }
}

/// What the visitor read: a code still to convert, or a value found by its message.
enum Read<T> {
    Code(u32),
    Value(T),
}

/// The error for a code that `Decode` refuses; out of line, since valid input never needs it.
#[cold]
#[inline(never)]
fn not_decoded<T: CodeTable, E: de::Error>(code: u32) -> E {
    match T::entry(code) {
        Some(entry) => E::custom(format_args!(
            "{} code {} ({}) cannot be built from its code alone",
            T::NAME,
            code,
            entry.message
        )),
        None => E::custom(format_args!("unknown {} code {}", T::NAME, code)),
    }
}

struct CodeVisitor<T>(PhantomData<fn() -> T>);

/// How much of a refused string an error message quotes.
const QUOTED_CHARS: usize = 64;

struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.char_indices().nth(QUOTED_CHARS) {
            Some((end, _)) => write!(f, "{:?}...", &self.0[..end]),
            None => write!(f, "{:?}", self.0),
        }
    }
}

impl<T: Decode> Visitor<'_> for CodeVisitor<T> {
    type Value = Read<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a code of {}: an integer, a decimal string or a message",
            T::NAME
        )
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Read<T>, E> {
        match u32::try_from(value) {
            Ok(code) => Ok(Read::Code(code)),
            Err(_) => Err(E::invalid_value(Unexpected::Unsigned(value), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Read<T>, E> {
        match u32::try_from(value) {
            Ok(code) => Ok(Read::Code(code)),
            Err(_) => Err(E::invalid_value(Unexpected::Signed(value), &self)),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Read<T>, E> {
        match u32::try_from(value) {
            Ok(code) => Ok(Read::Code(code)),
            Err(_) => Err(E::invalid_value(
                Unexpected::Other("a 128-bit integer"),
                &self,
            )),
        }
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Read<T>, E> {
        match u32::try_from(value) {
            Ok(code) => Ok(Read::Code(code)),
            Err(_) => Err(E::invalid_value(
                Unexpected::Other("a 128-bit integer"),
                &self,
            )),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Read<T>, E> {
        match parse_decimal(value) {
            Some(Ok(code)) => Ok(Read::Code(code)),
            Some(Err(())) => Err(E::custom(format_args!(
                "{} code {} does not fit in u32",
                T::NAME,
                Quoted(value)
            ))),
            None => match T::from_message(value) {
                Some(found) => Ok(Read::Value(found)),
                // A declared message whose variant cannot be built from it alone converts as its
                // code does: to the catch-all, or to an error that says why.
                None => match T::ENTRIES.iter().find(|entry| entry.message == value) {
                    Some(entry) => Ok(Read::Code(entry.code)),
                    None => Err(E::custom(format_args!(
                        "unknown {} code or message {}",
                        T::NAME,
                        Quoted(value)
                    ))),
                },
            },
        }
    }

    fn visit_bytes<E: de::Error>(self, value: &[u8]) -> Result<Read<T>, E> {
        match core::str::from_utf8(value) {
            Ok(text) => self.visit_str(text),
            Err(_) => Err(E::invalid_value(Unexpected::Bytes(value), &self)),
        }
    }
}

pub use crate::compose::{Report, Rows, Segment, append_row, check_segment, flat_len, flatten};

#[cfg(test)]
mod tests {
    use super::message_hash;

    #[test]
    fn message_hash_is_fnv_1a() {
        // The published FNV-1a 32-bit test vectors: the derive's copy is pinned to the same.
        assert_eq!(message_hash(""), 0x811C_9DC5);
        assert_eq!(message_hash("a"), 0xE40C_292C);
        assert_eq!(message_hash("foobar"), 0xBF9C_F968);
    }
}

//! Support for the code that `#[derive(ApiError)]` generates. Not public API: nothing here is
//! covered by semver, and everything may change in any release.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::ser::Serializer;

pub use core;
pub use serde;

use crate::{ApiError, Code, CodeTable, Entry};

/// Expands, for one derived type, to the impls of every optional integration this crate was
/// built with. Called by the derive as
/// `integrations! { [impl generics] [type] [where clause] [code type] }`, the code type an
/// identifier (`u32`, `i32`, ...); each integration's macro (see `integrations.rs` and
/// `jsonrpc/`) is a no-op when its feature is off.
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_integrations {
    ([$($generics:tt)*] [$($ty:tt)*] [$($where:tt)*] [$code:ident]) => {
        $crate::__apicode_axum! { [$($generics)*] [$($ty)*] [$($where)*] [$code] }
        $crate::__apicode_actix_web! { [$($generics)*] [$($ty)*] [$($where)*] [$code] }
        $crate::__apicode_utoipa! { [$($generics)*] [$($ty)*] [$($where)*] [$code] }
        $crate::__apicode_aide! { [$($generics)*] [$($ty)*] [$($where)*] [$code] }
        $crate::__apicode_tonic! { [$($generics)*] [$($ty)*] [$($where)*] [$code] }
        $crate::__apicode_jsonrpsee! { [$($generics)*] [$($ty)*] [$($where)*] [$code] }
        $crate::__apicode_rmcp! { [$($generics)*] [$($ty)*] [$($where)*] [$code] }
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

pub use crate::code::{Decimal, parse_decimal};

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

/// Writes the catch-all's `Display`: it names the code it holds.
pub fn fmt_unknown<C: Code>(
    f: &mut fmt::Formatter<'_>,
    detail: Option<&str>,
    code: C,
) -> fmt::Result {
    match detail {
        Some(detail) => write!(f, "{detail} (code {code})"),
        None => write!(f, "unknown error code {code}"),
    }
}

/// Serializes a code held at run time as a decimal string.
pub fn serialize_code_str<S: Serializer, C: Code>(
    serializer: S,
    code: C,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(Decimal::of(code).as_str())
}

/// How a derived table converts a code it reads: exactly as its `From<C>` (with a
/// catch-all) or `TryFrom<C>` (without one) does. Implemented by the derive, so that the
/// visitor below calls the lookup directly (inlined) rather than through a function pointer.
/// Needs no `Error` impl (unlike [`ApiTable`](crate::ApiTable)), so that a generic table deserializes under the
/// same bounds as it did before it had code types.
pub trait Decode: CodeTable<<Self as Decode>::Code> {
    /// The table's code type.
    type Code: Code;
    /// The value for `code`, or `None` where `TryFrom<C>` fails.
    fn decode(code: <Self as Decode>::Code) -> Option<Self>;
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
        <<T as Decode>::Code as Code>::deserialize_declared(deserializer, visitor)
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
enum Read<T: Decode> {
    Code(<T as Decode>::Code),
    Value(T),
}

/// The error for a code that `Decode` refuses; out of line, since valid input never needs it.
#[cold]
#[inline(never)]
fn not_decoded<T: Decode, E: de::Error>(code: <T as Decode>::Code) -> E {
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
            "a code of {}: an integer that fits in {}, a decimal string or a message",
            T::NAME,
            <<T as Decode>::Code as Code>::NAME,
        )
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Read<T>, E> {
        match <T as Decode>::Code::from_i128(i128::from(value)) {
            Some(code) => Ok(Read::Code(code)),
            None => Err(E::invalid_value(Unexpected::Unsigned(value), &self)),
        }
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Read<T>, E> {
        match <T as Decode>::Code::from_i128(i128::from(value)) {
            Some(code) => Ok(Read::Code(code)),
            None => Err(E::invalid_value(Unexpected::Signed(value), &self)),
        }
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Read<T>, E> {
        match i128::try_from(value)
            .ok()
            .and_then(<T as Decode>::Code::from_i128)
        {
            Some(code) => Ok(Read::Code(code)),
            None => Err(E::invalid_value(
                Unexpected::Other("a 128-bit integer"),
                &self,
            )),
        }
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Read<T>, E> {
        match <T as Decode>::Code::from_i128(value) {
            Some(code) => Ok(Read::Code(code)),
            None => Err(E::invalid_value(
                Unexpected::Other("a 128-bit integer"),
                &self,
            )),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Read<T>, E> {
        match parse_decimal(value) {
            Some(Ok(code)) => Ok(Read::Code(code)),
            Some(Err(())) => Err(E::custom(format_args!(
                "{} code {} does not fit in {}",
                T::NAME,
                Quoted(value),
                <<T as Decode>::Code as Code>::NAME,
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

pub use crate::compose::{Report, Rows};

/// What a table reads of a `#[code(transparent)]` variant's inner table, whose code type must
/// be its own (`C`). One trait for every use, so that an inner type that is not a table of
/// `C` codes is one error, at the field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an apicode table of `{C}` codes",
    label = "`#[code(transparent)]` delegates to a table whose codes are `{C}`, as this table's",
    note = "a table's codes are `u32` unless `#[api_error(code = ...)]` declares another type; tables of different code types never nest"
)]
pub trait Nested<C: Code>: Sized {
    /// The inner table's name.
    const NESTED_NAME: &'static str;
    /// The inner table's entries.
    const NESTED_ENTRIES: &'static [Entry<C>];
    /// The inner table's range.
    const NESTED_RANGE: Option<crate::CodeRange<C>>;
    /// `CodeTable::from_code`.
    fn nested_from_code(code: C) -> Option<Self>;
    /// `CodeTable::from_message`.
    fn nested_from_message(message: &str) -> Option<Self>;
    /// `ApiError::code`.
    fn nested_code(&self) -> C;
    /// `ApiError::message`.
    fn nested_message(&self) -> &'static str;
    /// `ApiError::detail`.
    fn nested_detail(&self) -> &'static str;
    /// `ApiError::http_status`.
    fn nested_http_status(&self) -> u16;
    /// `ApiError::grpc_code`.
    fn nested_grpc_code(&self) -> crate::grpc::GrpcCode;
}

impl<C: Code, T: crate::ApiTable<Code = C>> Nested<C> for T {
    const NESTED_NAME: &'static str = T::NAME;
    const NESTED_ENTRIES: &'static [Entry<C>] = T::ENTRIES;
    const NESTED_RANGE: Option<crate::CodeRange<C>> = T::RANGE;
    #[inline]
    fn nested_from_code(code: C) -> Option<Self> {
        T::from_code(code)
    }
    #[inline]
    fn nested_from_message(message: &str) -> Option<Self> {
        T::from_message(message)
    }
    #[inline]
    fn nested_code(&self) -> C {
        ApiError::code(self)
    }
    #[inline]
    fn nested_message(&self) -> &'static str {
        self.message()
    }
    #[inline]
    fn nested_detail(&self) -> &'static str {
        self.detail()
    }
    #[inline]
    fn nested_http_status(&self) -> u16 {
        self.http_status()
    }
    #[inline]
    fn nested_grpc_code(&self) -> crate::grpc::GrpcCode {
        self.grpc_code()
    }
}

/// The compile-time composition of tables, one module per code type.
pub mod compose {
    pub use crate::compose::{i8, i16, i32, i64, u8, u16, u32, u64};
}

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

//! Reading a table's value from any serde format: an integer, a decimal string or a message,
//! converted as the table's `From<C>` or `TryFrom<C>` does. Support for generated code, hidden
//! (re-exported by `__private`); `grpc` and the documents read codes through it too.

use core::fmt;
use core::marker::PhantomData;

use serde::de::{self, Deserializer, Unexpected, Visitor};

use crate::code::parse_decimal;
use crate::{Code, CodeTable};

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

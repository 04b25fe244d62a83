//! Support for the code that `#[derive(ApiError)]` generates. Not public API: nothing here is
//! covered by semver, and everything may change in any release.

use core::fmt;
use core::marker::PhantomData;

use serde::ser::Serializer;

pub use core;
pub use serde;

use crate::{ApiError, Code, Entry};

/// Expands, for one derived type, to the impls of every optional integration this crate was
/// built with. Called by the derive as
/// `integrations! { [impl generics] [type] [where clause] [code type] }`, the code type an
/// identifier (`u32`, `i32`, ...); each integration's macro (in the integration's own module: `axum.rs`,
/// `actix.rs`, `openapi/`, `grpc/tonic.rs`, `jsonrpc/`) is a no-op when its feature is off.
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

/// The frameworks and helpers that the web, OpenAPI and gRPC integrations' impls name, each
/// defined in the integration's own module.
pub mod web {
    #[cfg(feature = "actix-web")]
    pub use actix_web;
    #[cfg(feature = "axum")]
    pub use axum_core;
    #[cfg(feature = "tonic")]
    pub use tonic;
    #[cfg(feature = "utoipa")]
    pub use utoipa;
    #[cfg(feature = "aide")]
    pub use {aide, schemars};

    #[cfg(any(feature = "utoipa", feature = "aide"))]
    pub use std::{borrow::Cow, string::String, vec::Vec};

    #[cfg(feature = "actix-web")]
    pub use crate::actix::{actix_response, actix_status};
    #[cfg(feature = "axum")]
    pub use crate::axum::axum_response;
    #[cfg(feature = "tonic")]
    pub use crate::grpc::status as tonic_status;
    #[cfg(feature = "aide")]
    pub use crate::openapi::aide::{aide_responses, schemars_id, schemars_name, schemars_schema};
    #[cfg(feature = "utoipa")]
    pub use crate::openapi::utoipa::{
        UtoipaResponses, UtoipaSchema, utoipa_name, utoipa_responses, utoipa_schema, utoipa_schemas,
    };
}

/// The JSON-RPC error types and helpers that the JSON-RPC integrations' impls name, each
/// defined in the integration's own module.
pub mod jsonrpc {
    #[cfg(feature = "jsonrpsee")]
    pub use ::jsonrpsee_types::ErrorObjectOwned;
    #[cfg(feature = "rmcp")]
    pub use ::rmcp::model::ErrorData;

    pub use crate::jsonrpc::CodeOutOfRange;
    #[cfg(feature = "rmcp")]
    pub use crate::jsonrpc::{error_data, try_error_data};
    #[cfg(feature = "jsonrpsee")]
    pub use crate::jsonrpc::{error_object, try_error_object};
}

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

pub use crate::decode::{Decode, deserialize_code};

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
    fn nested_grpc_code(&self) -> crate::grpc_code::GrpcCode;
    /// `ApiError::retry`.
    fn nested_retry(&self) -> crate::guidance::Retry;
    /// `ApiError::help_link`.
    fn nested_help_link(&self) -> Option<crate::guidance::HelpLink<'static>>;
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
    fn nested_grpc_code(&self) -> crate::grpc_code::GrpcCode {
        self.grpc_code()
    }
    #[inline]
    fn nested_retry(&self) -> crate::guidance::Retry {
        self.retry()
    }
    #[inline]
    fn nested_help_link(&self) -> Option<crate::guidance::HelpLink<'static>> {
        self.help_link()
    }
}

/// Stamps one `const fn` per column the accessors read: the field `$field` of every row, as
/// an array of its own (a `const fn` cannot take the field as an argument on stable Rust).
macro_rules! columns {
    ($($(#[$doc:meta])* $name:ident: $field:ident, $ty:ty;)*) => {$(
        $(#[$doc])*
        #[must_use]
        pub const fn $name<C: Copy, const N: usize>(rows: &[Entry<C>; N]) -> [$ty; N] {
            // Every row is written below; the first one only gives the array a value.
            let mut out = [rows[0].$field; N];
            let mut row = 0;
            while row < N {
                out[row] = rows[row].$field;
                row += 1;
            }
            out
        }
    )*};
}

columns! {
    /// The codes of `rows`, for `ApiError::code`.
    code_column: code, C;
    /// The messages of `rows`, for `ApiError::message`.
    message_column: message, &'static str;
    /// The details of `rows`, for `ApiError::detail` and `Display`.
    detail_column: detail, &'static str;
    /// The statuses of `rows`, for `ApiError::http_status`.
    status_column: status, u16;
}

/// The type of a `#[retry_after]` field: a delay.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a duration: a `#[retry_after]` field holds a `core::time::Duration`",
    label = "the retry delay of this instance",
    note = "`std::time::Duration` is `core::time::Duration`; for a number of seconds, store `Duration::from_secs(n)`"
)]
pub trait RetryDelay {
    /// The delay.
    fn retry_delay(&self) -> core::time::Duration;
}

impl RetryDelay for core::time::Duration {
    #[inline]
    fn retry_delay(&self) -> core::time::Duration {
        *self
    }
}

/// The retry policy of a variant whose `#[retry_after]` field holds `delay`.
#[inline]
pub fn retry_after<T: RetryDelay + ?Sized>(delay: &T) -> crate::guidance::Retry {
    crate::guidance::Retry::After(delay.retry_delay())
}

/// The help link of a row, for the code `code`.
#[inline]
pub fn help_link<C: Code>(row: &Entry<C>, code: C) -> Option<crate::guidance::HelpLink<'static>> {
    row.help
        .map(|template| crate::guidance::HelpLink::new(template, code.to_i128(), row.message))
}

/// Probes whether a table has translations, for the web integrations' answers: called on
/// `&&LocaleProbe<T>`, method resolution picks [`HasLocale`] (implemented for
/// `&LocaleProbe<T>` when `T` is `Localized`, feature `fluent`) before it derefs to
/// [`NoLocale`] (implemented for `LocaleProbe<T>`).
#[cfg(feature = "std")]
pub struct LocaleProbe<T>(PhantomData<T>);

#[cfg(feature = "std")]
impl<T> LocaleProbe<T> {
    #[allow(clippy::new_without_default)]
    pub const fn new() -> Self {
        LocaleProbe(PhantomData)
    }
}

/// What an error answer carries so that a middleware can answer it in the request's language:
/// renders the body for an `Accept-Language` value, with the language it is in.
#[cfg(feature = "std")]
#[derive(Clone)]
pub struct Localizer(pub std::sync::Arc<Render>);

/// Renders an answer's body for an `Accept-Language` value, with the language it is in.
#[cfg(feature = "std")]
pub type Render = dyn Fn(&str) -> Option<(std::vec::Vec<u8>, &'static str)> + Send + Sync;

/// The fallback: a table without translations carries nothing.
#[cfg(feature = "std")]
pub trait NoLocale<T> {
    fn __apicode_localizer(&self, value: T) -> Option<Localizer>;
}

#[cfg(feature = "std")]
impl<T> NoLocale<T> for LocaleProbe<T> {
    fn __apicode_localizer(&self, value: T) -> Option<Localizer> {
        let _ = value;
        None
    }
}

/// A table with translations carries its renderer.
#[cfg(feature = "std")]
pub trait HasLocale<T> {
    fn __apicode_localizer(&self, value: T) -> Option<Localizer>;
}

// Implemented for `&LocaleProbe<T>` where `T` is `Localized`, in `locale`.

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

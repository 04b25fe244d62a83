//! Turn an enum of API error codes into a complete error type.
//!
//! `#[derive(ApiError)]` reads one `#[code(...)]` line per variant and generates everything a
//! service or a client needs around a table of numeric error codes:
//!
//! - [`ApiError`]: the code, the table's message and detail, the HTTP status;
//! - `Display` (from doc comments or thiserror-style `#[error("...")]` formats) and
//!   [`core::error::Error`] with sources, `#[from]` conversions;
//! - `u32::from(e)`, `E::from(code)` with a catch-all variant or `E::try_from(code)` without one
//!   (codes are `u32` unless the table declares another [`Code`] type, `i32` for JSON-RPC);
//! - [`CodeTable`]: the whole table as data ([`CodeTable::ENTRIES`]) and strict lookups;
//! - `serde::Serialize` and `serde::Deserialize`, the code as a number or a decimal string;
//! - the table's [`wire`] format over HTTP ([`CodeTable::WIRE`]), declared once with
//!   `#[api_error(wire(...))]` and followed by the web answers, the client and the documents.
//!
//! ```
//! use apicode::{ApiError, CodeTable};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400, serde = "string")]
//! pub enum SmsError {
//!     /// Request succeeded
//!     #[code(0, "Ok", status = 200)]
//!     Ok,
//!     /// Invalid signature timestamp. Please check that the value passed in is a valid Unix
//!     /// timestamp, accepting a 10 minute difference from the server time
//!     #[code(104202, "InvalidSignatureTimestamp", status = 401)]
//!     InvalidSignatureTimestamp,
//!     /// Invalid phone number
//!     #[code(107111, "InvalidPhoneNumbers")]
//!     #[error("invalid phone number: {number}")]
//!     InvalidPhoneNumbers { number: String },
//!     #[code(other)]
//!     Unknown(u32),
//! }
//!
//! let e = SmsError::from(104202);
//! assert_eq!(e.message(), "InvalidSignatureTimestamp");
//! assert_eq!(e.http_status(), 401);
//! assert_eq!(u32::from(e), 104202);
//!
//! let e = SmsError::InvalidPhoneNumbers { number: "+1 555".into() };
//! assert_eq!(e.to_string(), "invalid phone number: +1 555");
//! assert_eq!(e.detail(), "Invalid phone number");
//! assert_eq!(e.http_status(), 400);
//!
//! assert!(matches!(SmsError::from(999), SmsError::Unknown(999)));
//! assert_eq!(SmsError::ENTRIES.len(), 3);
//! ```
//!
//! The attribute reference and the list of generated impls are in the
//! [`ApiError` derive's documentation](derive@ApiError) and in the README.
//!
//! # Features
//!
//! - `std` (default): implies `alloc`; without both, the crate needs nothing beyond `core`.
//! - `alloc`: the [`table`] renderers, which return `String`s.
//! - `http`: `http::StatusCodeExt` (the status as an `http::StatusCode`) and `http::ErrorBody`,
//!   the default JSON body.
//! - `axum`: every derived type implements `axum::response::IntoResponse`.
//! - `actix-web`: every derived type implements `actix_web::ResponseError`.
//! - `problem`: `problem::Problem`, RFC 9457 `application/problem+json` bodies.
//! - `client`: `client::Reader::read`, an HTTP answer read back into `Result<T, E>` (the
//!   envelope reader, [`client::Reader::envelope`], needs only `alloc`).
//! - `reqwest`, `ureq`: `client::reqwest::ResponseExt`, `client::ureq::ResponseExt`, the same
//!   in one call on those clients' responses.
//! - `utoipa`: every derived type implements `utoipa::IntoResponses`, `utoipa::ToSchema` and
//!   `utoipa::PartialSchema` (utoipa 6, which needs Rust 1.88); see [`openapi`] for the document.
//! - `aide`: every derived type implements `aide::OperationOutput` and `schemars::JsonSchema`
//!   (aide 0.15, schemars 0.9).
//! - `tonic`: every derived type converts into a `tonic::Status` carrying a
//!   `google.rpc.ErrorInfo`, and back with `grpc::FromStatus` (see [`grpc`]).
//! - `jsonrpsee`: every derived type converts into a JSON-RPC 2.0
//!   `jsonrpsee_types::ErrorObjectOwned` (jsonrpsee-types 0.26), and back with
//!   `jsonrpc::FromErrorObject` (see [`jsonrpc`]: `From` or `TryFrom`, by code type).
//! - `rmcp`: every derived type converts into a Model Context Protocol `rmcp::model::ErrorData`
//!   (rmcp 3, which needs Rust 1.88), and back with `jsonrpc::FromErrorData`.
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

// Lets the derive's absolute `::apicode::` paths resolve inside this crate's own tests.
extern crate self as apicode;

mod actix;
mod axum;
mod code;
mod compose;
mod decode;
mod entry;
mod features;
pub mod grpc;
mod grpc_code;
pub mod guidance;
pub mod jsonrpc;
mod reason;
mod unknown;
pub mod wire;

#[cfg(feature = "alloc")]
pub mod table;

#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub mod client;

#[cfg(feature = "http")]
#[cfg_attr(docsrs, doc(cfg(feature = "http")))]
pub mod http;
#[cfg(feature = "fluent")]
#[cfg_attr(docsrs, doc(cfg(feature = "fluent")))]
pub mod locale;
#[cfg(any(feature = "utoipa", feature = "aide"))]
#[cfg_attr(docsrs, doc(cfg(any(feature = "utoipa", feature = "aide"))))]
pub mod openapi;
#[cfg(feature = "problem")]
#[cfg_attr(docsrs, doc(cfg(feature = "problem")))]
pub mod problem;

#[doc(hidden)]
pub mod __private;

pub use crate::code::Code;
pub use crate::entry::{CodeRange, Entry};
pub use crate::unknown::UnknownCode;

/// Derives [`ApiError`](trait@ApiError), [`CodeTable`], `Display`, `Error`, conversions and
/// serde impls for an enum of error codes.
///
/// # Attributes
///
/// On the enum, `#[api_error(...)]` (optional):
///
/// | key | meaning |
/// | --- | --- |
/// | `status = 400` | the HTTP status of variants that give none (default 500) |
/// | `code = i32` | the [code type](Code): `u32` (default), `i32`, `i64`, `u64`, `i16`, `u16`, `i8`, `u8` |
/// | `serde = "number"` / `serde = "string"` | how the code is serialized (default `"number"`) |
/// | `range = 104000..=107999` | the code space the table reserves, checked at compile time |
/// | `thiserror` | leave `Display` and `Error` to `thiserror::Error` (or to your own impls) |
/// | `grpc = "unauthenticated"` | the gRPC code of variants that give none (default: the HTTP status's) |
/// | `domain = "api.example.com"` | the `google.rpc.ErrorInfo` domain (default: the enum's name) |
/// | `wire(code = "errcode", status = 200, ...)`, `wire(problem)` | how errors travel over HTTP: see [`wire`] (default: `{"code", "message"}` under each code's status) |
/// | `help = "https://docs.example.com/errors/{code}"` | the help link of every code, `{code}` and `{message}` filled in; see [`guidance`] |
/// | `retry = true` / `retry = false` / `retry_after = 60` | the retry policy of the error codes (default: what HTTP suggests for the status) |
/// | `skip(axum, ...)` | leave these integrations out, whatever features the build turns on |
/// | `integrations(tonic, ...)` | these integrations only, each requiring its feature |
/// | `crate = "path"` | where the runtime is, when `apicode` is renamed or re-exported |
///
/// On every variant, exactly one `#[code(...)]`:
///
/// | form | meaning |
/// | --- | --- |
/// | `#[code(104202, "InvalidSignatureTimestamp")]` | the code and its message; optional `status = 401`, `detail = "..."`, `grpc = "not_found"`, `help = "..."` or `help = none`, `retry = true` / `retry = false` / `retry_after = 60` |
/// | `#[code(other)]` | the catch-all for codes outside the table; holds one code (`u32`, or the declared type) |
/// | `#[code(transparent)]` | the single field is another table; everything is delegated to it |
/// | `#[code(Type::Variant)]` | reuses the entry of another table's variant |
///
/// thiserror's attributes keep their meaning: `#[error("...")]`, `#[error(transparent)]`,
/// `#[from]`, `#[source]`, and a field named `source`. `#[retry_after]` on a
/// `core::time::Duration` field gives one instance's retry delay.
///
/// # Example
///
/// ```
/// use apicode::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// The item is out of stock
///     #[code(1001, "OutOfStock", status = 409)]
///     OutOfStock,
///     #[code(1002, "Io")]
///     #[error("storage failed")]
///     Io(#[from] std::io::Error),
/// }
///
/// let e = StoreError::OutOfStock;
/// assert_eq!((e.code(), e.http_status()), (1001, 409));
/// assert_eq!(e.to_string(), "The item is out of stock");
/// ```
pub use apicode_macros::ApiError;

/// An error that carries an API code: the trait every `#[derive(ApiError)]` type implements.
///
/// `C` is the table's [code type](Code), `u32` unless the table declares another with
/// `#[api_error(code = i32)]`; a table implements `ApiError<C>` for its own code type only.
/// Generic code over tables of any code type bounds by [`ApiTable`].
///
/// The trait is object safe, so heterogeneous errors can travel as `Box<dyn ApiError>` (the
/// `u32` tables, as ever) or `Box<dyn ApiError<i32>>`:
///
/// ```
/// # use apicode::ApiError;
/// #[derive(Debug, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
/// }
///
/// let boxed: Box<dyn ApiError> = Box::new(AuthError::MissingAccessKeyId);
/// assert_eq!(boxed.code(), 104110);
/// assert_eq!(boxed.to_string(), "Missing AccessKeyId");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an apicode table",
    label = "this type does not derive `ApiError`"
)]
pub trait ApiError<C: Code = u32>: core::error::Error {
    /// The numeric code, as the table declares it (or as the catch-all variant holds it).
    fn code(&self) -> C;

    /// The table's name for the code, such as `"InvalidSignatureTimestamp"`; for the catch-all
    /// variant, the variant's name.
    fn message(&self) -> &'static str;

    /// The human sentence for the code: `detail = "..."` if given, else the first paragraph of
    /// the variant's doc comment, else the message.
    ///
    /// Clients read it: it is the `Display` of a variant without `#[error]`, the `detail` of a
    /// 5xx problem body, and a column of the published table. So the doc comment of a variant
    /// is client-visible text, and a variant without one shows its bare message;
    /// [`Entry::detail_is_message`] finds those.
    fn detail(&self) -> &'static str;

    /// The HTTP status for the code: the variant's `status`, else the enum's, else 500.
    ///
    /// Whatever it is: a variant declared with a 2xx status (the success entry of an API that
    /// answers `{"code": 0, "message": "Ok"}`, `status = 200`) keeps it when it is returned as
    /// an error, and the web integrations answer it with that 2xx status and the default body.
    /// This is deliberate, for APIs that answer 200 with a code in the body (WeChat-style); a
    /// service that wants a 4xx or 5xx for every error does not return its success entry as an
    /// error.
    fn http_status(&self) -> u16;

    /// The canonical gRPC status code for the code: the variant's `grpc = "..."` key, else
    /// the enum's `#[api_error(grpc = "...")]`, else the code that
    /// [`GrpcCode::from_http_status`](grpc::GrpcCode::from_http_status) gives for
    /// [`http_status`](ApiError::http_status). A `#[code(transparent)]` variant asks its inner
    /// table.
    ///
    /// ```
    /// use apicode::ApiError;
    /// use apicode::grpc::GrpcCode;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum StoreError {
    ///     /// The item exists already
    ///     #[code(1001, "ItemExists", status = 409, grpc = "already_exists")]
    ///     ItemExists,
    ///     /// The item is being changed by someone else
    ///     #[code(1002, "Conflict", status = 409)]
    ///     Conflict,
    /// }
    ///
    /// assert_eq!(StoreError::ItemExists.grpc_code(), GrpcCode::AlreadyExists);
    /// assert_eq!(StoreError::Conflict.grpc_code(), GrpcCode::Aborted);
    /// ```
    fn grpc_code(&self) -> grpc_code::GrpcCode {
        grpc_code::GrpcCode::from_http_status(self.http_status())
    }

    /// Whether the request that got this error is worth retrying, and when: the variant's
    /// `#[retry_after]` field, else the code's `retry` or `retry_after` key, else the table's,
    /// else what HTTP suggests for the status ([`Retry::for_status`](guidance::Retry::for_status):
    /// 429 and 503 are worth retrying). See [`guidance`].
    fn retry(&self) -> guidance::Retry {
        guidance::Retry::for_status(self.http_status())
    }

    /// Where a person reads about this error: the code's `help = "..."` URL, else the table's
    /// `#[api_error(help = "...")]` template, with the code and message filled in; `None`
    /// without either, or with `help = none`. See [`guidance`].
    fn help_link(&self) -> Option<guidance::HelpLink<'static>> {
        None
    }
}

/// The table behind a derived enum: every declared entry, and lookups by code and by message.
///
/// ```
/// # use apicode::{ApiError, CodeTable};
/// #[derive(Debug, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
///     /// Invalid AccessKeyId
///     #[code(104111, "InvalidAccessKeyId", status = 401)]
///     InvalidAccessKeyId,
/// }
///
/// assert_eq!(AuthError::ENTRIES[1].message, "InvalidAccessKeyId");
/// assert!(matches!(AuthError::from_code(104110), Some(AuthError::MissingAccessKeyId)));
/// assert!(matches!(AuthError::from_message("InvalidAccessKeyId"), Some(AuthError::InvalidAccessKeyId)));
/// assert!(AuthError::from_code(1).is_none());
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an apicode table",
    label = "this type does not derive `ApiError`",
    note = "`#[code(transparent)]` delegates to a type that derives `ApiError`"
)]
pub trait CodeTable<C: Code = u32>: Sized {
    /// The enum's name, as used in error messages (`"unknown SmsError code 7"`).
    const NAME: &'static str;

    /// Every declared code in declaration order; the entries of `#[code(transparent)]` variants
    /// stand in their place, and the catch-all is left out.
    const ENTRIES: &'static [Entry<C>];

    /// The code space the table reserves with `#[api_error(range = A..=B)]`, if any.
    const RANGE: Option<CodeRange<C>> = None;

    /// The `google.rpc.ErrorInfo` domain of the table's codes over gRPC: the value of
    /// `#[api_error(domain = "...")]`, else the table's [`NAME`](CodeTable::NAME).
    ///
    /// Google asks for the registered name of the service that defines the codes
    /// (`"sms.example.com"`); the default keeps two tables of one service apart, and a client
    /// reading a `tonic::Status` with the `tonic` feature refuses an `ErrorInfo` from another
    /// domain, so a table shared between a server and its clients gives the same domain on both
    /// sides.
    const DOMAIN: &'static str = Self::NAME;

    /// How the table's errors travel over HTTP: the value of `#[api_error(wire(...))]`, else
    /// [`Wire::new`](wire::Wire::new), the `{"code": ..., "message": ...}` body under each
    /// code's status. The web integrations answer in it, the client's default reader reads it,
    /// the OpenAPI documents describe it; see [`wire`].
    const WIRE: wire::Wire<'static> = wire::Wire::new();

    /// The variant for a declared code; `None` for a code outside the table and for a code
    /// whose variant has a field that cannot be made from `Default::default()`.
    /// Never returns the catch-all.
    fn from_code(code: C) -> Option<Self>;

    /// The variant whose message is `message` (case-sensitive), under the same rules as
    /// [`from_code`](CodeTable::from_code).
    fn from_message(message: &str) -> Option<Self>;

    /// The entry of a declared code.
    fn entry(code: C) -> Option<&'static Entry<C>> {
        Self::ENTRIES.iter().find(|entry| entry.code == code)
    }
}

/// A derived table of any code type: [`CodeTable`] and [`ApiError`] over the table's own
/// [code type](ApiTable::Code). Every `#[derive(ApiError)]` type implements it (a `u32` table
/// through the blanket impl for any type that is both a `CodeTable` and an `ApiError` of
/// `u32`); bound by it to write code that serves every table:
///
/// ```
/// use apicode::{ApiError, ApiTable, CodeTable};
///
/// fn describe<E: ApiTable>(error: &E) -> String {
///     format!("{} {} ({}), {} codes", E::NAME, error.code(), error.message(), E::ENTRIES.len())
/// }
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = i32)]
/// enum RpcError {
///     /// Method not found
///     #[code(-32601, "MethodNotFound", status = 404)]
///     MethodNotFound,
/// }
///
/// #[derive(Debug, ApiError)]
/// enum SmsError {
///     /// Sending rate limit is exceeded
///     #[code(105300, "LimitExceed", status = 429)]
///     LimitExceed,
/// }
///
/// assert_eq!(describe(&RpcError::MethodNotFound), "RpcError -32601 (MethodNotFound), 1 codes");
/// assert_eq!(describe(&SmsError::LimitExceed), "SmsError 105300 (LimitExceed), 1 codes");
/// ```
///
/// Generic code written for `u32` tables, bounded by `ApiError + CodeTable`, keeps working and
/// can call what asks for an `ApiTable`.
pub trait ApiTable:
    CodeTable<<Self as ApiTable>::Code> + ApiError<<Self as ApiTable>::Code>
{
    /// The type of the table's codes: `u32` unless the table declares another with
    /// `#[api_error(code = i32)]`.
    type Code: Code;
}

impl<T: CodeTable<u32> + ApiError<u32>> ApiTable for T {
    type Code = u32;
}

/// Whether what an answer says for people is `error`'s `Display`: below HTTP 500 it is; from
/// 500 on it is the table's detail, so that a source error, which the `Display` may carry,
/// never reaches the client. Every integration answers by this rule.
#[cfg(feature = "alloc")]
pub(crate) fn shows_display<C: Code, E: ApiError<C> + ?Sized>(error: &E) -> bool {
    error.http_status() < 500
}

/// The [wire format](wire) of the table `E`: its [`CodeTable::WIRE`], named without the code
/// type.
#[cfg(feature = "alloc")]
pub(crate) const fn wire_of<E: ApiTable>() -> wire::Wire<'static> {
    <E as CodeTable<<E as ApiTable>::Code>>::WIRE
}

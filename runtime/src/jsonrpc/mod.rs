//! JSON-RPC 2.0 error objects from a table's errors, and back.
//!
//! Two features, one for each Rust JSON-RPC stack, give every derived table the same error
//! object:
//!
//! | feature | a table's error converts into | read back with |
//! | --- | --- | --- |
//! | `jsonrpsee` | `jsonrpsee_types::ErrorObjectOwned` (jsonrpsee-types 0.26) | [`FromErrorObject`] |
//! | `rmcp` | `rmcp::model::ErrorData` (rmcp 3, the Model Context Protocol SDK) | [`FromErrorData`] |
//!
//! # The error object
//!
//! ```json
//! {"code": -32601, "message": "The method does not exist", "data": {"message": "MethodNotFound", "status": 404}}
//! ```
//!
//! - `code`: the table's code.
//! - `message`: a concise sentence for people. Below HTTP 500 it is the error's `Display`;
//!   from 500 on it is the table's [`detail`](crate::ApiError::detail) (the variant's doc
//!   comment), so the text of a source error (an `io::Error` naming a path, say) never reaches
//!   the client, as with the gRPC and problem+json integrations. See [`message`].
//! - `data`: for programs, an object with two members (see [`DataMember`]):
//!   `message`, the table's message (`"MethodNotFound"`, the same member as the HTTP body's
//!   `message`): the stable name a client matches on, whatever the `Display` says; and
//!   `status`, the code's HTTP status: what an HTTP gateway in front of the service answers,
//!   and a hint a client without the table can act on (a 429 or a 503 is worth retrying, a 400
//!   is not). The code's [guidance](crate::guidance) adds `retryable: true` when it is worth
//!   retrying, `retry_after` (seconds) when the delay is known, and `help`, its help link;
//!   [`guidance`] and [`data_guidance`] read them back.
//!
//! # `From` or `TryFrom`: codes wider than JSON-RPC's
//!
//! A JSON-RPC code is an `i32`. A table whose code type always fits (`code = i8`, `i16`, `i32`,
//! `u8` or `u16`) gets `From<E>`; a wider one (`u32`, the default, `i64`, `u64`) gets
//! `TryFrom<E>`, whose error, [`CodeOutOfRange`], refuses a code outside `i32` rather than
//! truncating it. A `u32` table whose codes are all below 2³¹ (the SMS table's are) always
//! converts; `try_into()` and `?` say so in the types. The derive hands the code type to the
//! integrations, which pick the impl by it; [`error_object`] and [`error_data`] (for the narrow
//! types) and [`try_error_object`] and [`try_error_data`] (for any) do the same from a `&E`.
//!
//! A JSON-RPC service declares its table `code = i32`, with the specification's codes and its
//! own in `-32099..=-32000`, and `?` converts its errors in a jsonrpsee method:
//!
//! ```
//! # #[cfg(all(feature = "jsonrpsee", feature = "rmcp"))] {
//! use apicode::ApiError;
//! use jsonrpsee_types::ErrorObjectOwned;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(code = i32, status = 400)]
//! enum RpcError {
//!     /// Invalid method parameters
//!     #[code(-32602, "InvalidParams")]
//!     #[error("invalid parameter `{name}`")]
//!     InvalidParams { name: &'static str },
//!     /// The service is busy; try again later
//!     #[code(-32001, "Busy", status = 503)]
//!     Busy,
//! }
//!
//! fn divide(a: i64, b: i64) -> Result<i64, ErrorObjectOwned> {
//!     if b == 0 {
//!         Err(RpcError::InvalidParams { name: "b" })?;
//!     }
//!     Ok(a / b)
//! }
//!
//! let object = divide(1, 0).unwrap_err();
//! assert_eq!(
//!     serde_json::to_string(&object).unwrap(),
//!     r#"{"code":-32602,"message":"invalid parameter `b`","data":{"message":"InvalidParams","status":400}}"#,
//! );
//! let busy = rmcp::model::ErrorData::from(RpcError::Busy);
//! assert_eq!(busy.message, "The service is busy; try again later");
//! # }
//! ```
//!
//! A `u32` table converts with `TryFrom`:
//!
//! ```
//! # #[cfg(feature = "jsonrpsee")] {
//! use apicode::ApiError;
//! use apicode::jsonrpc::FromErrorObject as _;
//! use jsonrpsee_types::ErrorObjectOwned;
//!
//! #[derive(Debug, PartialEq, ApiError)]
//! #[api_error(status = 400)]
//! enum SmsError {
//!     /// Invalid phone number
//!     #[code(107111, "InvalidPhoneNumbers")]
//!     InvalidPhoneNumbers,
//!     /// The code is too large for JSON-RPC
//!     #[code(3000000000, "Huge")]
//!     Huge,
//!     #[code(other)]
//!     Unknown(u32),
//! }
//!
//! let object = ErrorObjectOwned::try_from(SmsError::InvalidPhoneNumbers).unwrap();
//! assert_eq!(object.code(), 107111);
//! assert_eq!(object.message(), "Invalid phone number");
//! assert_eq!(object.data().unwrap().get(), r#"{"message":"InvalidPhoneNumbers","status":400}"#);
//! assert_eq!(SmsError::from_error_object(&object), Ok(SmsError::InvalidPhoneNumbers));
//!
//! let refused = ErrorObjectOwned::try_from(SmsError::Huge).unwrap_err();
//! assert_eq!(refused.to_string(), "SmsError code 3000000000 does not fit in a JSON-RPC code (i32)");
//! # }
//! ```
//!
//! # Reading an error object back
//!
//! [`FromErrorObject::from_error_object`] and [`FromErrorData::from_error_data`] read the code
//! alone (the message and `data` are for people and logs): the `i32` is converted into the
//! table's code type, an error ([`ReadError::OutOfRange`]) when it does not fit (a negative
//! code read into a `u32` table, 300 into a `u8` one), then exactly as `From<code>` (with a
//! catch-all) or `TryFrom<code>` (without one) converts it: a code outside the table goes to
//! the catch-all, or is [`ReadError::Unknown`]. Nothing panics. A JSON-RPC framework's own
//! errors (jsonrpsee's `-32601` for a method it does not know) carry no `data` and read back
//! as well, by their code.

use core::fmt;

use serde::ser::{Serialize, SerializeStruct as _, Serializer};

use crate::decode::Decode;
#[cfg(any(feature = "jsonrpsee", feature = "rmcp"))]
use crate::guidance::Guidance;
use crate::guidance::{HelpLink, Retry};
use crate::{ApiError, ApiTable, Code};

// Always compiled: each holds its integration's macro and, when the feature is off, its
// no-op twin, which the derive's `integrations!` call needs either way.
mod jsonrpsee;
mod rmcp;

#[cfg(feature = "jsonrpsee")]
#[cfg_attr(docsrs, doc(cfg(feature = "jsonrpsee")))]
pub use self::jsonrpsee::{
    FromErrorObject, error_object, from_error_object, guidance, try_error_object,
};
#[cfg(feature = "rmcp")]
#[cfg_attr(docsrs, doc(cfg(feature = "rmcp")))]
pub use self::rmcp::{FromErrorData, data_guidance, error_data, from_error_data, try_error_data};

/// The name of the code type every JSON-RPC code has.
const JSONRPC_CODE_TYPE: &str = "i32";

/// The error object's `message`: the error's `Display` below HTTP 500, the table's
/// [`detail`](ApiError::detail) from 500 on, so that a source error's text never reaches the
/// client.
///
/// ```
/// use apicode::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// The item is out of stock
///     #[code(1001, "OutOfStock", status = 409)]
///     #[error("{item} is out of stock")]
///     OutOfStock { item: String },
///     /// The store is unavailable
///     #[code(1002, "Storage", status = 503)]
///     #[error("cannot read the stock: {0}")]
///     Storage(#[source] std::io::Error),
/// }
///
/// let out = StoreError::OutOfStock { item: "tea".into() };
/// assert_eq!(apicode::jsonrpc::message(&out), "tea is out of stock");
/// let disk = StoreError::Storage(std::io::Error::other("/var/lib/store: disk full"));
/// assert_eq!(apicode::jsonrpc::message(&disk), "The store is unavailable");
/// ```
#[cfg(feature = "alloc")]
#[cfg_attr(docsrs, doc(cfg(feature = "alloc")))]
pub fn message<C: Code, E: ApiError<C> + ?Sized>(error: &E) -> alloc::borrow::Cow<'static, str> {
    use alloc::borrow::Cow;
    use alloc::string::ToString as _;

    if crate::shows_display(error) {
        Cow::Owned(error.to_string())
    } else {
        Cow::Borrowed(error.detail())
    }
}

/// The error object's `data`: `{"message": <the table's message>, "status": <the HTTP status>}`,
/// as [`serde::Serialize`] writes it.
///
/// ```
/// use apicode::ApiError;
/// use apicode::jsonrpc::DataMember;
///
/// #[derive(Debug, ApiError)]
/// enum RpcError {
///     /// The method does not exist
///     #[code(32601, "MethodNotFound", status = 404)]
///     MethodNotFound,
/// }
///
/// let data = DataMember::of(&RpcError::MethodNotFound);
/// assert_eq!((data.message, data.status), ("MethodNotFound", 404));
/// assert_eq!(serde_json::to_string(&data).unwrap(), r#"{"message":"MethodNotFound","status":404}"#);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DataMember {
    /// The table's message, such as `"MethodNotFound"`: the member `message`.
    pub message: &'static str,
    /// The code's HTTP status: the member `status`.
    pub status: u16,
    /// The error's retry policy: `retryable: true` when it is worth retrying (absent
    /// otherwise), `retry_after` in whole seconds when the delay is known.
    pub retry: Retry,
    /// The error's help link: the member `help`, absent without one.
    pub help: Option<HelpLink<'static>>,
}

impl DataMember {
    /// The data member of `error`.
    #[must_use]
    pub fn of<C: Code, E: ApiError<C> + ?Sized>(error: &E) -> Self {
        DataMember {
            message: error.message(),
            status: error.http_status(),
            retry: error.retry(),
            help: error.help_link(),
        }
    }
}

impl Serialize for DataMember {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut member = serializer.serialize_struct("DataMember", 5)?;
        member.serialize_field("message", self.message)?;
        member.serialize_field("status", &self.status)?;
        if self.retry.is_retryable() {
            member.serialize_field("retryable", &true)?;
        }
        if let Some(seconds) = self.retry.retry_after_secs() {
            member.serialize_field("retry_after", &seconds)?;
        }
        if let Some(link) = &self.help {
            member.serialize_field("help", &Collect(link))?;
        }
        member.end()
    }
}

/// Writes a value through its `Display`, without allocating.
struct Collect<T>(T);

impl<T: fmt::Display> Serialize for Collect<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// The guidance members of an error object's `data`, as [`DataMember`] writes them.
#[cfg(any(feature = "jsonrpsee", feature = "rmcp"))]
#[derive(Default)]
struct DataGuidance {
    status: Option<u16>,
    retryable: Option<bool>,
    retry_after: Option<u64>,
    help: Option<alloc::string::String>,
}

#[cfg(any(feature = "jsonrpsee", feature = "rmcp"))]
impl DataGuidance {
    /// The members of a `data` object; anything else holds none.
    fn of(data: &serde_json::Value) -> Self {
        DataGuidance {
            status: data
                .get("status")
                .and_then(serde_json::Value::as_u64)
                .and_then(|status| u16::try_from(status).ok()),
            retryable: data.get("retryable").and_then(serde_json::Value::as_bool),
            retry_after: data.get("retry_after").and_then(serde_json::Value::as_u64),
            help: data
                .get("help")
                .and_then(serde_json::Value::as_str)
                .map(alloc::string::String::from),
        }
    }
}

/// The guidance of an error object: its `data`'s members, else the table's for the code
/// (`decoded`), else what its `data`'s HTTP status suggests; an object without either is no
/// retry.
#[cfg(any(feature = "jsonrpsee", feature = "rmcp"))]
fn read_guidance<T: ApiTable>(decoded: Option<&T>, data: Option<DataGuidance>) -> Guidance {
    let data = data.unwrap_or_default();
    let fallback = match decoded {
        Some(error) => Guidance::new(error.retry(), error.help_link()),
        None => Guidance {
            retry: data.status.map_or(Retry::No, Retry::for_status),
            help: None,
        },
    };
    let retry = match (data.retry_after, data.retryable, data.status) {
        (Some(seconds), _, _) => Some(Retry::after_secs(seconds)),
        (None, Some(true), _) => Some(Retry::Yes),
        // apicode's own data, which leaves `retryable` out for a code not worth retrying.
        (None, Some(false), _) | (None, None, Some(_)) => Some(Retry::No),
        (None, None, None) => None,
    };
    fallback.answered(retry, data.help)
}

/// The error's code as a JSON-RPC code, or [`CodeOutOfRange`] when it does not fit in an `i32`.
///
/// ```
/// use apicode::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum SmsError {
///     /// Invalid phone number
///     #[code(107111, "InvalidPhoneNumbers", status = 400)]
///     InvalidPhoneNumbers,
///     #[code(other)]
///     Unknown(u32),
/// }
///
/// assert_eq!(apicode::jsonrpc::jsonrpc_code(&SmsError::InvalidPhoneNumbers), Ok(107111));
/// assert!(apicode::jsonrpc::jsonrpc_code(&SmsError::Unknown(u32::MAX)).is_err());
/// ```
pub fn jsonrpc_code<E: ApiTable>(error: &E) -> Result<i32, CodeOutOfRange> {
    let code = error.code().to_i128();
    i32::try_from(code).map_err(|_| CodeOutOfRange {
        code,
        table: E::NAME,
    })
}

/// The table's error for a JSON-RPC code: the code converted into the table's code type, then
/// as `From<code>` (with a catch-all) or `TryFrom<code>` (without one) converts it.
///
/// ```
/// use apicode::ApiError;
/// use apicode::jsonrpc::{ReadError, from_jsonrpc_code};
///
/// #[derive(Debug, PartialEq, ApiError)]
/// enum SmsError {
///     /// Invalid phone number
///     #[code(107111, "InvalidPhoneNumbers", status = 400)]
///     InvalidPhoneNumbers,
/// }
///
/// assert_eq!(from_jsonrpc_code::<SmsError>(107111), Ok(SmsError::InvalidPhoneNumbers));
/// assert!(matches!(from_jsonrpc_code::<SmsError>(7), Err(ReadError::Unknown { code: 7, .. })));
/// assert!(matches!(from_jsonrpc_code::<SmsError>(-32601), Err(ReadError::OutOfRange { .. })));
/// ```
pub fn from_jsonrpc_code<T: Decode>(code: i32) -> Result<T, ReadError> {
    let Some(table_code) = <T as Decode>::Code::from_i128(i128::from(code)) else {
        return Err(ReadError::OutOfRange {
            table: T::NAME,
            code,
            code_type: <<T as Decode>::Code as Code>::NAME,
        });
    };
    T::decode(table_code).ok_or(ReadError::Unknown {
        table: T::NAME,
        code,
    })
}

/// The error of converting a table's error into a JSON-RPC error object when its code does not
/// fit in JSON-RPC's `i32`: only tables of `u32` (the default), `i64` or `u64` codes can have
/// such codes, and only they convert with `TryFrom`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CodeOutOfRange {
    code: i128,
    table: &'static str,
}

impl CodeOutOfRange {
    /// The code, which JSON-RPC cannot carry.
    #[must_use]
    pub const fn code(&self) -> i128 {
        self.code
    }

    /// The name of the table the code belongs to.
    #[must_use]
    pub const fn table(&self) -> &'static str {
        self.table
    }
}

impl fmt::Display for CodeOutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} code {} does not fit in a JSON-RPC code ({JSONRPC_CODE_TYPE})",
            self.table, self.code
        )
    }
}

impl core::error::Error for CodeOutOfRange {}

/// Why a JSON-RPC error object is not an error of the table it was read as.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReadError {
    /// The code does not fit in the table's code type: a negative code read into a `u32`
    /// table, 300 into a `u8` one. Not even a catch-all can hold it.
    OutOfRange {
        /// The table's name.
        table: &'static str,
        /// The object's code.
        code: i32,
        /// The table's code type (`"u32"`, `"u8"`, ...).
        code_type: &'static str,
    },
    /// The code is not one the table can build: outside a table without catch-all, or a
    /// variant whose fields cannot be made from the code alone.
    Unknown {
        /// The table's name.
        table: &'static str,
        /// The object's code.
        code: i32,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::OutOfRange {
                table,
                code,
                code_type,
            } => write!(
                f,
                "the JSON-RPC error code {code} does not fit in {table}'s code type ({code_type})"
            ),
            ReadError::Unknown { table, code } => {
                write!(f, "unknown {table} code {code} in a JSON-RPC error")
            }
        }
    }
}

impl core::error::Error for ReadError {}

#[cfg(all(test, feature = "std"))]
mod tests {
    use std::string::ToString as _;

    use super::*;

    #[test]
    fn read_errors_name_table_code_and_type() {
        let out = ReadError::OutOfRange {
            table: "SmsError",
            code: -32601,
            code_type: "u32",
        };
        assert_eq!(
            out.to_string(),
            "the JSON-RPC error code -32601 does not fit in SmsError's code type (u32)"
        );
        let unknown = ReadError::Unknown {
            table: "RpcError",
            code: -32000,
        };
        assert_eq!(
            unknown.to_string(),
            "unknown RpcError code -32000 in a JSON-RPC error"
        );
    }
}

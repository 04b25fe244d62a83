//! The `rmcp` integration: a table's error as an `rmcp::model::ErrorData`, the error of a
//! Model Context Protocol request (what a tool or a server handler returns), and back.

#[cfg(feature = "rmcp")]
use ::rmcp::model::{ErrorCode, ErrorData};

#[cfg(feature = "rmcp")]
use super::{CodeOutOfRange, DataMember, ReadError, from_jsonrpc_code, jsonrpc_code, message};
#[cfg(feature = "rmcp")]
use crate::ApiTable;
#[cfg(feature = "rmcp")]
use crate::decode::Decode;

/// The `ErrorData` of an error whose code always fits in an `i32` (a table of `i8`, `i16`,
/// `i32`, `u8` or `u16` codes): what `From<E>` for `ErrorData` gives. See the [module](super)
/// for its members.
///
/// ```
/// use apicode::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = i32)]
/// enum ToolError {
///     /// The tool does not exist
///     #[code(-32602, "UnknownTool", status = 404)]
///     UnknownTool,
/// }
///
/// let data = apicode::jsonrpc::error_data(&ToolError::UnknownTool);
/// assert_eq!(data.code, rmcp::model::ErrorCode::INVALID_PARAMS);
/// assert_eq!(data.message, "The tool does not exist");
/// assert_eq!(data.data, Some(serde_json::json!({"message": "UnknownTool", "status": 404})));
/// ```
#[cfg(feature = "rmcp")]
pub fn error_data<E>(error: &E) -> ErrorData
where
    E: ApiTable,
    <E as ApiTable>::Code: Into<i32>,
{
    ErrorData::new(
        ErrorCode(error.code().into()),
        message(error),
        data_value(error),
    )
}

/// The `ErrorData` of an error whose code may not fit in an `i32`: what `TryFrom<E>` for
/// `ErrorData` gives a table of `u32` (the default), `i64` or `u64` codes. See the
/// [module](super) for its members.
///
/// ```
/// use apicode::ApiError;
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// The store is unavailable
///     #[code(1002, "Storage", status = 503)]
///     #[error("cannot read the stock: {0}")]
///     Storage(#[source] std::io::Error),
/// }
///
/// let error = StoreError::Storage(std::io::Error::other("/var/lib/store: disk full"));
/// let data = apicode::jsonrpc::try_error_data(&error).unwrap();
/// assert_eq!(data.code.0, 1002);
/// assert_eq!(data.message, "The store is unavailable");
/// assert_eq!(data.data, Some(serde_json::json!({"message": "Storage", "status": 503, "retryable": true})));
/// ```
#[cfg(feature = "rmcp")]
pub fn try_error_data<E: ApiTable>(error: &E) -> Result<ErrorData, CodeOutOfRange> {
    let code = jsonrpc_code(error)?;
    Ok(ErrorData::new(
        ErrorCode(code),
        message(error),
        data_value(error),
    ))
}

/// The `data` member as rmcp holds it, a `serde_json::Value`.
#[cfg(feature = "rmcp")]
fn data_value<E: ApiTable>(error: &E) -> Option<serde_json::Value> {
    // A `DataMember` always serializes: two members, a string and a number.
    serde_json::to_value(DataMember::of(error)).ok()
}

/// The table's error that an MCP `ErrorData` carries, read by its code; see [`FromErrorData`].
#[cfg(feature = "rmcp")]
pub fn from_error_data<T: Decode>(data: &ErrorData) -> Result<T, ReadError> {
    from_jsonrpc_code(data.code.0)
}

/// Whether and when to retry the call that got `data`, and where to read about it; as
/// [`guidance`](crate::jsonrpc::guidance) reads a jsonrpsee error object (feature
/// `jsonrpsee`).
#[cfg(feature = "rmcp")]
pub fn data_guidance<T: Decode + ApiTable>(data: &ErrorData) -> crate::guidance::Guidance {
    let members = data.data.as_ref().map(super::DataGuidance::of);
    super::read_guidance(from_error_data::<T>(data).ok().as_ref(), members)
}

/// `E::from_error_data(&data)`: a table's error read back from an MCP `ErrorData` (what an
/// rmcp client's `ServiceError::McpError` holds), for every derived table.
///
/// The code alone is read: converted into the table's code type (an error when it does not
/// fit), then as `From<code>` (with a catch-all) or `TryFrom<code>` (without one) converts it.
///
/// ```
/// use apicode::ApiError;
/// use apicode::jsonrpc::{FromErrorData as _, ReadError};
/// use rmcp::model::ErrorData;
///
/// #[derive(Debug, PartialEq, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
/// }
///
/// let data = ErrorData::try_from(AuthError::MissingAccessKeyId).unwrap();
/// assert_eq!(AuthError::from_error_data(&data), Ok(AuthError::MissingAccessKeyId));
///
/// let other = ErrorData::invalid_params("missing argument", None);
/// assert!(matches!(AuthError::from_error_data(&other), Err(ReadError::OutOfRange { .. })));
/// ```
#[cfg(feature = "rmcp")]
pub trait FromErrorData: Sized {
    /// The error `data` carries; see [`from_error_data`].
    fn from_error_data(data: &ErrorData) -> Result<Self, ReadError>;
}

#[cfg(feature = "rmcp")]
impl<T: Decode> FromErrorData for T {
    fn from_error_data(data: &ErrorData) -> Result<Self, ReadError> {
        from_error_data(data)
    }
}

/// Expands, for one derived type, to its conversion into `rmcp::model::ErrorData`: `From`
/// when the code type (the fourth bracket) always fits in JSON-RPC's `i32`, `TryFrom`
/// otherwise.
#[cfg(feature = "rmcp")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_rmcp {
    (@try_from [$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::TryFrom<$($ty)*>
            for $crate::__private::jsonrpc::ErrorData
        where
            for<'__apicode> $($ty)*: $crate::ApiTable,
            $($($pred)*)?
        {
            type Error = $crate::__private::jsonrpc::CodeOutOfRange;

            fn try_from(
                error: $($ty)*,
            ) -> ::core::result::Result<Self, $crate::__private::jsonrpc::CodeOutOfRange> {
                $crate::__private::jsonrpc::try_error_data(&error)
            }
        }
    };
    (@from [$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*>
            for $crate::__private::jsonrpc::ErrorData
        where
            for<'__apicode> $($ty)*: $crate::ApiTable,
            $($($pred)*)?
        {
            fn from(error: $($ty)*) -> Self {
                $crate::__private::jsonrpc::error_data(&error)
            }
        }
    };
    // The code types whose every value fits in JSON-RPC's `i32`.
    ($generics:tt $ty:tt $where:tt [i8]) => { $crate::__apicode_rmcp! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [i16]) => { $crate::__apicode_rmcp! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [i32]) => { $crate::__apicode_rmcp! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [u8]) => { $crate::__apicode_rmcp! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [u16]) => { $crate::__apicode_rmcp! { @from $generics $ty $where } };
    // `u32`, `i64`, `u64`: a code may not fit.
    ($generics:tt $ty:tt $where:tt [$code:ident]) => {
        $crate::__apicode_rmcp! { @try_from $generics $ty $where }
    };
}

#[cfg(not(feature = "rmcp"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_rmcp {
    ($($input:tt)*) => {};
}

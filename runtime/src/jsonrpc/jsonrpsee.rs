//! The `jsonrpsee` integration: a table's error as a `jsonrpsee_types::ErrorObjectOwned`, what
//! a jsonrpsee method returns, and back.

#[cfg(feature = "jsonrpsee")]
use ::jsonrpsee_types::{ErrorObject, ErrorObjectOwned};

#[cfg(feature = "jsonrpsee")]
use super::{CodeOutOfRange, DataMember, ReadError, from_jsonrpc_code, jsonrpc_code, message};
#[cfg(feature = "jsonrpsee")]
use crate::ApiTable;
#[cfg(feature = "jsonrpsee")]
use crate::decode::Decode;

/// The error object of an error whose code always fits in an `i32` (a table of `i8`, `i16`,
/// `i32`, `u8` or `u16` codes): what `From<E>` for `ErrorObjectOwned` gives. See the
/// [module](super) for its members.
///
/// ```
/// use apicode::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = i32)]
/// enum RpcError {
///     /// The method does not exist
///     #[code(-32601, "MethodNotFound", status = 404)]
///     MethodNotFound,
/// }
///
/// let object = apicode::jsonrpc::error_object(&RpcError::MethodNotFound);
/// assert_eq!(object.code(), -32601);
/// assert_eq!(object.message(), "The method does not exist");
/// assert_eq!(object.data().unwrap().get(), r#"{"message":"MethodNotFound","status":404}"#);
/// ```
#[cfg(feature = "jsonrpsee")]
pub fn error_object<E>(error: &E) -> ErrorObjectOwned
where
    E: ApiTable,
    <E as ApiTable>::Code: Into<i32>,
{
    ErrorObject::owned(
        error.code().into(),
        message(error),
        Some(DataMember::of(error)),
    )
}

/// The error object of an error whose code may not fit in an `i32`: what `TryFrom<E>` for
/// `ErrorObjectOwned` gives a table of `u32` (the default), `i64` or `u64` codes. See the
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
/// let object = apicode::jsonrpc::try_error_object(&error).unwrap();
/// assert_eq!(object.code(), 1002);
/// assert_eq!(object.message(), "The store is unavailable");
/// assert_eq!(object.data().unwrap().get(), r#"{"message":"Storage","status":503,"retryable":true}"#);
/// ```
#[cfg(feature = "jsonrpsee")]
pub fn try_error_object<E: ApiTable>(error: &E) -> Result<ErrorObjectOwned, CodeOutOfRange> {
    let code = jsonrpc_code(error)?;
    Ok(ErrorObject::owned(
        code,
        message(error),
        Some(DataMember::of(error)),
    ))
}

/// The table's error that a JSON-RPC error object carries, read by its code; see
/// [`FromErrorObject`].
#[cfg(feature = "jsonrpsee")]
pub fn from_error_object<T: Decode>(object: &ErrorObject<'_>) -> Result<T, ReadError> {
    from_jsonrpc_code(object.code())
}

/// Whether and when to retry the call that got `object`, and where to read about it: its
/// `data`'s `retry_after`, `retryable` and `help`, else the table's policy and link for its
/// code, else what its `data`'s HTTP status suggests.
///
/// ```
/// use apicode::ApiError;
/// use apicode::guidance::Retry;
/// use jsonrpsee_types::ErrorObjectOwned;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(code = i32, help = "https://docs.example.com/rpc/{code}")]
/// enum RpcError {
///     /// The server is busy
///     #[code(-32001, "Busy", status = 503, retry_after = 5)]
///     Busy,
/// }
///
/// let object = ErrorObjectOwned::from(RpcError::Busy);
/// let guidance = apicode::jsonrpc::guidance::<RpcError>(&object);
/// assert_eq!(guidance.retry, Retry::after_secs(5));
/// assert_eq!(guidance.help.as_deref(), Some("https://docs.example.com/rpc/-32001"));
/// ```
#[cfg(feature = "jsonrpsee")]
pub fn guidance<T: Decode + ApiTable>(object: &ErrorObject<'_>) -> crate::guidance::Guidance {
    let data = object
        .data()
        .and_then(|data| serde_json::from_str(data.get()).ok())
        .map(|data| super::DataGuidance::of(&data));
    super::read_guidance(from_error_object::<T>(object).ok().as_ref(), data)
}

/// `E::from_error_object(&object)`: a table's error read back from a jsonrpsee error object
/// (what a jsonrpsee client's `ClientError::Call` holds), for every derived table.
///
/// The code alone is read: converted into the table's code type (an error when it does not
/// fit), then as `From<code>` (with a catch-all) or `TryFrom<code>` (without one) converts it.
///
/// ```
/// use apicode::ApiError;
/// use apicode::jsonrpc::{FromErrorObject as _, ReadError};
/// use jsonrpsee_types::ErrorObjectOwned;
///
/// #[derive(Debug, PartialEq, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
/// }
///
/// let object = ErrorObjectOwned::try_from(AuthError::MissingAccessKeyId).unwrap();
/// assert_eq!(AuthError::from_error_object(&object), Ok(AuthError::MissingAccessKeyId));
///
/// let other = ErrorObjectOwned::owned(-32601, "Method not found", None::<()>);
/// assert!(matches!(AuthError::from_error_object(&other), Err(ReadError::OutOfRange { .. })));
/// ```
#[cfg(feature = "jsonrpsee")]
pub trait FromErrorObject: Sized {
    /// The error `object` carries; see [`from_error_object`].
    fn from_error_object(object: &ErrorObject<'_>) -> Result<Self, ReadError>;
}

#[cfg(feature = "jsonrpsee")]
impl<T: Decode> FromErrorObject for T {
    fn from_error_object(object: &ErrorObject<'_>) -> Result<Self, ReadError> {
        from_error_object(object)
    }
}

/// Expands, for one derived type, to its conversion into `jsonrpsee_types::ErrorObjectOwned`:
/// `From` when the code type (the fourth bracket) always fits in JSON-RPC's `i32`, `TryFrom`
/// otherwise.
#[cfg(feature = "jsonrpsee")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_jsonrpsee {
    (@try_from [$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::TryFrom<$($ty)*>
            for $crate::__private::jsonrpc::ErrorObjectOwned
        where
            for<'__apicode> $($ty)*: $crate::ApiTable,
            $($($pred)*)?
        {
            type Error = $crate::__private::jsonrpc::CodeOutOfRange;

            fn try_from(
                error: $($ty)*,
            ) -> ::core::result::Result<Self, $crate::__private::jsonrpc::CodeOutOfRange> {
                $crate::__private::jsonrpc::try_error_object(&error)
            }
        }
    };
    (@from [$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*>
            for $crate::__private::jsonrpc::ErrorObjectOwned
        where
            for<'__apicode> $($ty)*: $crate::ApiTable,
            $($($pred)*)?
        {
            fn from(error: $($ty)*) -> Self {
                $crate::__private::jsonrpc::error_object(&error)
            }
        }
    };
    // The code types whose every value fits in JSON-RPC's `i32`.
    ($generics:tt $ty:tt $where:tt [i8]) => { $crate::__apicode_jsonrpsee! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [i16]) => { $crate::__apicode_jsonrpsee! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [i32]) => { $crate::__apicode_jsonrpsee! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [u8]) => { $crate::__apicode_jsonrpsee! { @from $generics $ty $where } };
    ($generics:tt $ty:tt $where:tt [u16]) => { $crate::__apicode_jsonrpsee! { @from $generics $ty $where } };
    // `u32`, `i64`, `u64`: a code may not fit.
    ($generics:tt $ty:tt $where:tt [$code:ident]) => {
        $crate::__apicode_jsonrpsee! { @try_from $generics $ty $where }
    };
}

#[cfg(not(feature = "jsonrpsee"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_jsonrpsee {
    ($($input:tt)*) => {};
}

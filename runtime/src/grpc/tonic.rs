//! The tonic integration: every derived table converts into a `tonic::Status` carrying a
//! `google.rpc.ErrorInfo`, and a status reads back into the table's error with
//! [`FromStatus`](crate::grpc::FromStatus).
//!
//! The derive calls `__apicode_tonic!` for every enum (through `__apicode_integrations!`); the
//! macro exists twice, the `From` impl under the `tonic` feature and a no-op twin without it,
//! so that the call expands, inside the user's crate, to the impl exactly when this crate was
//! built with the feature. The impl names `tonic` through `$crate::__private::web`, and bounds
//! the type under an empty `for<'__apicode>` binder so that a broken table reports its own
//! error only (see `axum.rs`).

#[cfg(feature = "tonic")]
use core::fmt;
#[cfg(feature = "tonic")]
use std::borrow::ToOwned;
#[cfg(feature = "tonic")]
use std::collections::HashMap;
#[cfg(feature = "tonic")]
use std::string::{String, ToString};

#[cfg(feature = "tonic")]
use tonic::{Code, Status};
#[cfg(feature = "tonic")]
use tonic_types::{ErrorDetails, StatusExt};

#[cfg(feature = "tonic")]
use crate::code::{Decimal, parse_decimal};
#[cfg(feature = "tonic")]
use crate::decode::Decode;
#[cfg(feature = "tonic")]
use crate::grpc_code::GrpcCode;
#[cfg(feature = "tonic")]
use crate::guidance::{Guidance, Retry};
#[cfg(feature = "tonic")]
use crate::reason::reason;

/// The `ErrorInfo` metadata key that holds the code.
#[cfg(feature = "tonic")]
pub const CODE_KEY: &str = "code";

#[cfg(feature = "tonic")]
fn tonic_code(code: GrpcCode) -> Code {
    Code::from_i32(code.as_i32())
}

/// The status of an error: its [`grpc_code`](crate::ApiError::grpc_code); as message its
/// `Display` below HTTP 500 and its [`detail`](crate::ApiError::detail) from 500 on, so that a
/// source error never reaches the client; and a `google.rpc.ErrorInfo` with the message as
/// reason, the table's domain and the code under the metadata key `"code"`.
///
/// The reason is [`reason`](crate::grpc::reason) of the message. A table with a `domain`
/// or `grpc` key has one for every message (the derive checks it at compile time); in
/// another, a message without a reason form (`"9lives"`, `"Fermé"`, `"X"`) gives `CODE_`
/// and the code (`"CODE_1002"`): a table that compiles without the `tonic` feature
/// compiles with it, whichever crate of the build turns it on.
///
/// ```
/// use apicode::ApiError;
/// use tonic_types::StatusExt as _;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(domain = "sms.example.com")]
/// enum SmsError {
///     /// Invalid signature timestamp
///     #[code(104202, "InvalidSignatureTimestamp", status = 401)]
///     InvalidSignatureTimestamp,
/// }
///
/// let status = apicode::grpc::status(&SmsError::InvalidSignatureTimestamp);
/// assert_eq!(status.code(), tonic::Code::Unauthenticated);
/// assert_eq!(status.message(), "Invalid signature timestamp");
/// let info = status.get_details_error_info().unwrap();
/// assert_eq!(info.reason, "INVALID_SIGNATURE_TIMESTAMP");
/// assert_eq!(info.domain, "sms.example.com");
/// assert_eq!(info.metadata["code"], "104202");
/// ```
#[cfg(feature = "tonic")]
pub fn status<E: crate::ApiTable>(error: &E) -> Status {
    let message = if crate::shows_display(error) {
        error.to_string()
    } else {
        error.detail().to_owned()
    };
    status_with(error, message, None)
}

/// The status of `error` with `message`, and a `google.rpc.LocalizedMessage` in `localized`'s
/// locale when given.
#[cfg(feature = "tonic")]
pub(crate) fn status_with<E: crate::ApiTable>(
    error: &E,
    message: String,
    localized: Option<&str>,
) -> Status {
    let reason = match reason(error.message()) {
        Ok(reason) => reason.as_str().to_owned(),
        Err(_) => std::format!("CODE_{}", error.code()),
    };
    let code = Decimal::of(error.code());
    let metadata = HashMap::from([(CODE_KEY.to_owned(), code.as_str().to_owned())]);
    let mut details = ErrorDetails::with_error_info(reason, E::DOMAIN, metadata);
    if let Some(delay) = error.retry().delay() {
        details.set_retry_info(Some(delay));
    }
    if let Some(link) = error.help_link() {
        details.add_help_link(error.detail(), link.to_string());
    }
    if let Some(locale) = localized {
        details.set_localized_message(locale, message.clone());
    }
    Status::with_error_details(tonic_code(error.grpc_code()), message, details)
}

/// Whether and when to retry the call that got `status`, and where to read about it: the
/// status's `google.rpc.RetryInfo` delay and `google.rpc.Help` link, else the table's policy
/// and link for the code it carries, else what the gRPC code suggests (`UNAVAILABLE` and
/// `RESOURCE_EXHAUSTED` are worth retrying, as HTTP's 503 and 429 are).
///
/// ```
/// use std::time::Duration;
/// use apicode::ApiError;
/// use apicode::guidance::Retry;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(help = "https://docs.example.com/errors/{code}")]
/// enum SmsError {
///     /// Sending rate limit is exceeded
///     #[code(105300, "LimitExceed", status = 429, retry_after = 60)]
///     LimitExceed,
///     #[code(other)]
///     Unknown(u32),
/// }
///
/// let status = apicode::grpc::status(&SmsError::LimitExceed);
/// let guidance = apicode::grpc::guidance::<SmsError>(&status);
/// assert_eq!(guidance.retry, Retry::After(Duration::from_secs(60)));
/// assert_eq!(guidance.help.as_deref(), Some("https://docs.example.com/errors/105300"));
///
/// // A status from the transport: the gRPC code alone.
/// let guidance = apicode::grpc::guidance::<SmsError>(&tonic::Status::unavailable("down"));
/// assert_eq!(guidance.retry, Retry::Yes);
/// assert_eq!(guidance.help, None);
/// ```
#[cfg(feature = "tonic")]
pub fn guidance<T: Decode + crate::ApiTable>(status: &Status) -> Guidance {
    let fallback = match from_status::<T>(status) {
        Ok(error) => Guidance::new(error.retry(), error.help_link()),
        Err(_) => Guidance {
            retry: match status.code() {
                Code::Unavailable | Code::ResourceExhausted => Retry::Yes,
                _ => Retry::No,
            },
            help: None,
        },
    };
    let details = status.check_error_details().ok();
    let retry = details
        .as_ref()
        .and_then(|details| details.retry_info())
        .and_then(|info| info.retry_delay)
        .map(Retry::After);
    let help = details
        .as_ref()
        .and_then(|details| details.help())
        .and_then(|help| help.links.first())
        .map(|link| link.url.clone());
    fallback.answered(retry, help)
}

/// Why a `tonic::Status` is not an error of the table it was read as.
#[cfg(feature = "tonic")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum StatusError<C = u32> {
    /// The status carries no `google.rpc.ErrorInfo` (or details that do not decode): it
    /// comes from the transport, from tonic itself or from a service that does not use
    /// apicode.
    NoErrorInfo {
        /// The status's code.
        code: GrpcCode,
        /// The status's message.
        message: String,
    },
    /// The `ErrorInfo` belongs to another domain than the table's.
    OtherDomain {
        /// The table's domain.
        expected: &'static str,
        /// The status's.
        found: String,
    },
    /// The `ErrorInfo` has no `"code"` metadata entry, or one that is not a decimal of the
    /// table's code type.
    BadCode {
        /// The entry's value, if there is one.
        found: Option<String>,
    },
    /// The code is not one the table can build: outside a table without catch-all, or a
    /// variant whose fields cannot be made from the code alone.
    Unknown {
        /// The table's name.
        table: &'static str,
        /// The code.
        code: C,
    },
}

#[cfg(feature = "tonic")]
impl<C: fmt::Display> fmt::Display for StatusError<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusError::NoErrorInfo { code, message } => write!(
                f,
                "the gRPC status ({code}: {message:?}) carries no google.rpc.ErrorInfo"
            ),
            StatusError::OtherDomain { expected, found } => write!(
                f,
                "the gRPC status's ErrorInfo is of the domain {found:?}, not {expected:?}"
            ),
            StatusError::BadCode { found: None } => {
                f.write_str("the gRPC status's ErrorInfo has no \"code\" metadata")
            }
            StatusError::BadCode { found: Some(found) } => write!(
                f,
                "the gRPC status's ErrorInfo code {found:?} is not a decimal code of the table's type"
            ),
            StatusError::Unknown { table, code } => {
                write!(f, "unknown {table} code {code} in a gRPC status")
            }
        }
    }
}

#[cfg(feature = "tonic")]
impl<C: fmt::Display + fmt::Debug> std::error::Error for StatusError<C> {}

/// The table's error that `status` carries: the code from its `ErrorInfo`'s `"code"`
/// metadata, once the domain matches [`T::DOMAIN`](crate::CodeTable::DOMAIN), converted exactly
/// as `From<C>` (with a catch-all) or `TryFrom<C>` (without one) does. The status's
/// own code and message are not read: the table's code says more.
///
/// ```
/// use apicode::ApiError;
/// use apicode::grpc::{StatusError, from_status};
///
/// #[derive(Debug, PartialEq, ApiError)]
/// enum SmsError {
///     /// Invalid phone number
///     #[code(107111, "InvalidPhoneNumbers", status = 400)]
///     InvalidPhoneNumbers,
///     #[code(other)]
///     Unknown(u32),
/// }
///
/// let status = tonic::Status::from(SmsError::InvalidPhoneNumbers);
/// assert_eq!(from_status::<SmsError>(&status), Ok(SmsError::InvalidPhoneNumbers));
///
/// let plain = tonic::Status::unavailable("connection refused");
/// assert!(matches!(from_status::<SmsError>(&plain), Err(StatusError::NoErrorInfo { .. })));
/// ```
#[cfg(feature = "tonic")]
pub fn from_status<T: Decode>(status: &Status) -> Result<T, StatusError<T::Code>> {
    let no_info = || StatusError::NoErrorInfo {
        code: GrpcCode::from_i32(status.code() as i32).unwrap_or(GrpcCode::Unknown),
        message: status.message().to_owned(),
    };
    let details = status.check_error_details().map_err(|_| no_info())?;
    let info = details.error_info().ok_or_else(no_info)?;
    if info.domain != T::DOMAIN {
        return Err(StatusError::OtherDomain {
            expected: T::DOMAIN,
            found: info.domain.clone(),
        });
    }
    let text = info
        .metadata
        .get(CODE_KEY)
        .ok_or(StatusError::BadCode { found: None })?;
    let Some(Ok(code)) = parse_decimal::<T::Code>(text) else {
        return Err(StatusError::BadCode {
            found: Some(text.clone()),
        });
    };
    T::decode(code).ok_or(StatusError::Unknown {
        table: T::NAME,
        code,
    })
}

/// `E::from_status(&status)`: a table's error read back from a `tonic::Status`, for every
/// derived table; see [`from_status`](crate::grpc::from_status).
///
/// ```
/// use apicode::ApiError;
/// use apicode::grpc::FromStatus as _;
///
/// #[derive(Debug, PartialEq, ApiError)]
/// enum AuthError {
///     /// Missing AccessKeyId
///     #[code(104110, "MissingAccessKeyId", status = 401)]
///     MissingAccessKeyId,
/// }
///
/// let status: tonic::Status = AuthError::MissingAccessKeyId.into();
/// assert_eq!(status.code(), tonic::Code::Unauthenticated);
/// assert_eq!(AuthError::from_status(&status), Ok(AuthError::MissingAccessKeyId));
/// ```
#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub trait FromStatus: Decode {
    /// The error `status` carries; see [`from_status`](crate::grpc::from_status).
    fn from_status(status: &Status) -> Result<Self, StatusError<<Self as Decode>::Code>>;
}

#[cfg(feature = "tonic")]
impl<T: Decode> FromStatus for T {
    fn from_status(status: &Status) -> Result<Self, StatusError<<Self as Decode>::Code>> {
        from_status(status)
    }
}

#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_tonic {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?] [$code:ident]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*>
            for $crate::__private::web::tonic::Status
        where
            for<'__apicode> $($ty)*: $crate::ApiTable,
            $($($pred)*)?
        {
            fn from(error: $($ty)*) -> Self {
                $crate::__private::web::tonic_status(&error)
            }
        }
    };
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_tonic {
    ($($input:tt)*) => {};
}

//! The HTTP side of a table: the status as [`http::StatusCode`][StatusCode] and the default JSON
//! body.
//!
//! Available with the `http` feature (which the `axum` and `actix-web` features turn on).
//!
//! ```
//! use apicode::ApiError;
//! use apicode::http::{ErrorBody, StatusCodeExt};
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(serde = "string")]
//! enum AuthError {
//!     /// Invalid signature timestamp
//!     #[code(104202, "InvalidSignatureTimestamp", status = 401)]
//!     InvalidSignatureTimestamp,
//! }
//!
//! let error = AuthError::InvalidSignatureTimestamp;
//! assert_eq!(error.status_code(), http::StatusCode::UNAUTHORIZED);
//! assert_eq!(
//!     serde_json::to_string(&ErrorBody(&error)).unwrap(),
//!     r#"{"code":"104202","message":"InvalidSignatureTimestamp"}"#,
//! );
//! ```
//!
//! # The default body
//!
//! Unless the table declares another [wire format](crate::wire), the web integrations answer
//! an error with the body that the Unimatrix API sends,
//! `{"code": "104202", "message": "InvalidSignatureTimestamp"}`, under
//! `content-type: application/json`: `code` is the enum itself serialized (a number, or a
//! decimal string with `#[api_error(serde = "string")]`), `message` the table's message. Neither
//! the error's `Display` nor its source ever appears in it, whatever the status, so a 500 leaks
//! nothing of what went wrong inside. For a body that explains the error, use the
//! [`problem`](crate::problem) feature's RFC 9457 bodies.
//!
//! [StatusCode]: https://docs.rs/http/1/http/status/struct.StatusCode.html

use std::string::String;

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{Serialize, SerializeStruct, Serializer};

use crate::wire::Wire;
use crate::wire_of;
use crate::{ApiError, Code};

/// `application/json`: the content type of the default body.
pub const JSON: &str = "application/json";

/// `application/problem+json`: the content type of RFC 9457 problem details.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The HTTP status of an error as [`http::StatusCode`][StatusCode]; implemented for every
/// [`ApiError`], trait objects included.
///
/// [StatusCode]: https://docs.rs/http/1/http/status/struct.StatusCode.html
///
/// ```
/// # use apicode::ApiError;
/// use apicode::http::StatusCodeExt;
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// Out of stock
///     #[code(1001, "OutOfStock", status = 409)]
///     OutOfStock,
/// }
///
/// let boxed: Box<dyn ApiError> = Box::new(StoreError::OutOfStock);
/// assert_eq!(boxed.status_code(), http::StatusCode::CONFLICT);
/// ```
pub trait StatusCodeExt<C: Code = u32>: ApiError<C> {
    /// [`ApiError::http_status`] as a [`http::StatusCode`][StatusCode].
    ///
    /// [StatusCode]: https://docs.rs/http/1/http/status/struct.StatusCode.html
    fn status_code(&self) -> ::http::StatusCode {
        status_code(self.http_status())
    }
}

impl<C: Code, E: ApiError<C> + ?Sized> StatusCodeExt<C> for E {}

/// The headers that carry an error's [guidance](crate::guidance): `retry-after` (whole seconds,
/// rounded up) when its retry policy has a delay, and `link` (`<url>; rel="help"`, RFC 8288)
/// when it has a help link. The web integrations add them to every error answer.
///
/// ```
/// use std::time::Duration;
/// use apicode::ApiError;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(help = "https://docs.example.com/errors/{code}")]
/// enum SmsError {
///     /// Sending rate limit is exceeded
///     #[code(105300, "LimitExceed", status = 429, retry_after = 60)]
///     LimitExceed,
/// }
///
/// let headers: Vec<_> = apicode::http::guidance_headers(&SmsError::LimitExceed).into_iter().flatten().collect();
/// assert_eq!(headers, [
///     ("retry-after", "60".to_owned()),
///     ("link", "<https://docs.example.com/errors/105300>; rel=\"help\"".to_owned()),
/// ]);
/// ```
pub fn guidance_headers<C: Code, E: ApiError<C> + ?Sized>(
    error: &E,
) -> [Option<(&'static str, String)>; 2] {
    let retry = error
        .retry()
        .retry_after_secs()
        .map(|seconds| ("retry-after", std::format!("{seconds}")));
    let link = error
        .help_link()
        .map(|link| ("link", std::format!("<{link}>; rel=\"help\"")));
    [retry, link]
}

/// The status for a number that the derive has already checked to lie in `100..=599`; a hand
/// written `ApiError` impl could return anything, and gets 500 for a number HTTP cannot carry.
pub(crate) fn status_code(status: u16) -> ::http::StatusCode {
    ::http::StatusCode::from_u16(status).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
}

/// The error body the web integrations send: the table's [wire format](crate::wire), by
/// default `{"code": <the error serialized>, "message": <its message>}`, the shape of the
/// Unimatrix API.
///
/// `code` is written by the error's own `Serialize` impl, so it follows the enum's
/// `#[api_error(serde = "...")]` setting. The body never contains the error's `Display`.
/// `#[api_error(wire(code = "errcode", message = "errmsg"))]` renames the members,
/// `wire(nest = "error")` puts them in one member, and `wire(problem)` (feature `problem`)
/// makes it the RFC 9457 document of [`Problem::new`](crate::problem::Problem::new).
///
/// ```
/// # use apicode::ApiError;
/// use apicode::http::ErrorBody;
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     #[code(1001, "OutOfStock", status = 409)]
///     #[error("{0} is out of stock")]
///     OutOfStock(String),
/// }
///
/// let error = StoreError::OutOfStock("tea".into());
/// let body = serde_json::to_string(&ErrorBody(&error)).unwrap();
/// assert_eq!(body, r#"{"code":1001,"message":"OutOfStock"}"#);
///
/// #[derive(Debug, ApiError)]
/// #[api_error(wire(nest = "error", code = "errcode"))]
/// enum NestedError {
///     #[code(1001, "OutOfStock", status = 409)]
///     OutOfStock,
/// }
///
/// let body = serde_json::to_string(&ErrorBody(&NestedError::OutOfStock)).unwrap();
/// assert_eq!(body, r#"{"error":{"errcode":1001,"message":"OutOfStock"}}"#);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct ErrorBody<'a, E: ?Sized>(
    /// The error the body is written from: its `Serialize` impl gives `code`, its
    /// [`ApiError::message`] gives `message`.
    pub &'a E,
);

impl<E: crate::ApiTable + Serialize> Serialize for ErrorBody<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let wire = wire_of::<E>();
        #[cfg(feature = "problem")]
        if wire.is_problem() {
            return crate::problem::BorrowedProblem(self.0).serialize(serializer);
        }
        let text = HumanText(self.0);
        let text = wire
            .detail_member()
            .map(|_| &text as &dyn core::fmt::Display);
        write_envelope(&wire, self.0, self.0.message(), text, serializer)
    }
}

/// An error's text for people, as a body's detail member carries it: the `Display` below HTTP
/// 500, the table's detail from 500 on.
struct HumanText<'a, E: ?Sized>(&'a E);

impl<E: crate::ApiTable> core::fmt::Display for HumanText<'_, E> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        if crate::shows_display(self.0) {
            core::fmt::Display::fmt(self.0, f)
        } else {
            f.write_str(self.0.detail())
        }
    }
}

/// The error body of `error` with `text` as its human text (a translation), for a wire with
/// a detail member; `None` for a wire without one.
#[cfg(feature = "fluent")]
pub(crate) fn body_with_text<E: crate::ApiTable + Serialize>(
    error: &E,
    text: &str,
) -> Option<std::vec::Vec<u8>> {
    struct WithText<'a, E>(&'a E, &'a str);
    impl<E: crate::ApiTable + Serialize> Serialize for WithText<'_, E> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let wire = wire_of::<E>();
            write_envelope(&wire, self.0, self.0.message(), Some(&self.1), serializer)
        }
    }
    let wire = wire_of::<E>();
    if wire.is_problem() || wire.detail_member().is_none() {
        return None;
    }
    serde_json::to_vec(&WithText(error, text)).ok()
}

/// The code and the message under the wire's names, nested if it says so.
fn write_envelope<C: Serialize + ?Sized, S: Serializer>(
    wire: &Wire<'static>,
    code: &C,
    message: &str,
    text: Option<&dyn core::fmt::Display>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let members = Members {
        wire,
        code,
        message,
        text,
    };
    match wire.nest_member() {
        Some(nest) => {
            let mut body = serializer.serialize_struct("ErrorBody", 1)?;
            body.serialize_field(nest, &members)?;
            body.end()
        }
        None => members.serialize(serializer),
    }
}

/// The code and message members of an error body, and its human text when the wire has a
/// member for it.
struct Members<'a, C: ?Sized> {
    wire: &'a Wire<'static>,
    code: &'a C,
    message: &'a str,
    text: Option<&'a dyn core::fmt::Display>,
}

impl<C: Serialize + ?Sized> Serialize for Members<'_, C> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("ErrorBody", 3)?;
        body.serialize_field(self.wire.code_member(), self.code)?;
        body.serialize_field(self.wire.message_member(), self.message)?;
        if let (Some(member), Some(text)) = (self.wire.detail_member(), self.text) {
            body.serialize_field(member, &Collect(text))?;
        }
        body.end()
    }
}

/// Writes a value through its `Display`, without allocating.
struct Collect<'a>(&'a dyn core::fmt::Display);

impl Serialize for Collect<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self.0)
    }
}

/// An error body read back: the owned counterpart of [`ErrorBody`], for a client of a service
/// that answers with it.
///
/// The members are those of the table's [wire format](crate::wire) (`code` and `message` by
/// default, nested if it says so); `code` is read by the table's own `Deserialize` (a number,
/// a decimal string or the message), `message` as sent; other members are ignored, a missing
/// one is an error. It writes the body it read, in the same format. (A `wire(problem)` table
/// reads and writes the envelope members here: read its documents with
/// [`Problem`](crate::problem::Problem).)
///
/// ```
/// use apicode::ApiError;
/// use apicode::http::OwnedErrorBody;
///
/// #[derive(Debug, ApiError)]
/// #[api_error(serde = "string")]
/// enum AuthError {
///     /// Invalid signature timestamp
///     #[code(104202, "InvalidSignatureTimestamp", status = 401)]
///     InvalidSignatureTimestamp,
/// }
///
/// let body = r#"{"code":"104202","message":"InvalidSignatureTimestamp"}"#;
/// let read: OwnedErrorBody<AuthError> = serde_json::from_str(body).unwrap();
/// assert!(matches!(read.code, AuthError::InvalidSignatureTimestamp));
/// assert_eq!(read.message, "InvalidSignatureTimestamp");
/// assert_eq!(serde_json::to_string(&read).unwrap(), body);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OwnedErrorBody<E> {
    /// The error the code names.
    pub code: E,
    /// The message member, as sent.
    pub message: String,
}

impl<E: crate::ApiTable + Serialize> Serialize for OwnedErrorBody<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        write_envelope(&wire_of::<E>(), &self.code, &self.message, None, serializer)
    }
}

impl<'de, E: crate::ApiTable + DeserializeOwned> Deserialize<'de> for OwnedErrorBody<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = wire_of::<E>();
        let envelope = crate::client::Reader::from_wire(wire)
            .envelope::<de::IgnoredAny, E, D>(deserializer)?;
        Ok(OwnedErrorBody {
            code: envelope.code,
            message: envelope
                .message
                .ok_or_else(|| de::Error::missing_field(wire.message_member()))?,
        })
    }
}

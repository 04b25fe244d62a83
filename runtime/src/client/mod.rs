//! The client side: an API's answer read back into `Result<T, E>`, where `E` is the table.
//!
//! Most code-table APIs wrap every answer in one envelope,
//! `{"code": ..., "message": ..., "data": ...}`; a [`Reader`] says how the API at hand names
//! those members and which code means success (usually the table's own
//! [wire format](crate::wire), [`Reader::of::<E>()`](Reader::of), which `api_result` uses), and
//! turns an answer into
//!
//! - `Ok(Ok(data))`: the API said yes;
//! - `Ok(Err(error))`: the API said no, with a code of the table `E` (read by `E`'s own
//!   `Deserialize`, so a decimal string, a number or the message all work, and a catch-all
//!   variant keeps a code outside the table);
//! - `Err(`[`ClientError`]`)`: what came back is not the API's answer (an HTML page from a proxy,
//!   truncated JSON, a code the table rejects, a body over the limit), with the HTTP status kept.
//!
//! The envelope itself is read through serde alone ([`Reader::envelope`], any self-describing
//! format, only `alloc`). With the `client` feature, [`Reader::read`] reads a whole HTTP answer
//! (status, content type, body) as JSON; the `reqwest` and `ureq` features add an extension
//! trait on those clients' responses that does it in one call.
//!
//! # Which code means success
//!
//! By default, a code whose table entry has a 2xx [`status`](crate::Entry::status) is the
//! success code: the SMS table's code `0` is declared `status = 200`. A code outside the table,
//! kept by a catch-all, is never a success. `#[api_error(wire(success = 0))]` or
//! [`Reader::success_code`] names the code instead, for a table whose success code is not
//! declared, or not with a 2xx status.
//!
//! A 2xx JSON answer without the code member is a success whose data is the whole body: the
//! answer of a plain handler beside the table's errors. `wire(code_required)` or
//! [`Reader::code_required`] makes it [`ClientErrorKind::MissingCode`].
//!
//! # What each answer gives
//!
//! | answer | result |
//! | --- | --- |
//! | 2xx, JSON, a success code | `Ok(Ok(data))` |
//! | any status, JSON, an error code of the table | `Ok(Err(error))`: a 200 with an error code is an error |
//! | any status, `application/problem+json` with an error code | `Ok(Err(error))` |
//! | non-2xx, or a problem document, with a success code | [`ClientErrorKind::UnexpectedSuccess`]: never a success |
//! | a success code, `data` missing or not a `T` | [`ClientErrorKind::Data`] (`Option<T>` and `()` accept a missing `data`) |
//! | 2xx, JSON without the code member | `Ok(Ok(data))`, the data the whole body; [`ClientErrorKind::MissingCode`] with [`Reader::code_required`] |
//! | non-2xx, or a problem document, without the code member | [`ClientErrorKind::MissingCode`] |
//! | a code that `E` does not accept (unknown without a catch-all, negative, fractional, ...) | [`ClientErrorKind::RejectedCode`] |
//! | JSON that is not an object, or members of the wrong type | [`ClientErrorKind::Malformed`] |
//! | JSON cut short | [`ClientErrorKind::Truncated`] |
//! | a body that is not JSON (an HTML 502, an empty body) | [`ClientErrorKind::NotJson`] |
//! | a content type that is not JSON (`text/html`, `text/plain`) | [`ClientErrorKind::ContentType`], unless [`Reader::any_content_type`] |
//! | a body over [`Reader::body_limit`] (1 MiB by default) | [`ClientErrorKind::TooLarge`] |
//!
//! An answer without a content type is read as JSON. The JSON content types are
//! `application/json`, `text/json` and any `application/...+json`.
//!
//! # Another envelope
//!
//! Declare it on the table, `#[api_error(wire(...))]` (see [`wire`](crate::wire)): the server
//! answers in it and `api_result::<T, E>()` reads it. For an API whose table does not declare
//! it, define the reader once, as a constant next to the table, and pass it to every call:
//!
//! ```
//! # #[cfg(feature = "client")] {
//! use apicode::ApiError;
//! use apicode::client::Reader;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400)]
//! enum WeChatError {
//!     /// ok
//!     #[code(0, "Ok", status = 200)]
//!     Ok,
//!     /// The access token is invalid or has expired
//!     #[code(40001, "InvalidCredential", status = 401)]
//!     InvalidCredential,
//!     #[code(other)]
//!     Unknown(u32),
//! }
//!
//! /// `{"errcode": 0, "errmsg": "ok", "access_token": "..."}`: the data is the body itself.
//! const WECHAT: Reader = Reader::new().code("errcode").message("errmsg").flattened_data();
//!
//! #[derive(serde::Deserialize)]
//! struct Token { access_token: String }
//!
//! let body = br#"{"errcode": 0, "errmsg": "ok", "access_token": "T0k"}"#;
//! let token: Token = WECHAT.read::<Token, WeChatError>(200, Some("application/json"), body)
//!     .unwrap()
//!     .unwrap();
//! assert_eq!(token.access_token, "T0k");
//!
//! let body = br#"{"errcode": 40001, "errmsg": "invalid credential"}"#;
//! let answer = WECHAT.read::<Token, WeChatError>(200, Some("application/json"), body).unwrap();
//! assert!(matches!(answer, Err(WeChatError::InvalidCredential)));
//! # }
//! ```

mod answer;
mod envelope;
mod error;
#[cfg(feature = "client")]
mod json;
#[cfg(feature = "reqwest")]
#[cfg_attr(docsrs, doc(cfg(feature = "reqwest")))]
pub mod reqwest;
#[cfg(feature = "ureq")]
#[cfg_attr(docsrs, doc(cfg(feature = "ureq")))]
pub mod ureq;

pub use self::answer::Answer;
pub use self::envelope::Envelope;
pub use self::error::{ClientError, ClientErrorKind};

/// The default [`Reader::body_limit`]: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1 << 20;

pub use crate::wire::Data;
use crate::wire::Wire;

/// How an API wraps its answers, and how much of an answer to read; see the
/// [module documentation](self).
///
/// A reader is a [`Wire`] (the members, the success code: usually the table's own,
/// [`Reader::of`]) and the limits of this client. Every setter is a `const fn`, so a reader
/// for an API whose table does not declare its wire is a constant, defined once per API:
///
/// ```
/// use apicode::client::Reader;
///
/// // {"error_code": 0, "error_msg": "ok", "result": {...}}, success code 0 whatever its status.
/// const API: Reader = Reader::new()
///     .code("error_code")
///     .message("error_msg")
///     .data("result")
///     .success_code(0)
///     .body_limit(64 * 1024);
/// # let _ = API;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader<'a> {
    wire: Wire<'a>,
    body_limit: usize,
    any_content_type: bool,
}

impl Default for Reader<'_> {
    fn default() -> Self {
        Reader::new()
    }
}

impl Reader<'static> {
    /// The reader of the table `E`'s wire format,
    /// [`CodeTable::WIRE`](crate::CodeTable::WIRE), as `#[api_error(wire(...))]` declares it:
    /// what `api_result::<T, E>()` reads with.
    ///
    /// ```
    /// use apicode::ApiError;
    /// use apicode::client::Reader;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(wire(code = "errcode", message = "errmsg", status = 200, data = flattened))]
    /// enum WeChatError {
    ///     /// ok
    ///     #[code(0, "ok", status = 200)]
    ///     Ok,
    ///     /// The access token is invalid or has expired
    ///     #[code(40001, "invalid credential", status = 401)]
    ///     InvalidCredential,
    /// }
    ///
    /// let reader = Reader::of::<WeChatError>();
    /// let body = r#"{"errcode": 40001, "errmsg": "invalid credential"}"#;
    /// let mut json = serde_json::Deserializer::from_str(body);
    /// let envelope = reader.envelope::<(), WeChatError, _>(&mut json).unwrap();
    /// assert!(matches!(reader.answer(200, envelope).unwrap(), Err(WeChatError::InvalidCredential)));
    /// ```
    #[must_use]
    pub const fn of<E: crate::ApiTable>() -> Self {
        Reader::from_wire(crate::wire_of::<E>())
    }
}

impl<'a> Reader<'a> {
    /// The default [`Wire`]: the Unimatrix envelope, `{"code": ..., "message": ...,
    /// "data": ...}`, the success code the one whose entry has a 2xx status, and a 2xx answer
    /// without a code a success whose data is the body; bodies up to [`DEFAULT_BODY_LIMIT`];
    /// JSON content types only.
    pub const fn new() -> Self {
        Reader::from_wire(Wire::new())
    }

    /// A reader of `wire`, with the default limits.
    pub const fn from_wire(wire: Wire<'a>) -> Self {
        Reader {
            wire,
            body_limit: DEFAULT_BODY_LIMIT,
            any_content_type: false,
        }
    }

    /// The wire format this reader reads.
    pub const fn wire(&self) -> &Wire<'a> {
        &self.wire
    }

    /// The name of the member holding the code (default `code`).
    #[must_use]
    pub const fn code(mut self, name: &'a str) -> Self {
        self.wire = self.wire.code(name);
        self
    }

    /// The name of the member holding the message (default `message`).
    #[must_use]
    pub const fn message(mut self, name: &'a str) -> Self {
        self.wire = self.wire.message(name);
        self
    }

    /// The code and the message sit inside this member, as in
    /// `{"error": {"code": 5, "message": "..."}}`; the data stays beside it.
    #[must_use]
    pub const fn nest(mut self, name: &'a str) -> Self {
        self.wire = self.wire.nest(name);
        self
    }

    /// The name of the member holding an error's human text (none by default), which
    /// [`Answer::text`] reports: the text a server's translations put in the request's language.
    #[must_use]
    pub const fn detail(mut self, name: &'a str) -> Self {
        self.wire = self.wire.detail(name);
        self
    }

    /// The name of the member holding the data of a success (default `data`).
    #[must_use]
    pub const fn data(mut self, name: &'a str) -> Self {
        self.wire = self.wire.data(name);
        self
    }

    /// The data of a success is the body itself, beside the code and the message, as in
    /// `{"errcode": 0, "errmsg": "ok", "access_token": "..."}`: `T` is read from the whole
    /// body, and usually ignores the code and message members.
    #[must_use]
    pub const fn flattened_data(mut self) -> Self {
        self.wire = self.wire.flattened_data();
        self
    }

    /// The answers carry no data: a success gives `T` read from nothing, so `T` is `()` or an
    /// `Option`.
    #[must_use]
    pub const fn without_data(mut self) -> Self {
        self.wire = self.wire.without_data();
        self
    }

    /// `code` is the success code, whatever the table's status for it says.
    #[must_use]
    pub const fn success_code(mut self, code: u32) -> Self {
        self.wire = self.wire.success_code(code as i128);
        self
    }

    /// A negative or 64-bit success code, for a table declared with another code type
    /// (`#[api_error(code = i32)]`); see [`success_code`](Reader::success_code).
    #[must_use]
    pub const fn signed_success_code(mut self, code: i64) -> Self {
        self.wire = self.wire.success_code(code as i128);
        self
    }

    /// The longest body read, in bytes (default [`DEFAULT_BODY_LIMIT`], 1 MiB); a longer one is
    /// [`ClientErrorKind::TooLarge`], and is not read past the limit.
    #[must_use]
    pub const fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Reads a body as JSON whatever its content type, for an API that labels its JSON
    /// `text/plain` or `text/html`. A body that is not JSON is still an error.
    #[must_use]
    pub const fn any_content_type(mut self) -> Self {
        self.any_content_type = true;
        self
    }

    /// A 2xx JSON answer without the code member is a success whose data is the whole body:
    /// the default, for a service whose handlers answer plain JSON beside the table's errors
    /// (`{"access_token": "...", "expires_in": 7200}`). Without a code, any other status, or a
    /// problem document, is still [`ClientErrorKind::MissingCode`]. Applies to
    /// [`read`](Reader::read), where the code is optional; an [`Envelope`] always has one.
    #[must_use]
    pub const fn success_without_code(mut self) -> Self {
        self.wire = self.wire.success_without_code();
        self
    }

    /// Every answer carries the code member: a 2xx answer without it is
    /// [`ClientErrorKind::MissingCode`] rather than a success.
    #[must_use]
    pub const fn code_required(mut self) -> Self {
        self.wire = self.wire.code_required();
        self
    }

    /// The longest body this reader reads.
    pub const fn limit(&self) -> usize {
        self.body_limit
    }

    /// Whether `error` holds this reader's success code: the configured one, or else a code
    /// whose table entry has a 2xx status (never a code the catch-all keeps).
    pub fn is_success<E: crate::ApiTable>(&self, error: &E) -> bool {
        let code = error.code();
        match self.wire.success() {
            Some(success) => crate::Code::to_i128(code) == success,
            None => E::entry(code).is_some_and(|entry| (200..300).contains(&entry.status)),
        }
    }

    /// The typed answer of an envelope already read, under the HTTP `status`: the rules of the
    /// [module documentation](self), except that the data, when the envelope carries none, is
    /// read from nothing.
    ///
    /// ```
    /// use apicode::ApiError;
    /// use apicode::client::Reader;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum AuthError {
    ///     /// Success
    ///     #[code(0, "Ok", status = 200)]
    ///     Ok,
    ///     /// Invalid AccessKeyId
    ///     #[code(104111, "InvalidAccessKeyId", status = 401)]
    ///     InvalidAccessKeyId,
    /// }
    ///
    /// let reader = Reader::new();
    /// let body = r#"{"code": 104111, "message": "InvalidAccessKeyId"}"#;
    /// let mut json = serde_json::Deserializer::from_str(body);
    /// let envelope = reader.envelope::<(), AuthError, _>(&mut json).unwrap();
    /// let answer = reader.answer(200, envelope).unwrap();
    /// assert!(matches!(answer, Err(AuthError::InvalidAccessKeyId)));
    /// ```
    pub fn answer<T, E>(
        &self,
        status: u16,
        envelope: Envelope<T, E>,
    ) -> Result<Result<T, E>, ClientError>
    where
        T: serde::de::DeserializeOwned,
        E: crate::ApiTable,
    {
        if !self.is_success(&envelope.code) {
            return Ok(Err(envelope.code));
        }
        if !(200..300).contains(&status) {
            return Err(ClientError::unexpected_success(
                status,
                envelope.code.code(),
            ));
        }
        match envelope.data {
            Some(data) => Ok(Ok(data)),
            None => from_nothing(self.wire.data_member())
                .map(Ok)
                .map_err(|reason| ClientError::new(ClientErrorKind::Data, Some(status), reason)),
        }
    }
}

/// `T` read from nothing: `None` for an `Option`, `()` for the unit, an error for the rest.
fn from_nothing<T: serde::de::DeserializeOwned>(
    data: Data<'_>,
) -> Result<T, alloc::string::String> {
    use alloc::string::ToString;
    use serde::de::IntoDeserializer;

    let nothing: serde::de::value::UnitDeserializer<serde::de::value::Error> =
        ().into_deserializer();
    T::deserialize(nothing).map_err(|error| match data {
        Data::Member(name) => alloc::format!("a success without `{name}`: {error}"),
        Data::Flattened | Data::Absent => error.to_string(),
    })
}

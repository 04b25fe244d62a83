//! ureq 3 (blocking): [`ResponseExt`] reads a `ureq` response into the typed answer in one call.
//!
//! ureq turns a 4xx or 5xx status into an error before the body can be read, unless the agent
//! is built with `http_status_as_error(false)`: build it so, since an API's refusals come with
//! those statuses. (With the default agent, such an answer is a [`ClientError`] of kind
//! [`Transport`](super::ClientErrorKind::Transport) that keeps the status.) The feature builds
//! ureq without its default features: plain HTTP only; enable ureq's `rustls` feature in your
//! own `Cargo.toml` for HTTPS.
//!
//! ```no_run
//! use apicode::client::ClientError;
//! use apicode::client::ureq::ResponseExt;
//! use apicode::ApiError;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400, serde = "string")]
//! enum SmsError {
//!     /// Success
//!     #[code(0, "Ok", status = 200)]
//!     Ok,
//!     /// Invalid AccessKeyId
//!     #[code(104111, "InvalidAccessKeyId", status = 401)]
//!     InvalidAccessKeyId,
//!     #[code(other)]
//!     Unknown(u32),
//! }
//!
//! #[derive(serde::Deserialize)]
//! struct Balance { amount: String }
//!
//! fn balance(agent: &ureq::Agent) -> Result<Result<Balance, SmsError>, ClientError> {
//!     agent
//!         .post("http://127.0.0.1:8080/?action=account.balance&accessKeyId=key")
//!         .send_empty()?
//!         .api_result::<Balance, SmsError>()
//! }
//!
//! let agent: ureq::Agent = ureq::Agent::config_builder()
//!     .http_status_as_error(false)
//!     .build()
//!     .into();
//! let _ = balance(&agent);
//! ```

use alloc::string::String;
use alloc::vec::Vec;

use serde::de::DeserializeOwned;

use super::answer::Read;
use super::{Answer, ClientError, ClientErrorKind, Reader};

/// The typed answer of a ureq response; see the [module documentation](super) for what each
/// answer gives.
pub trait ResponseExt {
    /// Reads the answer in the table's own wire format, [`Reader::of::<E>()`](Reader::of)
    /// (`#[api_error(wire(...))]`, else the `code`/`message`/`data` envelope), a body of at
    /// most 1 MiB.
    fn api_result<T, E>(self) -> Result<Result<T, E>, ClientError>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned;

    /// Reads the answer with `reader`: another envelope, success code or body limit than the
    /// table declares.
    fn api_result_with<T, E>(self, reader: &Reader<'_>) -> Result<Result<T, E>, ClientError>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned;

    /// Reads the answer as [`api_result`](ResponseExt::api_result) does, with its
    /// [`Guidance`](crate::guidance::Guidance): whether and when to retry (the `Retry-After`
    /// header, else the table's policy for the code, else the status), the help link, and an
    /// error's human text with the language `Content-Language` names ([`Answer::text`]).
    fn api_answer<T, E>(self) -> Answer<T, E>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned;
}

impl ResponseExt for ::ureq::http::Response<::ureq::Body> {
    fn api_answer<T, E>(self) -> Answer<T, E>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        let status = self.status().as_u16();
        let retry_after = header(&self, ::ureq::http::header::RETRY_AFTER);
        let link = header(&self, ::ureq::http::header::LINK);
        let language = header(&self, ::ureq::http::header::CONTENT_LANGUAGE);
        let reader = Reader::of::<E>();
        let body = read_body(self, &reader);
        reader.answer_of(Read {
            status,
            retry_after,
            link,
            language,
            body,
        })
    }

    fn api_result<T, E>(self) -> Result<Result<T, E>, ClientError>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        self.api_result_with(&Reader::of::<E>())
    }

    fn api_result_with<T, E>(self, reader: &Reader<'_>) -> Result<Result<T, E>, ClientError>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        let status = self.status().as_u16();
        let (content_type, body) = read_body(self, reader)?;
        reader.read(status, content_type.as_deref(), &body)
    }
}

/// A header's value as text.
fn header(
    response: &::ureq::http::Response<::ureq::Body>,
    name: ::ureq::http::header::HeaderName,
) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// The content type and the body, within the reader's limit.
fn read_body(
    response: ::ureq::http::Response<::ureq::Body>,
    reader: &Reader<'_>,
) -> Result<(Option<String>, Vec<u8>), ClientError> {
    let status = response.status().as_u16();
    let content_type = header(&response, ::ureq::http::header::CONTENT_TYPE);
    let limit = u64::try_from(reader.limit()).unwrap_or(u64::MAX);
    let body = response
        .into_body()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|error| match error {
            ::ureq::Error::BodyExceedsLimit(_) => reader
                .too_large(Some(status))
                .with_answer(content_type.as_deref(), &[]),
            error => ClientError::transport(Some(status), error),
        })?;
    Ok((content_type, body))
}

impl From<::ureq::Error> for ClientError {
    /// A request that failed before its answer could be read; a status that the agent turned
    /// into an error keeps it.
    fn from(error: ::ureq::Error) -> Self {
        match error {
            ::ureq::Error::StatusCode(status) => ClientError::new(
                ClientErrorKind::Transport,
                Some(status),
                alloc::format!(
                    "the agent refused the status {status} before its body was read; build \
                     it with `http_status_as_error(false)` to read the API's answer"
                ),
            )
            .with_source(error),
            error => ClientError::transport(None, error),
        }
    }
}

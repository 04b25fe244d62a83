//! reqwest (async): [`ResponseExt`] reads a `reqwest::Response` into the typed answer in one
//! call.
//!
//! The feature builds reqwest without its default features: plain HTTP only. To reach an API
//! over HTTPS, enable a TLS feature of reqwest in your own `Cargo.toml`
//! (`reqwest = { version = "0.13", features = ["rustls"] }`); Cargo merges the features.
//!
//! ```no_run
//! use apicode::client::ClientError;
//! use apicode::client::reqwest::ResponseExt;
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
//! async fn balance(http: &reqwest::Client) -> Result<Result<Balance, SmsError>, ClientError> {
//!     http.post("http://127.0.0.1:8080/?action=account.balance&accessKeyId=key")
//!         .send()
//!         .await?
//!         .api_result::<Balance, SmsError>()
//!         .await
//! }
//! ```

use alloc::string::String;
use alloc::vec::Vec;
use core::future::Future;

use serde::de::DeserializeOwned;

use super::answer::Read;
use super::{Answer, ClientError, Reader};

/// The typed answer of a `reqwest::Response`; see the [module documentation](super) for what
/// each answer gives.
pub trait ResponseExt {
    /// Reads the answer in the table's own wire format, [`Reader::of::<E>()`](Reader::of)
    /// (`#[api_error(wire(...))]`, else the `code`/`message`/`data` envelope), a body of at
    /// most 1 MiB.
    fn api_result<T, E>(self) -> impl Future<Output = Result<Result<T, E>, ClientError>> + Send
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned;

    /// Reads the answer with `reader`: another envelope, success code or body limit than the
    /// table declares.
    fn api_result_with<T, E>(
        self,
        reader: &Reader<'_>,
    ) -> impl Future<Output = Result<Result<T, E>, ClientError>> + Send
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned;

    /// Reads the answer as [`api_result`](ResponseExt::api_result) does, with its
    /// [`Guidance`](crate::guidance::Guidance): whether and when to retry (the `Retry-After`
    /// header, else the table's policy for the code, else the status), the help link, and an
    /// error's human text with the language `Content-Language` names ([`Answer::text`]).
    fn api_answer<T, E>(self) -> impl Future<Output = Answer<T, E>> + Send
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned;
}

impl ResponseExt for ::reqwest::Response {
    async fn api_answer<T, E>(self) -> Answer<T, E>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        let status = self.status().as_u16();
        let retry_after = header(&self, ::reqwest::header::RETRY_AFTER);
        let link = header(&self, ::reqwest::header::LINK);
        let language = header(&self, ::reqwest::header::CONTENT_LANGUAGE);
        let reader = Reader::of::<E>();
        let body = read_body(self, &reader).await;
        reader.answer_of(Read {
            status,
            retry_after,
            link,
            language,
            body,
        })
    }

    async fn api_result<T, E>(self) -> Result<Result<T, E>, ClientError>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        self.api_result_with(&Reader::of::<E>()).await
    }

    fn api_result_with<T, E>(
        self,
        reader: &Reader<'_>,
    ) -> impl Future<Output = Result<Result<T, E>, ClientError>> + Send
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        let reader = *reader;
        async move {
            let status = self.status().as_u16();
            let (content_type, body) = read_body(self, &reader).await?;
            reader.read(status, content_type.as_deref(), &body)
        }
    }
}

/// A header's value as text.
fn header(response: &::reqwest::Response, name: ::reqwest::header::HeaderName) -> Option<String> {
    response
        .headers()
        .get(name)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// The content type and the body, within the reader's limit.
async fn read_body(
    mut response: ::reqwest::Response,
    reader: &Reader<'_>,
) -> Result<(Option<String>, Vec<u8>), ClientError> {
    let status = response.status().as_u16();
    let content_type = header(&response, ::reqwest::header::CONTENT_TYPE);
    let limit = reader.limit();
    let too_large = || {
        reader
            .too_large(Some(status))
            .with_answer(content_type.as_deref(), &[])
    };
    // A declared length over the limit is refused before a byte is read.
    if response
        .content_length()
        .is_some_and(|length| usize::try_from(length).map_or(true, |n| n > limit))
    {
        return Err(too_large());
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|error| ClientError::transport(Some(status), error))?
    {
        if chunk.len() > limit - body.len() {
            return Err(too_large());
        }
        body.extend_from_slice(&chunk);
    }
    Ok((content_type, body))
}

impl From<::reqwest::Error> for ClientError {
    /// A request that failed before its answer could be read (no connection, a timeout).
    fn from(error: ::reqwest::Error) -> Self {
        ClientError::transport(error.status().map(|status| status.as_u16()), error)
    }
}

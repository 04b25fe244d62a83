//! A whole HTTP answer (status, content type, body) read as JSON.

use alloc::string::ToString;

use serde::de::{DeserializeOwned, IgnoredAny};

use super::envelope::RawEnvelope;
use super::{ClientError, ClientErrorKind, Data, Reader};

/// What the content type says the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Body {
    /// An envelope (or a body of unknown type, read as one).
    Json,
    /// RFC 9457 problem details: an error, never a success.
    Problem,
}

/// The kind of body a content type announces, or `None` for one that is not JSON.
fn classify(content_type: Option<&str>) -> Option<Body> {
    let Some(content_type) = content_type else {
        return Some(Body::Json);
    };
    // What nearly every JSON API sends, told apart without splitting the value.
    if content_type == "application/json" {
        return Some(Body::Json);
    }
    let essence = content_type.split(';').next().unwrap_or("").trim();
    if essence.is_empty() {
        return Some(Body::Json);
    }
    let (kind, subtype) = essence.split_once('/')?;
    if kind.eq_ignore_ascii_case("application") && subtype.eq_ignore_ascii_case("problem+json") {
        return Some(Body::Problem);
    }
    let json_subtype = subtype.eq_ignore_ascii_case("json")
        || subtype.len() > 5
            && subtype
                .get(subtype.len() - 5..)
                .is_some_and(|suffix| suffix.eq_ignore_ascii_case("+json"));
    let json_kind = kind.eq_ignore_ascii_case("application")
        || kind.eq_ignore_ascii_case("text") && subtype.eq_ignore_ascii_case("json");
    (json_kind && json_subtype).then_some(Body::Json)
}

/// A `serde_json` error as the kind of failure it shows.
fn json_failure(error: &serde_json::Error) -> ClientErrorKind {
    use serde_json::error::Category;
    match error.classify() {
        Category::Eof => ClientErrorKind::Truncated,
        Category::Syntax => ClientErrorKind::NotJson,
        Category::Data | Category::Io => ClientErrorKind::Malformed,
    }
}

impl Reader<'_> {
    /// Reads an HTTP answer into the typed answer, as the [module documentation](super) lays
    /// out: `Ok(Ok(data))` for a success under a 2xx status, `Ok(Err(error))` for an error code
    /// under any status, and a [`ClientError`] for anything that is not the API's answer.
    /// Never panics.
    ///
    /// `content_type` is the `Content-Type` header's value, if any.
    ///
    /// ```
    /// use apicode::ApiError;
    /// use apicode::client::{ClientErrorKind, Reader};
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(serde = "string")]
    /// enum SmsError {
    ///     /// Success
    ///     #[code(0, "Ok", status = 200)]
    ///     Ok,
    ///     /// Invalid phone number
    ///     #[code(107111, "InvalidPhoneNumbers", status = 400)]
    ///     InvalidPhoneNumbers,
    ///     #[code(other)]
    ///     Unknown(u32),
    /// }
    ///
    /// #[derive(Debug, serde::Deserialize)]
    /// struct Sent { recipients: u32 }
    ///
    /// let reader = Reader::new();
    /// let json = Some("application/json");
    /// let sent = reader.read::<Sent, SmsError>(200, json, br#"{"code": "0", "data": {"recipients": 2}}"#);
    /// assert_eq!(sent.unwrap().unwrap().recipients, 2);
    ///
    /// let refused = reader.read::<Sent, SmsError>(400, json, br#"{"code": "107111", "message": "InvalidPhoneNumbers"}"#);
    /// assert!(matches!(refused.unwrap(), Err(SmsError::InvalidPhoneNumbers)));
    ///
    /// // A success code under a 500 is never a success.
    /// let odd = reader.read::<Sent, SmsError>(500, json, br#"{"code": "0", "data": {"recipients": 2}}"#);
    /// assert_eq!(odd.unwrap_err().kind(), ClientErrorKind::UnexpectedSuccess);
    /// ```
    #[cfg_attr(docsrs, doc(cfg(feature = "client")))]
    pub fn read<T, E>(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Result<T, E>, ClientError>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        self.read_body(status, content_type, body)
            .map_err(|error| error.with_answer(content_type, body))
    }

    fn read_body<T, E>(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &[u8],
    ) -> Result<Result<T, E>, ClientError>
    where
        T: DeserializeOwned,
        E: crate::ApiTable + DeserializeOwned,
    {
        let fail = |kind, reason: &dyn core::fmt::Display| {
            ClientError::new(kind, Some(status), reason.to_string())
        };
        if body.len() > self.body_limit {
            return Err(self.too_large(Some(status)));
        }
        let kind = match classify(content_type) {
            Some(kind) => kind,
            None if self.any_content_type => Body::Json,
            None => {
                return Err(fail(
                    ClientErrorKind::ContentType,
                    &"expected a JSON content type",
                ));
            }
        };

        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(fail(ClientErrorKind::NotJson, &"an empty body"));
        }
        // First the code alone, the data skipped: an error answer's data (`{}`, `[]`, a
        // string) need not be a `T`.
        let mut json = serde_json::Deserializer::from_slice(body);
        let raw: RawEnvelope<IgnoredAny> = self
            .raw(&mut json, false)
            // Trailing bytes after the document are refused too.
            .and_then(|raw| json.end().map(|()| raw))
            .map_err(|error| {
                // A document of the wrong shape may also be broken further on: text that is
                // not JSON at all says so, whatever came first.
                let error = match serde_json::from_slice::<IgnoredAny>(body) {
                    Err(broken) if error.is_data() => broken,
                    _ => error,
                };
                fail(json_failure(&error), &error).with_source(error)
            })?;
        let ok_status = (200..300).contains(&status);
        match raw.code {
            Some(code) => {
                let error = code.decode::<E>().map_err(|refusal| {
                    fail(
                        ClientErrorKind::RejectedCode,
                        &format_args!("code {code}: {refusal}"),
                    )
                })?;
                if !self.is_success(&error) {
                    return Ok(Err(error));
                }
                if kind == Body::Problem || !ok_status {
                    return Err(ClientError::unexpected_success(status, error.code()));
                }
            }
            // No envelope: the body itself is the data.
            None if self.wire.is_success_without_code() && kind == Body::Json && ok_status => {
                return serde_json::from_slice::<T>(body)
                    .map(Ok)
                    .map_err(|error| fail(ClientErrorKind::Data, &error).with_source(error));
            }
            None => {
                return Err(fail(
                    ClientErrorKind::MissingCode,
                    &format_args!("no `{}` member", self.wire.code_member()),
                ));
            }
        }
        let data = match self.wire.data_member() {
            Data::Member(_) => self
                .raw::<T, _>(&mut serde_json::Deserializer::from_slice(body), false)
                .map(|raw| raw.data),
            Data::Flattened => serde_json::from_slice::<T>(body).map(Some),
            Data::Absent => Ok(None),
        }
        .map_err(|error| fail(ClientErrorKind::Data, &error).with_source(error))?;
        match data {
            Some(data) => Ok(Ok(data)),
            None => super::from_nothing(self.wire.data_member())
                .map(Ok)
                .map_err(|reason| fail(ClientErrorKind::Data, &reason)),
        }
    }

    /// A body over the limit.
    pub(crate) fn too_large(&self, status: Option<u16>) -> ClientError {
        ClientError::new(
            ClientErrorKind::TooLarge,
            status,
            alloc::format!("more than {} bytes", self.body_limit),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::{Body, classify};

    #[test]
    fn json_content_types_are_recognised() {
        for json in [
            None,
            Some(""),
            Some("application/json"),
            Some("Application/JSON; charset=utf-8"),
            Some("text/json"),
            Some("application/vnd.api+json"),
        ] {
            assert_eq!(classify(json), Some(Body::Json), "{json:?}");
        }
        assert_eq!(
            classify(Some("application/problem+json; charset=utf-8")),
            Some(Body::Problem)
        );
        for other in [
            "text/html",
            "text/plain",
            "application/xml",
            "json",
            "application/+json",
            "image/svg+json",
            "application/jsonp",
        ] {
            assert_eq!(classify(Some(other)), None, "{other}");
        }
    }
}

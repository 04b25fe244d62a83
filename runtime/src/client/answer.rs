//! An answer read with its guidance: whether and when to retry it, where to read about it.

use alloc::string::String;

use super::{ClientError, Reader};
use crate::guidance::{Guidance, Retry};

/// The typed answer of an HTTP call and its [`Guidance`]: what `api_answer` gives (features
/// `reqwest`, `ureq`).
///
/// `guidance.retry` says whether and when to retry: the `Retry-After` header, else the table's
/// policy for the code the answer carries, else what the status suggests (429 and 503 are
/// worth retrying, every other status is not; a success never is). `guidance.help` is the
/// `Link: <...>; rel="help"` header's URL, else a problem document's `type` (other than
/// `about:blank`), else the table's link for the code.
#[derive(Debug)]
pub struct Answer<T, E> {
    /// The typed answer, as `api_result` gives it.
    pub result: Result<Result<T, E>, ClientError>,
    /// Whether and when to retry, and where to read about the error.
    pub guidance: Guidance,
    /// An error's human text as the body carries it: the wire's detail member (see
    /// [`Wire::detail`](crate::wire::Wire::detail)), or a problem document's `detail`; `None`
    /// for a success and for a body without one.
    pub text: Option<String>,
    /// The language of the answer, as its `Content-Language` header names it.
    pub language: Option<String>,
}

impl Reader<'_> {
    /// The guidance of an answer read into `result` under `status`, given its `Retry-After`
    /// and `Link` headers and, for a problem document, its `type`.
    ///
    /// ```
    /// use std::time::Duration;
    /// use apicode::ApiError;
    /// use apicode::client::Reader;
    /// use apicode::guidance::Retry;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(help = "https://docs.example.com/errors/{code}")]
    /// enum SmsError {
    ///     /// No upstream available
    ///     #[code(107201, "NoUpstreamAvailable", status = 503, retry = true)]
    ///     NoUpstreamAvailable,
    /// }
    ///
    /// let reader = Reader::of::<SmsError>();
    /// let result = Ok::<Result<(), _>, _>(Err(SmsError::NoUpstreamAvailable));
    /// // The server's header is more precise than the table.
    /// let guidance = reader.guidance(503, Some("30"), None, None, &result);
    /// assert_eq!(guidance.retry, Retry::After(Duration::from_secs(30)));
    /// assert_eq!(guidance.help.as_deref(), Some("https://docs.example.com/errors/107201"));
    /// // Without it, the table's policy.
    /// assert_eq!(reader.guidance(503, None, None, None, &result).retry, Retry::Yes);
    /// ```
    pub fn guidance<T, E: crate::ApiTable>(
        &self,
        status: u16,
        retry_after: Option<&str>,
        link: Option<&str>,
        problem_type: Option<&str>,
        result: &Result<Result<T, E>, ClientError>,
    ) -> Guidance {
        let fallback = match result {
            Ok(Ok(_)) => Guidance {
                retry: Retry::No,
                help: None,
            },
            Ok(Err(error)) => Guidance::new(error.retry(), error.help_link()),
            Err(error) => Guidance {
                retry: Retry::for_status(error.status().unwrap_or(status)),
                help: None,
            },
        };
        if matches!(result, Ok(Ok(_))) {
            return fallback;
        }
        let help = link.and_then(help_link).or_else(|| {
            problem_type
                .filter(|uri| !uri.is_empty() && *uri != "about:blank")
                .map(String::from)
        });
        fallback.answered(retry_after.and_then(parse_retry_after), help)
    }
}

/// What a client's `api_answer` has read of an answer: its status, its guidance headers, and
/// its content type and body (or why they could not be read).
#[cfg(any(feature = "reqwest", feature = "ureq"))]
pub(crate) struct Read {
    pub(crate) status: u16,
    pub(crate) retry_after: Option<String>,
    pub(crate) link: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) body: Result<(Option<String>, alloc::vec::Vec<u8>), ClientError>,
}

#[cfg(any(feature = "reqwest", feature = "ureq"))]
impl Reader<'_> {
    /// The typed answer of what was read, with its guidance: what `api_answer` gives on every
    /// client.
    pub(crate) fn answer_of<T, E>(&self, read: Read) -> Answer<T, E>
    where
        T: serde::de::DeserializeOwned,
        E: crate::ApiTable + serde::de::DeserializeOwned,
    {
        let (result, members) = match read.body {
            Ok((content_type, body)) => {
                let result = self.read(read.status, content_type.as_deref(), &body);
                // Only an error's body is read a second time, for the members beside its code.
                let members = match result {
                    Ok(Ok(_)) => ErrorMembers::default(),
                    _ => self.error_members(content_type.as_deref(), &body),
                };
                (result, members)
            }
            Err(error) => (Err(error), ErrorMembers::default()),
        };
        let guidance = self.guidance(
            read.status,
            read.retry_after.as_deref(),
            read.link.as_deref(),
            members.problem_type.as_deref(),
            &result,
        );
        Answer {
            result,
            guidance,
            text: members.text,
            language: read.language,
        }
    }

    /// A problem document's `type` and `detail`, or the wire's detail member, if the error's
    /// body has them.
    fn error_members(&self, content_type: Option<&str>, body: &[u8]) -> ErrorMembers {
        let is_problem = content_type
            .and_then(|content_type| content_type.split(';').next())
            .is_some_and(|essence| {
                essence
                    .trim()
                    .eq_ignore_ascii_case("application/problem+json")
            });
        let detail_member = if is_problem {
            Some("detail")
        } else {
            self.wire().detail_member()
        };
        let Some(detail_member) = detail_member else {
            return ErrorMembers::default();
        };
        let Ok(document) = serde_json::from_slice::<serde_json::Value>(body) else {
            return ErrorMembers::default();
        };
        let text_of = |value: Option<&serde_json::Value>| {
            value.and_then(serde_json::Value::as_str).map(String::from)
        };
        if is_problem {
            return ErrorMembers {
                problem_type: text_of(document.get("type")),
                text: text_of(document.get(detail_member)),
            };
        }
        let error = match self.wire().nest_member() {
            Some(nest) => document.get(nest),
            None => Some(&document),
        };
        ErrorMembers {
            problem_type: None,
            text: text_of(error.and_then(|error| error.get(detail_member))),
        }
    }
}

/// What an error's body carries beside its code and message.
#[cfg(any(feature = "reqwest", feature = "ureq"))]
#[derive(Default)]
struct ErrorMembers {
    problem_type: Option<String>,
    text: Option<String>,
}

/// A `Retry-After` value: a number of seconds, or an HTTP date, which says to retry without
/// saying how long to wait here (no clock is read).
fn parse_retry_after(value: &str) -> Option<Retry> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        return value.parse().ok().map(Retry::after_secs);
    }
    // `Sun, 06 Nov 1994 08:49:37 GMT`: a date in the future, by the header's meaning.
    (value.len() >= 20 && value.ends_with("GMT")).then_some(Retry::Yes)
}

/// The URL of the first link of a `Link` header (RFC 8288) whose relation types include
/// `help`.
fn help_link(header: &str) -> Option<String> {
    let mut rest = header;
    while let Some(open) = rest.find('<') {
        let close = open + rest[open..].find('>')?;
        let url = &rest[open + 1..close];
        let params_end = rest[close..]
            .find('<')
            .map_or(rest.len(), |next| close + next);
        let params = &rest[close + 1..params_end];
        let is_help = params.split(';').any(|param| {
            let Some((name, value)) = param.split_once('=') else {
                return false;
            };
            name.trim().eq_ignore_ascii_case("rel")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|rel| rel.eq_ignore_ascii_case("help"))
        });
        if is_help {
            return Some(url.into());
        }
        rest = &rest[params_end..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{help_link, parse_retry_after};
    use crate::guidance::Retry;

    #[test]
    fn retry_after_is_seconds_or_a_date() {
        assert_eq!(parse_retry_after("120"), Some(Retry::after_secs(120)));
        assert_eq!(parse_retry_after(" 0 "), Some(Retry::after_secs(0)));
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Retry::Yes)
        );
        assert_eq!(parse_retry_after("-1"), None);
        assert_eq!(parse_retry_after("soon"), None);
        assert_eq!(parse_retry_after(""), None);
    }

    #[test]
    fn the_help_link_is_found_among_others() {
        assert_eq!(
            help_link(r#"<https://x.test/a>; rel="help""#).as_deref(),
            Some("https://x.test/a")
        );
        assert_eq!(
            help_link(r#"<https://x.test/n>; rel=next, <https://x.test/h>; rel="Help alternate""#)
                .as_deref(),
            Some("https://x.test/h")
        );
        assert_eq!(help_link("<https://x.test/n>; rel=next"), None);
        assert_eq!(help_link("garbage"), None);
        assert_eq!(help_link("<unclosed; rel=help"), None);
    }
}

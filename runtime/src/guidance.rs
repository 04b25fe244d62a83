//! What a table tells a client beyond the code: where to read about it ([`HelpLink`]) and
//! whether to try again ([`Retry`]), declared per code with a table default.
//!
//! ```
//! use std::time::Duration;
//! use apicode::ApiError;
//! use apicode::guidance::Retry;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400, help = "https://docs.example.com/errors/{code}")]
//! enum SmsError {
//!     /// Sending rate limit is exceeded
//!     #[code(105300, "LimitExceed", status = 429, retry_after = 60)]
//!     LimitExceed,
//!     /// No upstream available
//!     #[code(107201, "NoUpstreamAvailable", status = 503, retry = true)]
//!     NoUpstreamAvailable,
//!     /// Invalid phone number
//!     #[code(107111, "InvalidPhoneNumbers", help = none)]
//!     InvalidPhoneNumbers,
//!     /// Too many requests: the rate limiter knows the real wait
//!     #[code(105301, "Throttled", status = 429)]
//!     Throttled {
//!         #[retry_after]
//!         wait: Duration,
//!     },
//! }
//!
//! let error = SmsError::LimitExceed;
//! assert_eq!(error.retry(), Retry::After(Duration::from_secs(60)));
//! assert_eq!(
//!     error.help_link().unwrap().to_string(),
//!     "https://docs.example.com/errors/105300"
//! );
//! assert_eq!(SmsError::NoUpstreamAvailable.retry(), Retry::Yes);
//! assert_eq!(SmsError::InvalidPhoneNumbers.retry(), Retry::No);
//! assert!(SmsError::InvalidPhoneNumbers.help_link().is_none());
//! let throttled = SmsError::Throttled { wait: Duration::from_millis(1500) };
//! assert_eq!(throttled.retry().retry_after_secs(), Some(2));
//! ```

use core::fmt;
use core::time::Duration;

/// Whether a request that got an error is worth trying again, and when.
///
/// A table declares it per code (`#[code(..., retry = true)]`, `retry = false`,
/// `retry_after = 60` in seconds), with a default for the table's error codes
/// (`#[api_error(retry = ...)]`), and a variant can carry the delay of one instance in a field
/// marked `#[retry_after]`. A code that says nothing follows HTTP: [`Retry::for_status`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Retry {
    /// Not worth retrying: the same request fails the same way.
    No,
    /// Worth retrying, after a backoff of the client's choosing.
    Yes,
    /// Worth retrying once this delay has passed.
    After(Duration),
}

impl Retry {
    /// What HTTP suggests for a status: 429 (Too Many Requests) and 503 (Service Unavailable)
    /// are worth retrying, every other status is not.
    #[must_use]
    pub const fn for_status(status: u16) -> Retry {
        match status {
            429 | 503 => Retry::Yes,
            _ => Retry::No,
        }
    }

    /// `retry_after = N` written in seconds.
    #[must_use]
    pub const fn after_secs(seconds: u64) -> Retry {
        Retry::After(Duration::from_secs(seconds))
    }

    /// Whether the request is worth retrying at all.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        !matches!(self, Retry::No)
    }

    /// The delay to wait, when one is known.
    #[must_use]
    pub const fn delay(self) -> Option<Duration> {
        match self {
            Retry::After(delay) => Some(delay),
            Retry::No | Retry::Yes => None,
        }
    }

    /// The delay in whole seconds, rounded up (a `Retry-After` header's value): 1.5 s is 2.
    #[must_use]
    pub const fn retry_after_secs(self) -> Option<u64> {
        match self {
            Retry::After(delay) => {
                let whole = delay.as_secs();
                Some(if delay.subsec_nanos() > 0 {
                    whole.saturating_add(1)
                } else {
                    whole
                })
            }
            Retry::No | Retry::Yes => None,
        }
    }
}

/// The help link of a code: the table's URL template (`#[api_error(help = "...")]`) or the
/// code's own (`#[code(..., help = "...")]`), with `{code}` replaced by the code and
/// `{message}` by the message (percent-encoded where a URL needs it). It displays as the URL,
/// without allocating.
///
/// ```
/// use apicode::guidance::HelpLink;
///
/// let link = HelpLink::new("https://docs.example.com/errors/{message}#{code}", -32601, "Method Not Found");
/// assert_eq!(link.to_string(), "https://docs.example.com/errors/Method%20Not%20Found#-32601");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HelpLink<'a> {
    template: &'a str,
    code: i128,
    message: &'a str,
}

impl<'a> HelpLink<'a> {
    /// The link of `template` for the code `code`, named `message`.
    #[must_use]
    pub const fn new(template: &'a str, code: i128, message: &'a str) -> Self {
        HelpLink {
            template,
            code,
            message,
        }
    }

    /// The template as the table declares it.
    #[must_use]
    pub const fn template(&self) -> &'a str {
        self.template
    }
}

impl fmt::Display for HelpLink<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.template;
        while let Some(open) = rest.find('{') {
            f.write_str(&rest[..open])?;
            let after = &rest[open..];
            if let Some(tail) = after.strip_prefix("{code}") {
                write!(f, "{}", self.code)?;
                rest = tail;
            } else if let Some(tail) = after.strip_prefix("{message}") {
                write_encoded(f, self.message)?;
                rest = tail;
            } else {
                // The derive accepts no other placeholder; a hand-written template keeps it.
                f.write_str("{")?;
                rest = &after[1..];
            }
        }
        f.write_str(rest)
    }
}

/// `text` with every byte outside RFC 3986's unreserved characters percent-encoded.
fn write_encoded(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            write!(f, "{}", char::from(byte))?;
        } else {
            write!(f, "%{byte:02X}")?;
        }
    }
    Ok(())
}

/// What a client reads of an answer beyond its error: whether and when to retry it, and
/// where a person reads about it. Every reader gives one in a single call: the HTTP client's
/// [`Answer`](crate::client::Answer), [`grpc::guidance`](crate::grpc::guidance) and
/// [`jsonrpc::guidance`](crate::jsonrpc).
#[cfg(feature = "alloc")]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Guidance {
    /// Whether and when to retry: what the answer says (a `Retry-After` header, a
    /// `google.rpc.RetryInfo`, a JSON-RPC `retry_after`), else the table's policy for its code,
    /// else what its status suggests.
    pub retry: Retry,
    /// The help link: what the answer carries (a `Link: <...>; rel="help"` header, a problem
    /// document's `type`, a `google.rpc.Help`, a JSON-RPC `help`), else the table's link for its
    /// code.
    pub help: Option<alloc::string::String>,
}

#[cfg(feature = "alloc")]
impl Guidance {
    /// The guidance of a retry policy and a help link, usually an error's
    /// (`Guidance::new(error.retry(), error.help_link())`).
    #[must_use]
    pub fn new(retry: Retry, help: Option<HelpLink<'_>>) -> Self {
        Guidance {
            retry,
            help: help.map(|link| alloc::format!("{link}")),
        }
    }

    /// The answer's own retry policy and help link, where it carries them, over these.
    #[must_use]
    pub fn answered(self, retry: Option<Retry>, help: Option<alloc::string::String>) -> Self {
        Guidance {
            retry: retry.unwrap_or(self.retry),
            help: help.or(self.help),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{HelpLink, Retry};
    use alloc::string::ToString;
    use core::time::Duration;

    #[test]
    fn links_substitute_each_placeholder_and_encode_the_message() {
        let link = |template| HelpLink::new(template, 104_202, "Invalid Signature/Timestamp");
        assert_eq!(
            link("https://x.test/{code}").to_string(),
            "https://x.test/104202"
        );
        assert_eq!(
            link("https://x.test/{message}?c={code}&again={code}").to_string(),
            "https://x.test/Invalid%20Signature%2FTimestamp?c=104202&again=104202"
        );
        assert_eq!(
            link("https://x.test/{other}").to_string(),
            "https://x.test/{other}"
        );
        assert_eq!(link("no placeholder").to_string(), "no placeholder");
    }

    #[test]
    fn retry_follows_http_and_rounds_delays_up() {
        assert_eq!(Retry::for_status(429), Retry::Yes);
        assert_eq!(Retry::for_status(503), Retry::Yes);
        assert_eq!(Retry::for_status(500), Retry::No);
        assert_eq!(Retry::for_status(400), Retry::No);
        assert_eq!(Retry::after_secs(60).retry_after_secs(), Some(60));
        assert_eq!(
            Retry::After(Duration::from_millis(1)).retry_after_secs(),
            Some(1)
        );
        assert_eq!(Retry::Yes.retry_after_secs(), None);
        assert!(!Retry::No.is_retryable());
        assert!(Retry::After(Duration::ZERO).is_retryable());
    }
}

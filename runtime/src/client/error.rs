//! What a client gets when the answer is not the API's.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

/// Why an answer is not the API's answer; see [`ClientError::kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ClientErrorKind {
    /// The HTTP exchange failed: no connection, a broken transfer, or (ureq with its default
    /// configuration) a status that the agent turned into an error before the body was read.
    Transport,
    /// The body is longer than the reader's limit; it was not read past it.
    TooLarge,
    /// The content type is not a JSON one (an HTML error page, `text/plain`).
    ContentType,
    /// The body is not JSON at all (an HTML page without a content type, an empty body).
    NotJson,
    /// The body is JSON cut short.
    Truncated,
    /// The body is JSON but not an envelope: not an object, a member of the wrong type, a
    /// member given twice.
    Malformed,
    /// The body has no code member.
    MissingCode,
    /// The table refuses the code: unknown to a table without a catch-all, negative,
    /// fractional, not a code at all.
    RejectedCode,
    /// A success whose data is missing or is not the type asked for.
    Data,
    /// A success code where none can be: under a status that is not 2xx, or in a problem
    /// document. Never turned into a success.
    UnexpectedSuccess,
}

impl ClientErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ClientErrorKind::Transport => "the HTTP exchange failed",
            ClientErrorKind::TooLarge => "the body is over the limit",
            ClientErrorKind::ContentType => "the answer is not JSON",
            ClientErrorKind::NotJson => "the body is not JSON",
            ClientErrorKind::Truncated => "the JSON body is cut short",
            ClientErrorKind::Malformed => "the body is not the API's envelope",
            ClientErrorKind::MissingCode => "the answer has no code",
            ClientErrorKind::RejectedCode => "the table refuses the code",
            ClientErrorKind::Data => "the data of a success is not the type asked for",
            ClientErrorKind::UnexpectedSuccess => "a success code where none can be",
        }
    }
}

/// An answer that is not the API's: the [`kind`](ClientError::kind) of failure, the HTTP status
/// when there was one, and, for logs, the content type and the start of the body.
///
/// ```
/// # #[cfg(feature = "client")] {
/// use apicode::ApiError;
/// use apicode::client::{ClientErrorKind, Reader};
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// Success
///     #[code(0, "Ok", status = 200)]
///     Ok,
/// }
///
/// let page = b"<html><body>502 Bad Gateway</body></html>";
/// let error = Reader::new()
///     .read::<(), StoreError>(502, Some("text/html"), page)
///     .unwrap_err();
/// assert_eq!(error.kind(), ClientErrorKind::ContentType);
/// assert_eq!(error.status(), Some(502));
/// assert_eq!(error.body_excerpt(), "<html><body>502 Bad Gateway</body></html>");
/// assert_eq!(
///     error.to_string(),
///     "the answer is not JSON (HTTP 502, text/html): expected a JSON content type",
/// );
/// # }
/// ```
#[derive(Debug)]
pub struct ClientError {
    kind: ClientErrorKind,
    status: Option<u16>,
    content_type: Option<String>,
    reason: String,
    excerpt: String,
    source: Option<Box<dyn core::error::Error + Send + Sync>>,
}

/// How much of a body an error keeps.
const EXCERPT_CHARS: usize = 200;

impl ClientError {
    pub(crate) fn new(
        kind: ClientErrorKind,
        status: Option<u16>,
        reason: impl Into<String>,
    ) -> Self {
        ClientError {
            kind,
            status,
            content_type: None,
            reason: reason.into(),
            excerpt: String::new(),
            source: None,
        }
    }

    pub(crate) fn unexpected_success(status: u16, code: impl fmt::Display) -> Self {
        ClientError::new(
            ClientErrorKind::UnexpectedSuccess,
            Some(status),
            alloc::format!("the success code {code} under HTTP {status}"),
        )
    }

    // Only the HTTP clients fail this way.
    #[cfg_attr(not(any(feature = "reqwest", feature = "ureq")), allow(dead_code))]
    /// A failure of the HTTP exchange itself.
    pub(crate) fn transport(
        status: Option<u16>,
        source: impl core::error::Error + Send + Sync + 'static,
    ) -> Self {
        let reason = alloc::string::ToString::to_string(&source);
        ClientError::new(ClientErrorKind::Transport, status, reason).with_source(source)
    }

    // Only the JSON reader and the HTTP clients fail this way.
    #[cfg_attr(not(feature = "client"), allow(dead_code))]
    #[must_use]
    pub(crate) fn with_source(
        mut self,
        source: impl core::error::Error + Send + Sync + 'static,
    ) -> Self {
        self.source = Some(Box::new(source));
        self
    }

    // Only the JSON reader and the HTTP clients fail this way.
    #[cfg_attr(not(feature = "client"), allow(dead_code))]
    #[must_use]
    pub(crate) fn with_answer(mut self, content_type: Option<&str>, body: &[u8]) -> Self {
        self.content_type = content_type.map(String::from);
        let text = String::from_utf8_lossy(body);
        self.excerpt = text.chars().take(EXCERPT_CHARS).collect();
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ClientErrorKind {
        self.kind
    }

    /// The HTTP status of the answer; `None` when the exchange failed before one arrived.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The answer's content type, as sent.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The first 200 characters of the body (invalid UTF-8 replaced), for logs; empty when the
    /// body was not read.
    pub fn body_excerpt(&self) -> &str {
        &self.excerpt
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind.describe())?;
        match (self.status, &self.content_type) {
            (Some(status), Some(content_type)) => write!(f, " (HTTP {status}, {content_type})")?,
            (Some(status), None) => write!(f, " (HTTP {status})")?,
            (None, _) => {}
        }
        write!(f, ": {}", self.reason)
    }
}

impl core::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match &self.source {
            Some(source) => Some(&**source),
            None => None,
        }
    }
}

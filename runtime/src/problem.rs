//! RFC 9457 problem details (`application/problem+json`) as an alternative error body.
//!
//! Available with the `problem` feature. Wrap an error in [`Problem`] to answer with
//!
//! ```json
//! {
//!   "type": "about:blank",
//!   "title": "Unauthorized",
//!   "status": 401,
//!   "detail": "Invalid signature timestamp",
//!   "code": "104202",
//!   "message": "InvalidSignatureTimestamp"
//! }
//! ```
//!
//! - `type`: the code appended to a base URI given with [`Problem::with_type_base`], else the
//!   code's [help link](crate::guidance::HelpLink) (`#[api_error(help = "...")]`), else
//!   `about:blank`;
//! - `title`: with `about:blank`, the status's reason phrase, as RFC 9457 asks; with a type
//!   base or a help link, the table's message, which names the problem type;
//! - `status`: the error's [`http_status`](crate::ApiError::http_status);
//! - `detail`: the error's `Display` for a status below 500; for a 5xx, the table's
//!   [`detail`](crate::ApiError::detail), so that nothing of an internal source error (an I/O
//!   error, a database message) reaches the client, unless the service opts in with
//!   [`Problem::expose_display`], which sends whatever the `Display` carries (on a
//!   `#[code(transparent)]` variant, the inner table's `Display`): opt in per variant, as its
//!   documentation shows. Below 500 the `Display` is always sent, so write the `#[error]`
//!   formats of 4xx variants for clients. Without a doc comment or `detail = "..."`, a
//!   variant's detail is its message (`"detail": "Db"`):
//!   [`Entry::detail_is_message`](crate::Entry::detail_is_message) finds those entries;
//! - `code` and `message`: extension members holding the code (written by the error's own
//!   `Serialize`, as in the default body) and the table's message, so that a client that reads
//!   the default body reads this one too.
//!
//! With the `axum` and `actix-web` features, `Problem<E>` is a response of its own
//! (`IntoResponse`, `ResponseError`) under `content-type: application/problem+json`, and `?`
//! converts an `E` into it:
//!
//! ```
//! # #[cfg(feature = "axum")] {
//! use apicode::ApiError;
//! use apicode::problem::Problem;
//!
//! #[derive(Debug, ApiError)]
//! enum StoreError {
//!     /// The item is out of stock
//!     #[code(1001, "OutOfStock", status = 409)]
//!     OutOfStock,
//! }
//!
//! fn reserve(stock: u32) -> Result<u32, StoreError> {
//!     stock.checked_sub(1).ok_or(StoreError::OutOfStock)
//! }
//!
//! // In an axum handler: `async fn handler() -> Result<Json<u32>, Problem<StoreError>>`.
//! fn handler(stock: u32) -> Result<u32, Problem<StoreError>> {
//!     Ok(reserve(stock)?)
//! }
//!
//! let problem = handler(0).unwrap_err();
//! assert_eq!(
//!     serde_json::to_value(&problem).unwrap(),
//!     serde_json::json!({
//!         "type": "about:blank",
//!         "title": "Conflict",
//!         "status": 409,
//!         "detail": "The item is out of stock",
//!         "code": 1001,
//!         "message": "OutOfStock",
//!     }),
//! );
//! # }
//! ```

use core::fmt;
use std::boxed::Box;
use std::collections::BTreeMap;
use std::string::String;

use serde::de::{self, Deserialize, Deserializer, MapAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeStruct, Serializer};

/// An error answered as RFC 9457 problem details; see the [module documentation](self).
///
/// ```
/// use apicode::ApiError;
/// use apicode::problem::Problem;
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// Storage failed
///     #[code(1002, "Storage", status = 503)]
///     #[error("disk /dev/sdb1 is full")]
///     Storage,
/// }
///
/// let problem = Problem::new(StoreError::Storage)
///     .with_type_base("https://errors.example.com/");
/// let body = serde_json::to_value(&problem).unwrap();
/// assert_eq!(body["type"], "https://errors.example.com/1002");
/// assert_eq!(body["title"], "Storage");
/// // A 5xx keeps its Display to itself...
/// assert_eq!(body["detail"], "Storage failed");
/// // ...unless the service opts in.
/// let body = serde_json::to_value(&problem.expose_display()).unwrap();
/// assert_eq!(body["detail"], "disk /dev/sdb1 is full");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem<E> {
    error: E,
    type_base: Option<&'static str>,
    expose_display: bool,
    received: Option<Box<ReceivedProblem>>,
}

/// The members of a problem document read back with `Deserialize`, beside its code:
/// [`Problem::received`].
///
/// ```
/// use apicode::ApiError;
/// use apicode::problem::Problem;
///
/// #[derive(Debug, ApiError)]
/// enum StoreError {
///     /// The item is out of stock
///     #[code(1001, "OutOfStock", status = 409)]
///     OutOfStock,
///     #[code(other)]
///     Unknown(u32),
/// }
///
/// let body = r#"{"type": "https://errors.example.com/1001", "title": "OutOfStock",
///     "status": 409, "detail": "tea is out of stock", "code": 1001, "message": "OutOfStock",
///     "retryAfter": 30}"#;
/// let problem: Problem<StoreError> = serde_json::from_str(body).unwrap();
/// assert!(matches!(problem.error(), StoreError::OutOfStock));
/// let received = problem.received().unwrap();
/// assert_eq!(received.type_uri, "https://errors.example.com/1001");
/// assert_eq!(received.detail.as_deref(), Some("tea is out of stock"));
/// assert_eq!(received.extensions["retryAfter"], 30);
/// // Written again, it is the document that was read.
/// assert_eq!(
///     serde_json::to_value(&problem).unwrap(),
///     serde_json::from_str::<serde_json::Value>(body).unwrap(),
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceivedProblem {
    /// `type`; `about:blank` when the document has none, as RFC 9457 says.
    pub type_uri: String,
    /// `title`.
    pub title: Option<String>,
    /// `status`: the status the service says it answered with.
    pub status: Option<u16>,
    /// `detail`: the explanation of this occurrence.
    pub detail: Option<String>,
    /// `instance`.
    pub instance: Option<String>,
    /// The `message` extension member (the table's message, in apicode's own bodies).
    pub message: Option<String>,
    /// Every other member, by name.
    pub extensions: BTreeMap<String, serde_json::Value>,
}

impl<E> Problem<E> {
    /// The problem details of `error`, with `type` `about:blank`.
    pub const fn new(error: E) -> Self {
        Problem {
            error,
            type_base: None,
            expose_display: false,
            received: None,
        }
    }

    /// Sets `type` to `base` followed by the code (`https://errors.example.com/104202` for the
    /// base `https://errors.example.com/`), and `title` to the table's message.
    #[must_use]
    pub const fn with_type_base(mut self, base: &'static str) -> Self {
        self.type_base = Some(base);
        self
    }

    /// Uses the error's `Display` as `detail` for a 5xx status too. Without it, a 5xx gets the
    /// table's detail, which never mentions a source error.
    ///
    /// **Whatever the `Display` carries then goes to the client**: the fields an `#[error]`
    /// format interpolates, a source's message under `#[error(transparent)]` or `{0}`, and, on a
    /// `#[code(transparent)]` variant, the inner table's `Display` with everything *it* carries.
    /// Calling it on every error of a service therefore publishes text that the inner tables'
    /// authors wrote for logs. Opt in per variant instead, for the ones whose `Display` you wrote
    /// for clients:
    ///
    /// ```
    /// use apicode::ApiError;
    /// use apicode::problem::Problem;
    ///
    /// #[derive(Debug, ApiError)]
    /// enum StorageError {
    ///     /// The storage failed
    ///     #[code(2001, "Io", status = 503)]
    ///     #[error("cannot read {path}")]
    ///     Io { path: String },
    /// }
    ///
    /// #[derive(Debug, ApiError)]
    /// enum ServiceError {
    ///     /// Try again in a minute
    ///     #[code(1001, "Busy", status = 503)]
    ///     #[error("busy: {queued} requests queued, try again in a minute")]
    ///     Busy { queued: u32 },
    ///     #[code(transparent)]
    ///     Storage(StorageError),
    /// }
    ///
    /// fn problem(error: ServiceError) -> Problem<ServiceError> {
    ///     // Only the variants whose Display is meant for clients.
    ///     let public = matches!(error, ServiceError::Busy { .. });
    ///     let problem = Problem::new(error);
    ///     if public { problem.expose_display() } else { problem }
    /// }
    ///
    /// let detail = |problem: Problem<ServiceError>| {
    ///     serde_json::to_value(&problem).unwrap()["detail"].take()
    /// };
    /// let busy = ServiceError::Busy { queued: 12 };
    /// assert_eq!(detail(problem(busy)), "busy: 12 requests queued, try again in a minute");
    ///
    /// let storage = || ServiceError::Storage(StorageError::Io { path: "/etc/shadow".into() });
    /// assert_eq!(detail(problem(storage())), "The storage failed");
    /// // Exposing it blindly would publish the inner table's Display:
    /// assert_eq!(detail(Problem::new(storage()).expose_display()), "cannot read /etc/shadow");
    /// ```
    #[must_use]
    pub const fn expose_display(mut self) -> Self {
        self.expose_display = true;
        self
    }

    /// The error.
    pub const fn error(&self) -> &E {
        &self.error
    }

    /// The error, unwrapped.
    pub fn into_inner(self) -> E {
        self.error
    }

    /// For a problem read back with `Deserialize`, its other members: `type`, `title`,
    /// `status`, `detail`, `instance` and the extension members. `None` for a problem built
    /// with [`Problem::new`].
    pub fn received(&self) -> Option<&ReceivedProblem> {
        self.received.as_deref()
    }
}

impl<E: crate::ApiTable> Problem<E> {
    /// The HTTP status: the error's; for a problem read back, the `status` member it carried,
    /// if any.
    pub fn status(&self) -> u16 {
        self.received
            .as_ref()
            .and_then(|received| received.status)
            .unwrap_or_else(|| self.error.http_status())
    }

    /// Whether `detail` holds the error's `Display` (below 500, or with
    /// [`expose_display`](Problem::expose_display)) rather than the table's detail.
    fn shows_display(&self) -> bool {
        self.expose_display || crate::shows_display(&self.error)
    }
}

impl<E: crate::ApiTable> From<E> for Problem<E> {
    fn from(error: E) -> Self {
        Problem::new(error)
    }
}

impl<E: crate::ApiTable> fmt::Display for Problem<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.error, f)
    }
}

impl<E: crate::ApiTable + 'static> core::error::Error for Problem<E> {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Writes a value through its `Display`, without allocating.
struct Collect<T>(T);

impl<T: fmt::Display> Serialize for Collect<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// `base` followed by the code.
struct TypeUri {
    base: &'static str,
    code: i128,
}

impl fmt::Display for TypeUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.base, self.code)
    }
}

impl<E: crate::ApiTable + Serialize> Serialize for Problem<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if let Some(received) = &self.received {
            return serialize_received(received, &self.error, serializer);
        }
        write_problem(
            &self.error,
            self.type_base,
            self.shows_display(),
            serializer,
        )
    }
}

/// The document [`Problem::new`] writes, for an error borrowed: the body of a table declared
/// `#[api_error(wire(problem))]`, which [`ErrorBody`](crate::http::ErrorBody) writes.
pub(crate) struct BorrowedProblem<'a, E>(pub(crate) &'a E);

impl<E: crate::ApiTable + Serialize> Serialize for BorrowedProblem<'_, E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let shows_display = crate::shows_display(self.0);
        write_problem(self.0, None, shows_display, serializer)
    }
}

/// The document of [`Problem::new`] with `detail` as its detail: a translation.
#[cfg(feature = "fluent")]
pub(crate) fn body_with_detail<E: crate::ApiTable + Serialize>(
    error: &E,
    detail: &str,
) -> Option<std::vec::Vec<u8>> {
    let mut document = serde_json::to_value(BorrowedProblem(error)).ok()?;
    document["detail"] = serde_json::Value::String(detail.into());
    serde_json::to_vec(&document).ok()
}

/// The members of a problem built from `error`.
fn write_problem<E: crate::ApiTable + Serialize, S: Serializer>(
    error: &E,
    type_base: Option<&'static str>,
    shows_display: bool,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let status = error.http_status();
    let mut body = serializer.serialize_struct("Problem", 6)?;
    if let Some(base) = type_base {
        let uri = TypeUri {
            base,
            code: crate::Code::to_i128(error.code()),
        };
        body.serialize_field("type", &Collect(uri))?;
        body.serialize_field("title", error.message())?;
    } else if let Some(link) = error.help_link() {
        // The code's help link documents the problem type, as RFC 9457 means `type` to.
        body.serialize_field("type", &Collect(link))?;
        body.serialize_field("title", error.message())?;
    } else {
        body.serialize_field("type", "about:blank")?;
        // The derive keeps statuses in 100..=599; a hand-written impl's odd one has no phrase.
        let reason = ::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|status| status.canonical_reason());
        body.serialize_field("title", reason.unwrap_or(error.message()))?;
    }
    body.serialize_field("status", &status)?;
    if shows_display {
        body.serialize_field("detail", &Collect(error))?;
    } else {
        body.serialize_field("detail", error.detail())?;
    }
    body.serialize_field("code", error)?;
    body.serialize_field("message", error.message())?;
    body.end()
}

/// A problem read back, written as it was read.
fn serialize_received<E: Serialize, S: Serializer>(
    received: &ReceivedProblem,
    error: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    map.serialize_entry("type", &received.type_uri)?;
    let optional = [
        ("title", received.title.as_deref()),
        ("detail", received.detail.as_deref()),
        ("instance", received.instance.as_deref()),
    ];
    if let Some(status) = received.status {
        map.serialize_entry("status", &status)?;
    }
    for (key, value) in optional {
        if let Some(value) = value {
            map.serialize_entry(key, value)?;
        }
    }
    map.serialize_entry("code", error)?;
    if let Some(message) = &received.message {
        map.serialize_entry("message", message)?;
    }
    for (key, value) in &received.extensions {
        map.serialize_entry(key, value)?;
    }
    map.end()
}

/// Reads a problem document: `code` (required) by `E`'s own `Deserialize`, the RFC 9457
/// members, `message`, and every other member as an extension ([`Problem::received`]). A
/// member given twice is an error.
impl<'de, E: Deserialize<'de>> Deserialize<'de> for Problem<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ProblemVisitor(core::marker::PhantomData))
    }
}

struct ProblemVisitor<E>(core::marker::PhantomData<E>);

/// Fills a member once; a second time is an error.
fn once<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

impl<'de, E: Deserialize<'de>> Visitor<'de> for ProblemVisitor<E> {
    type Value = Problem<E>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a problem details object with a `code` member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Problem<E>, A::Error> {
        let mut code: Option<E> = None;
        let mut type_uri: Option<String> = None;
        let mut title: Option<Option<String>> = None;
        let mut status: Option<Option<u16>> = None;
        let mut detail: Option<Option<String>> = None;
        let mut instance: Option<Option<String>> = None;
        let mut message: Option<Option<String>> = None;
        let mut extensions = BTreeMap::new();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "code" => once(&mut map, &mut code, "code")?,
                "type" => once(&mut map, &mut type_uri, "type")?,
                "title" => once(&mut map, &mut title, "title")?,
                "status" => once(&mut map, &mut status, "status")?,
                "detail" => once(&mut map, &mut detail, "detail")?,
                "instance" => once(&mut map, &mut instance, "instance")?,
                "message" => once(&mut map, &mut message, "message")?,
                _ => {
                    let value: serde_json::Value = map.next_value()?;
                    if extensions.insert(key, value).is_some() {
                        return Err(de::Error::custom("an extension member given twice"));
                    }
                }
            }
        }
        let error = code.ok_or_else(|| de::Error::missing_field("code"))?;
        let received = ReceivedProblem {
            type_uri: type_uri.unwrap_or_else(|| "about:blank".into()),
            title: title.flatten(),
            status: status.flatten(),
            detail: detail.flatten(),
            instance: instance.flatten(),
            message: message.flatten(),
            extensions,
        };
        Ok(Problem {
            error,
            type_base: None,
            expose_display: false,
            received: Some(Box::new(received)),
        })
    }
}

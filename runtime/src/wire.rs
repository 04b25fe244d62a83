//! The wire format of a table: how its errors travel over HTTP, declared once with
//! `#[api_error(wire(...))]` and followed by every side that speaks HTTP.
//!
//! A table's [`CodeTable::WIRE`](crate::CodeTable::WIRE) says which members hold the code and
//! the message, whether they sit inside another member, where a success carries its data,
//! which status an error travels under, which code means success and the content type. The
//! axum and actix-web answers, [`http::ErrorBody`](crate::http::ErrorBody), the client's
//! default reader ([`client::Reader::of`](crate::client::Reader::of), which `api_result` uses),
//! the utoipa and aide documents and [`table::markdown`](crate::table::markdown) all read it,
//! so the server's answer and the client's reading cannot drift apart.
//!
//! | declaration | an error answers | a success |
//! | --- | --- | --- |
//! | nothing (the default) | `{"code": ..., "message": ...}` under the code's status | `{"code": 0, "data": ...}` for a 2xx code, or any 2xx JSON body without `code` |
//! | `wire(code = "errcode", message = "errmsg", status = 200, data = flattened)` | `{"errcode": ..., "errmsg": ...}` under 200 | `{"errcode": 0, ...}`: the body itself is the data |
//! | `wire(nest = "error")` | `{"error": {"code": ..., "message": ...}}` | any 2xx JSON body without `error` |
//! | `wire(problem)` (feature `problem`) | RFC 9457 problem details, `application/problem+json` | any 2xx JSON body |
//!
//! ```
//! use apicode::ApiError;
//!
//! /// WeChat's shape: every answer is a 200, errors are told by `errcode`.
//! #[derive(Debug, ApiError)]
//! #[api_error(wire(code = "errcode", message = "errmsg", status = 200, success = 0, data = flattened))]
//! enum WeChatError {
//!     /// ok
//!     #[code(0, "ok", status = 200)]
//!     Ok,
//!     /// The access token is invalid or has expired
//!     #[code(40001, "invalid credential", status = 401)]
//!     InvalidCredential,
//! }
//!
//! use apicode::CodeTable;
//! let wire = WeChatError::WIRE;
//! assert_eq!(wire.code_member(), "errcode");
//! assert_eq!(wire.status_of(401), 200);
//! assert_eq!(wire.to_string(), r#"{"errcode": <code>, "errmsg": <message>} under HTTP 200, application/json"#);
//! ```
//!
//! # A success without a code
//!
//! Unless the wire says [`code_required`](Wire::code_required), a 2xx JSON answer without the
//! code member is a success whose data is the whole body: the answer of a plain handler
//! (`Json(user)` in axum) beside the table's errors. A success body that has a member of the
//! code's name is read as an envelope: name the code member of such an API differently, or
//! make it answer a success code.

use core::fmt;

/// Where an answer's data is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Data<'a> {
    /// In the member of that name (`data` by default).
    Member(&'a str),
    /// The body itself, beside the code and the message:
    /// `{"errcode": 0, "errmsg": "ok", "access_token": "..."}`.
    Flattened,
    /// Nowhere: an answer is only a code and a message.
    Absent,
}

/// Which body an error is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Form {
    /// An object with the code and message members, maybe nested.
    Envelope,
    /// RFC 9457 problem details.
    #[cfg(feature = "problem")]
    Problem,
}

/// How a table's errors and successes travel over HTTP; see the [module documentation](self).
///
/// A derived table's is [`CodeTable::WIRE`](crate::CodeTable::WIRE), written with
/// `#[api_error(wire(...))]`. Every setter is a `const fn`, so a hand-written table (or a
/// [`client::Reader`](crate::client::Reader) for an API without a table) writes one as a
/// constant:
///
/// ```
/// use apicode::wire::Wire;
///
/// const GOOGLE_STYLE: Wire<'static> = Wire::new().nest("error");
/// assert_eq!(GOOGLE_STYLE.nest_member(), Some("error"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Wire<'a> {
    form: Form,
    code: &'a str,
    message: &'a str,
    nest: Option<&'a str>,
    detail: Option<&'a str>,
    data: Data<'a>,
    status: Option<u16>,
    success: Option<i128>,
    code_required: bool,
    content_type: &'a str,
}

impl Default for Wire<'_> {
    fn default() -> Self {
        Wire::new()
    }
}

impl<'a> Wire<'a> {
    /// The Unimatrix format, every table's default: errors answer
    /// `{"code": ..., "message": ...}` under the code's status as `application/json`; a
    /// success is a code whose entry has a 2xx status with its data in `data`, or a 2xx answer
    /// without a code.
    pub const fn new() -> Self {
        Wire {
            form: Form::Envelope,
            code: "code",
            message: "message",
            nest: None,
            detail: None,
            data: Data::Member("data"),
            status: None,
            success: None,
            code_required: false,
            content_type: "application/json",
        }
    }

    /// RFC 9457 problem details: errors answer the document that
    /// [`Problem::new`](crate::problem::Problem::new) writes (with `code` and `message`
    /// members) under the code's status as `application/problem+json`; a success is any 2xx
    /// JSON answer, its body the data.
    #[cfg(feature = "problem")]
    #[cfg_attr(docsrs, doc(cfg(feature = "problem")))]
    pub const fn problem() -> Self {
        Wire {
            form: Form::Problem,
            data: Data::Flattened,
            content_type: "application/problem+json",
            ..Wire::new()
        }
    }

    /// The name of the member holding the code (default `code`).
    #[must_use]
    pub const fn code(mut self, name: &'a str) -> Self {
        self.code = name;
        self
    }

    /// The name of the member holding the message (default `message`).
    #[must_use]
    pub const fn message(mut self, name: &'a str) -> Self {
        self.message = name;
        self
    }

    /// The code and the message sit inside this member: `{"error": {"code": ..., "message": ...}}`.
    #[must_use]
    pub const fn nest(mut self, name: &'a str) -> Self {
        self.nest = Some(name);
        self
    }

    /// Errors also carry their human text in this member: the `Display` below HTTP 500, the
    /// table's [`detail`](crate::ApiError::detail) from 500 on (so that no source error's text
    /// leaks), in the reader's language with the `fluent` feature. By default a body carries
    /// only the code and the message, which never change with the language.
    #[must_use]
    pub const fn detail(mut self, name: &'a str) -> Self {
        self.detail = Some(name);
        self
    }

    /// The name of the member holding the data of a success (default `data`).
    #[must_use]
    pub const fn data(mut self, name: &'a str) -> Self {
        self.data = Data::Member(name);
        self
    }

    /// The data of a success is the body itself, beside the code and the message.
    #[must_use]
    pub const fn flattened_data(mut self) -> Self {
        self.data = Data::Flattened;
        self
    }

    /// The answers carry no data: a success is read as `()` or `None`.
    #[must_use]
    pub const fn without_data(mut self) -> Self {
        self.data = Data::Absent;
        self
    }

    /// Every error travels under this HTTP status (WeChat answers 200 and tells errors by
    /// their code); by default each error travels under its code's status.
    #[must_use]
    pub const fn status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// This code means success, whatever its entry's status; by default, a code whose entry
    /// has a 2xx status does. Any code type's value fits an `i128`.
    #[must_use]
    pub const fn success_code(mut self, code: i128) -> Self {
        self.success = Some(code);
        self
    }

    /// Every answer carries the code member: a 2xx JSON answer without it is
    /// [`MissingCode`](crate::client::ClientErrorKind::MissingCode) rather than a success.
    #[must_use]
    pub const fn code_required(mut self) -> Self {
        self.code_required = true;
        self
    }

    /// A 2xx JSON answer without the code member is a success, its body the data (the
    /// default); undoes [`code_required`](Wire::code_required).
    #[must_use]
    pub const fn success_without_code(mut self) -> Self {
        self.code_required = false;
        self
    }

    /// The content type of error answers (default `application/json`). Clients read any JSON
    /// type, so it is one: `application/json`, `text/json` or `application/...+json`.
    #[must_use]
    pub const fn content_type(mut self, content_type: &'a str) -> Self {
        self.content_type = content_type;
        self
    }

    /// The member holding the code.
    pub const fn code_member(&self) -> &'a str {
        self.code
    }

    /// The member holding the message.
    pub const fn message_member(&self) -> &'a str {
        self.message
    }

    /// The member the code and the message sit in, if any.
    pub const fn nest_member(&self) -> Option<&'a str> {
        self.nest
    }

    /// The member holding an error's human text, if the wire has one.
    pub const fn detail_member(&self) -> Option<&'a str> {
        self.detail
    }

    /// Where a success carries its data.
    pub const fn data_member(&self) -> Data<'a> {
        self.data
    }

    /// The status every error travels under, if the wire fixes one.
    pub const fn fixed_status(&self) -> Option<u16> {
        self.status
    }

    /// The status an error whose code has `status` travels under.
    pub const fn status_of(&self, status: u16) -> u16 {
        match self.status {
            Some(fixed) => fixed,
            None => status,
        }
    }

    /// The success code the wire names, if it names one.
    pub const fn success(&self) -> Option<i128> {
        self.success
    }

    /// Whether a 2xx JSON answer without the code member is a success.
    pub const fn is_success_without_code(&self) -> bool {
        !self.code_required
    }

    /// The content type of error answers.
    pub const fn error_content_type(&self) -> &'a str {
        self.content_type
    }

    /// Whether errors are RFC 9457 problem details.
    pub const fn is_problem(&self) -> bool {
        match self.form {
            Form::Envelope => false,
            #[cfg(feature = "problem")]
            Form::Problem => true,
        }
    }
}

/// One line for people: `{"errcode": <code>, "errmsg": <message>} under HTTP 200,
/// application/json`.
impl fmt::Display for Wire<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.body(), self.travel())
    }
}

impl Wire<'_> {
    /// The error body's shape: `{"errcode": <code>, "errmsg": <message>}`, or the words
    /// `RFC 9457 problem details ...`; [`is_problem`](Wire::is_problem) tells which.
    pub(crate) fn body(&self) -> impl fmt::Display + '_ {
        Shape(self)
    }

    /// How an error travels: `under HTTP 200, application/json`.
    pub(crate) fn travel(&self) -> impl fmt::Display + '_ {
        Travel(self)
    }
}

struct Shape<'w, 'a>(&'w Wire<'a>);

impl fmt::Display for Shape<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wire = self.0;
        if wire.is_problem() {
            return f.write_str("RFC 9457 problem details with `code` and `message` members");
        }
        let detail = DetailShape(wire.detail);
        let members = format_args!(
            "{{\"{}\": <code>, \"{}\": <message>{detail}}}",
            wire.code, wire.message
        );
        match wire.nest {
            Some(nest) => write!(f, "{{\"{nest}\": {members}}}"),
            None => write!(f, "{members}"),
        }
    }
}

/// `, "detail": <text>` when the wire carries the human text.
struct DetailShape<'a>(Option<&'a str>);

impl fmt::Display for DetailShape<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(name) => write!(f, ", \"{name}\": <text>"),
            None => Ok(()),
        }
    }
}

struct Travel<'w, 'a>(&'w Wire<'a>);

impl fmt::Display for Travel<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let wire = self.0;
        match wire.status {
            Some(status) => write!(f, "under HTTP {status}")?,
            None => f.write_str("under the code's HTTP status")?,
        }
        write!(f, ", {}", wire.content_type)
    }
}

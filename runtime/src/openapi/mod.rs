//! OpenAPI documents from the table: what the `utoipa` and `aide` features generate.
//!
//! Both integrations read [`CodeTable::ENTRIES`] at run time, when the document is built, so a
//! table of two thousand codes adds nothing to the derive's expansion; they produce the same
//! responses and the same schemas, only in each library's types.
//!
//! # What a table documents
//!
//! For an enum `SmsError` in the crate `apicode_sms`:
//!
//! - **One response per HTTP status** that the flattened table uses (its own codes, reused
//!   entries, the entries of `#[code(transparent)]` tables), in ascending order. Each has
//!   - a description naming the table and every code answered with that status
//!     (`SmsError codes answered with 401: 104202 InvalidSignatureTimestamp, ...`);
//!   - content `application/json` whose schema is the body `{"code": ..., "message": ...}`
//!     with `code` written as the enum's `serde` setting writes it and both members restricted
//!     (`enum`) to the codes of that status: inline under utoipa, which cannot register the
//!     schemas of an `IntoResponses` type (juhaku/utoipa#1224), so that the document is valid
//!     whatever the user registers; the component `apicode_sms.SmsError.401` under aide, which
//!     registers it by itself;
//!   - one example per code, named by its message:
//!     `InvalidSignatureTimestamp: {"code": "104202", "message": "InvalidSignatureTimestamp"}`,
//!     with the code as its summary and the detail as its description.
//! - **The catch-all** (`#[code(other)]`), if the enum has one, as the `default` response
//!   (its schema the component `apicode_sms.SmsError.default` under aide): its code is any
//!   code *outside* the table, so it cannot share a schema that restricts the codes of a
//!   status; its description says the
//!   status it is answered with (the enum's default status) and its message is the variant's
//!   name.
//! - **The enum itself** (`utoipa::ToSchema`, `schemars::JsonSchema`) as the component
//!   `apicode_sms.SmsError`: the code as it travels, an `integer` or, with
//!   `serde = "string"`, a `string`, with an `enum` of every declared code (for a table with a
//!   catch-all, which reads any code, the type's bounds instead) and a description that lists
//!   code, message and detail of each.
//! - **[`Problem<SmsError>`](crate::problem::Problem)** (with the `problem` feature) the same
//!   way under `application/problem+json`, the bodies inline under utoipa and the components
//!   `apicode_sms.SmsError.problem.401` (and `.problem.default`) under aide: the RFC 9457 members
//!   `type`, `title`, `status`, `detail` plus `code` and `message`, restricted as above; the
//!   schema of `Problem<SmsError>` itself (any code of the table) is the component
//!   `apicode.problem.Problem_apicode_sms.SmsError`.
//!
//! # Component names
//!
//! Components are named after the type's full path, as [`core::any::type_name`] writes it,
//! with `::` written `.`: two tables called `Error` in two modules are two components, never
//! one that silently stands for both. A character that OpenAPI does not allow in a component
//! name (`^[a-zA-Z0-9._-]+$`), such as the `<`, `>`, `,` and spaces of a generic table's name
//! or a non-ASCII identifier, is written as its code point in hexadecimal between two `-`
//! (`Table<u8>` becomes `Table-3c-u8-3e-`), which keeps distinct types distinct. Messages never
//! name a component: they are example names and `enum` values, where any string is valid.
//!
//! One exception: utoipa names the schema of a generic type itself, from the name of the type
//! without its arguments followed by `_` and the arguments' names, so the code schema of a
//! generic table `Check<u8>` is `my_crate.Check_u8` under utoipa (and
//! `my_crate.Check-3c-u8-3e-` under aide); aide's body components are named as above.
//!
//! # What cannot go wrong
//!
//! - Statuses: the derive accepts only `100..=599` (a compile error otherwise), and OpenAPI
//!   can express every one of them as a response key.
//! - Nothing is dropped: every entry of `ENTRIES` is one example under its own status. The one
//!   place where the document can lose a response is outside the table, when the operation
//!   documents another response under a status the table also uses (a table with a 200 entry,
//!   such as the Unimatrix `Ok`, next to the handler's success response). utoipa keeps the
//!   response listed last in `responses(...)`; aide keeps the handler's and reports
//!   `aide::Error::InferredResponseConflict` to the handler set with `aide::generate::on_error`.
//!   Leave such codes out of the error table, or list the table last, to keep them.
//! - A known gap: a `#[code(transparent)]` variant whose inner table has a catch-all can carry
//!   a code outside both tables (`Outer::Inner(Inner::Unknown(7))`). The outer table's
//!   `ENTRIES` does not say so, so its document has a `default` response only when the outer
//!   enum has a catch-all of its own.
//! - aide's `OperationOutput::operation_response` (one response for the whole type) is left
//!   at its default, `None`: a table is many responses, which `inferred_responses` gives.
//!
//! # With utoipa
//!
//! ```
//! # #[cfg(feature = "utoipa")] {
//! use apicode::ApiError;
//! use utoipa::OpenApi;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400, serde = "string")]
//! enum SendError {
//!     /// Invalid phone number
//!     #[code(107111, "InvalidPhoneNumbers")]
//!     InvalidPhoneNumbers,
//!     /// Invalid signature timestamp
//!     #[code(104202, "InvalidSignatureTimestamp", status = 401)]
//!     InvalidSignatureTimestamp,
//! }
//!
//! /// Send a message.
//! #[utoipa::path(post, path = "/send", responses((status = 200, description = "Sent"), SendError))]
//! fn send() {}
//!
//! // Nothing to register: the responses hold their body schemas. `components(schemas(SendError))`
//! // would add the schema of the code itself, for request bodies that carry one.
//! #[derive(OpenApi)]
//! #[openapi(paths(send))]
//! struct Api;
//!
//! let document = serde_json::to_value(Api::openapi()).unwrap();
//! let unauthorized = &document["paths"]["/send"]["post"]["responses"]["401"];
//! let example = &unauthorized["content"]["application/json"]["examples"]["InvalidSignatureTimestamp"];
//! assert_eq!(example["value"], serde_json::json!({"code": "104202", "message": "InvalidSignatureTimestamp"}));
//! let schema = &unauthorized["content"]["application/json"]["schema"];
//! assert_eq!(schema["properties"]["code"]["enum"], serde_json::json!(["104202"]));
//! # }
//! ```

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::format;
use std::string::{String, ToString};
use std::vec::Vec;

use serde_json::{Map, Value, json};

use crate::decode::Decode;
use crate::wire::Wire;
use crate::{ApiTable, Code, CodeTable, Entry};

/// An entry with its code widened, so that one document builder serves every code type.
type DocEntry = Entry<i128>;

#[cfg(feature = "aide")]
pub(crate) mod aide;
#[cfg(feature = "utoipa")]
pub(crate) mod utoipa;

/// What the documents need of a table: every derived enum has it. Not public API.
#[doc(hidden)]
pub trait Documented: Decode + ApiTable + for<'de> serde::Deserialize<'de> {}

impl<T: Decode + ApiTable + for<'de> serde::Deserialize<'de>> Documented for T {}

/// Everything the documents say about one table, read from its `ENTRIES` once.
pub(crate) struct TableDoc {
    /// The enum's name, for descriptions.
    name: &'static str,
    /// The component name of the code schema; the other components extend it.
    component: String,
    /// Whether the code travels as a decimal string.
    as_string: bool,
    /// The code type's bounds, for the schema of any code.
    code_bounds: (i128, i128),
    /// The entries under each status, in declaration order, statuses ascending.
    statuses: BTreeMap<u16, Vec<DocEntry>>,
    /// Every entry in declaration order, for a wire that sends them all under one status.
    declared: Vec<DocEntry>,
    /// The catch-all: its status and its message.
    catch_all: Option<(u16, &'static str)>,
    /// The table's wire format: the members, nesting and status of its own bodies.
    wire: Wire<'static>,
}

/// One response of the document, before it is written in a library's types.
pub(crate) struct ResponseDoc {
    /// The status; `None` for the catch-all's `default` response.
    pub status: Option<u16>,
    pub description: String,
    pub content_type: &'static str,
    /// The name of the body schema's component: aide registers it; utoipa's responses hold
    /// the schema inline.
    #[cfg_attr(not(feature = "aide"), allow(dead_code))]
    pub component: String,
    pub schema: Value,
    /// The examples, one per code.
    pub examples: Vec<ExampleDoc>,
    /// `Retry-After` and `Link`, when a code of the response sends them.
    pub headers: Vec<HeaderDoc>,
}

/// One named example.
pub(crate) struct ExampleDoc {
    pub name: &'static str,
    pub summary: String,
    /// The code's detail, and its help link and retry policy when it has them.
    pub description: String,
    pub value: Value,
}

/// A header a response carries.
pub(crate) struct HeaderDoc {
    pub name: &'static str,
    pub description: String,
    pub schema: Value,
}

/// Which body a response carries.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Body {
    /// The body the web integrations send: the table's wire format (`{"code", "message"}` by
    /// default). A `wire(problem)` table's is [`Body::Problem`].
    Default,
    /// RFC 9457 problem details.
    #[cfg(feature = "problem")]
    Problem,
}

impl TableDoc {
    /// Reads the table of `T`.
    pub(crate) fn of<T: Documented>() -> Self {
        let mut statuses: BTreeMap<u16, Vec<DocEntry>> = BTreeMap::new();
        let mut declared = Vec::new();
        for entry in <T as CodeTable<<T as ApiTable>::Code>>::ENTRIES {
            let entry = Entry {
                code: entry.code.to_i128(),
                message: entry.message,
                detail: entry.detail,
                status: entry.status,
                help: entry.help,
                retry: entry.retry,
            };
            statuses.entry(entry.status).or_default().push(entry);
            declared.push(entry);
        }
        TableDoc {
            name: <T as CodeTable<<T as Decode>::Code>>::NAME,
            component: component_name(core::any::type_name::<T>()),
            as_string: serde_form::<T>(),
            code_bounds: (
                <T as ApiTable>::Code::MIN.to_i128(),
                <T as ApiTable>::Code::MAX.to_i128(),
            ),
            statuses,
            declared,
            catch_all: catch_all::<T>(),
            wire: crate::wire_of::<T>(),
        }
    }

    /// `body` as the table sends it: a `wire(problem)` table's own body is a problem.
    #[cfg_attr(not(feature = "problem"), allow(clippy::unused_self))]
    fn resolve(&self, body: Body) -> Body {
        #[cfg(feature = "problem")]
        if self.wire.is_problem() {
            return Body::Problem;
        }
        body
    }

    /// A code as the enum's `Serialize` writes it.
    fn code_value(&self, code: i128) -> Value {
        if self.as_string {
            Value::String(code.to_string())
        } else {
            json_integer(code)
        }
    }

    /// The schema of any code, before `enum` restricts it.
    fn any_code(&self) -> Map<String, Value> {
        let (min, max) = self.code_bounds;
        let schema = if self.as_string {
            let pattern = if min < 0 { "^-?[0-9]+$" } else { "^[0-9]+$" };
            json!({"type": "string", "pattern": pattern})
        } else {
            json!({"type": "integer", "minimum": json_integer(min), "maximum": json_integer(max)})
        };
        into_map(schema)
    }

    /// The schema of codes `entries`: any code restricted to theirs. An empty table keeps the
    /// unrestricted schema, since an empty `enum` is not valid in every OpenAPI version.
    fn codes<'a>(&self, entries: impl Iterator<Item = &'a DocEntry> + Clone) -> Value {
        let mut schema = self.any_code();
        if entries.clone().next().is_some() {
            schema.insert(
                "enum".into(),
                entries.map(|entry| self.code_value(entry.code)).collect(),
            );
        }
        Value::Object(schema)
    }

    /// The schema of the enum itself: the code as it travels. With a catch-all, any code of
    /// the type reads (the declared ones are listed in the description); without one, only the
    /// declared codes, as the `enum`.
    pub(crate) fn code_schema(&self) -> Value {
        let mut schema = if self.catch_all.is_some() {
            self.any_code()
        } else {
            into_map(self.codes(self.entries()))
        };
        let mut description = format!(
            "A code of {}, as {}.",
            self.name,
            if self.as_string {
                "a decimal string"
            } else {
                "an integer"
            }
        );
        if self.catch_all.is_some() {
            description.push_str(
                " Any code of the type is accepted: those outside the table are kept as they are.",
            );
        } else {
            description.push_str(" Only the codes below are accepted.");
        }
        description.push('\n');
        for entry in self.entries() {
            // Writing to a String cannot fail.
            let _ = write!(
                description,
                "\n- {} {}: {}",
                entry.code, entry.message, entry.detail
            );
        }
        schema.insert("description".into(), Value::String(description));
        Value::Object(schema)
    }

    /// Every entry, statuses ascending.
    fn entries(&self) -> impl Iterator<Item = &DocEntry> + Clone + '_ {
        self.statuses.values().flatten()
    }

    /// The responses, in the order they appear in a document: one per status, or, when the
    /// table's wire sends every error under one status, one response with every code.
    pub(crate) fn responses(&self, body: Body) -> Vec<ResponseDoc> {
        let body = self.resolve(body);
        let fixed = match body {
            Body::Default => self.wire.fixed_status(),
            #[cfg(feature = "problem")]
            Body::Problem => None,
        };
        let mut responses: Vec<ResponseDoc> = match fixed {
            Some(fixed) if !self.declared.is_empty() => {
                std::vec![self.response(body, fixed, &self.declared)]
            }
            _ => self
                .statuses
                .iter()
                .map(|(&status, entries)| self.response(body, status, entries))
                .collect(),
        };
        if let Some((status, message)) = self.catch_all {
            let status = fixed.unwrap_or(status);
            responses.push(self.catch_all_response(body, status, message));
        }
        responses
    }

    fn response(&self, body: Body, status: u16, entries: &[DocEntry]) -> ResponseDoc {
        let mut description = format!("{} codes answered with {status}:", self.name);
        for (index, entry) in entries.iter().enumerate() {
            let separator = if index == 0 { " " } else { ", " };
            let _ = write!(description, "{separator}{} {}", entry.code, entry.message);
        }
        let codes = self.codes(entries.iter());
        let messages: Value = entries.iter().map(|entry| entry.message).collect();
        let messages = json!({"type": "string", "enum": messages});
        let examples = entries
            .iter()
            .map(|entry| ExampleDoc {
                name: entry.message,
                summary: entry.code.to_string(),
                description: example_description(entry),
                value: self.body_value(body, entry, status),
            })
            .collect();
        ResponseDoc {
            status: Some(status),
            description,
            content_type: self.content_type(body),
            component: self.body_component(body, &status.to_string()),
            schema: self.body_schema(body, codes, messages, Some(status)),
            examples,
            headers: guidance_headers(entries),
        }
    }

    fn catch_all_response(&self, body: Body, status: u16, message: &'static str) -> ResponseDoc {
        let description = format!(
            "{} codes outside the table (the catch-all {message}), answered with {status}",
            self.name
        );
        let messages = json!({"type": "string", "enum": [message]});
        let codes = Value::Object(self.any_code());
        ResponseDoc {
            status: None,
            description,
            content_type: self.content_type(body),
            component: self.body_component(body, "default"),
            schema: self.body_schema(body, codes, messages, None),
            examples: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// The component name of a body schema: `Path.401`, `Path.problem.401`.
    fn body_component(&self, body: Body, key: &str) -> String {
        match body {
            Body::Default => format!("{}.{key}", self.component),
            #[cfg(feature = "problem")]
            Body::Problem => format!("{}.problem.{key}", self.component),
        }
    }

    /// What the web integrations send for a code (with `Problem::new`, for problem bodies).
    fn body_value(&self, body: Body, entry: &DocEntry, status: u16) -> Value {
        match body {
            Body::Default => {
                // The envelope carries no status, and the detail only where the wire says.
                let _ = status;
                let mut members = Map::new();
                members.insert(self.wire.code_member().into(), self.code_value(entry.code));
                members.insert(self.wire.message_member().into(), entry.message.into());
                if let Some(detail) = self.wire.detail_member() {
                    members.insert(detail.into(), entry.detail.into());
                }
                self.nested(Value::Object(members))
            }
            #[cfg(feature = "problem")]
            Body::Problem => {
                // As `Problem::new` writes it: the help link as `type`, titled by the message.
                let (type_uri, title) = match doc_help(entry) {
                    Some(link) => (link.to_string(), entry.message),
                    None => (
                        "about:blank".into(),
                        crate::http::status_code(status)
                            .canonical_reason()
                            .unwrap_or(entry.message),
                    ),
                };
                json!({
                    "type": type_uri,
                    "title": title,
                    "status": status,
                    "detail": entry.detail,
                    "code": self.code_value(entry.code),
                    "message": entry.message,
                })
            }
        }
    }

    /// `members` inside the wire's nest member, if it has one.
    fn nested(&self, members: Value) -> Value {
        match self.wire.nest_member() {
            Some(nest) => {
                let mut outer = Map::new();
                outer.insert(nest.into(), members);
                Value::Object(outer)
            }
            None => members,
        }
    }

    fn content_type(&self, body: Body) -> &'static str {
        match body {
            Body::Default => self.wire.error_content_type(),
            #[cfg(feature = "problem")]
            Body::Problem => crate::http::PROBLEM_JSON,
        }
    }

    /// The object schema of a body whose code and message members are `codes` and `messages`;
    /// a problem body under `status` (or any status, for `None`) adds the RFC 9457 members.
    fn body_schema(&self, body: Body, codes: Value, messages: Value, status: Option<u16>) -> Value {
        let (code, message) = match body {
            Body::Default => (self.wire.code_member(), self.wire.message_member()),
            #[cfg(feature = "problem")]
            Body::Problem => ("code", "message"),
        };
        let (required, mut properties) = match body {
            Body::Default => {
                // The envelope does not carry the status; its human text, where the wire says.
                let _ = status;
                let mut required = std::vec![code, message];
                let mut properties = Map::new();
                if let Some(detail) = self.wire.detail_member() {
                    required.push(detail);
                    properties.insert(
                        detail.into(),
                        json!({"type": "string", "description": "The error's human text, in \
                               the language `Content-Language` names when it is translated"}),
                    );
                }
                (json!(required), properties)
            }
            #[cfg(feature = "problem")]
            Body::Problem => {
                let status = match status {
                    Some(status) => json!({"type": "integer", "enum": [status]}),
                    None => json!({"type": "integer", "minimum": 100, "maximum": 599}),
                };
                let properties = into_map(json!({
                    "type": {"type": "string", "format": "uri-reference"},
                    "title": {"type": "string"},
                    "status": status,
                    "detail": {"type": "string"},
                }));
                let required = json!(["type", "title", "status", "detail", "code", "message"]);
                (required, properties)
            }
        };
        // Moved in rather than through `json!`, which would copy the (possibly long) enums.
        properties.insert(code.into(), codes);
        properties.insert(message.into(), messages);
        let schema = object_schema(required, properties, body == Body::Default);
        match (body, self.wire.nest_member()) {
            (Body::Default, Some(nest)) => {
                let mut outer = Map::new();
                outer.insert(nest.into(), schema);
                object_schema(json!([nest]), outer, true)
            }
            _ => schema,
        }
    }

    /// The schema of `Problem<T>` for any code of the table.
    #[cfg(feature = "problem")]
    pub(crate) fn problem_schema(&self) -> Value {
        let mut messages: Vec<&str> = self.entries().map(|entry| entry.message).collect();
        let codes = if let Some((_, message)) = self.catch_all {
            messages.push(message);
            Value::Object(self.any_code())
        } else {
            self.codes(self.entries())
        };
        let messages = if messages.is_empty() {
            json!({"type": "string"})
        } else {
            json!({"type": "string", "enum": messages})
        };
        let mut schema = into_map(self.body_schema(Body::Problem, codes, messages, None));
        schema.insert(
            "description".into(),
            Value::String(format!(
                "RFC 9457 problem details of a {} error, with its code and message",
                self.name
            )),
        );
        Value::Object(schema)
    }
}

/// The help link of an entry whose code is widened to `i128`.
fn doc_help(entry: &DocEntry) -> Option<crate::guidance::HelpLink<'static>> {
    entry
        .help
        .map(|template| crate::guidance::HelpLink::new(template, entry.code, entry.message))
}

/// An example's description: the code's detail, then its help link and its retry policy when
/// it has them.
fn example_description(entry: &DocEntry) -> String {
    let mut description = String::from(entry.detail);
    if let Some(link) = doc_help(entry) {
        let _ = write!(description, "\n\nHelp: {link}");
    }
    let retry = entry.retry_policy();
    if retry.is_retryable() {
        description.push_str(if entry.help.is_some() { "\n" } else { "\n\n" });
        match retry.retry_after_secs() {
            Some(seconds) => {
                let _ = write!(description, "Worth retrying after {seconds} s.");
            }
            None => description.push_str("Worth retrying."),
        }
    }
    description
}

/// The headers that the codes of one response send: `Retry-After` when one has a delay,
/// `Link` when one has a help link.
fn guidance_headers(entries: &[DocEntry]) -> Vec<HeaderDoc> {
    let mut headers = Vec::new();
    let delays: Vec<String> = entries
        .iter()
        .filter_map(|entry| {
            let seconds = entry.retry_policy().retry_after_secs()?;
            Some(format!("{seconds} for {}", entry.message))
        })
        .collect();
    if !delays.is_empty() {
        headers.push(HeaderDoc {
            name: "Retry-After",
            description: format!("Seconds to wait before retrying: {}", delays.join(", ")),
            schema: json!({"type": "integer", "minimum": 0}),
        });
    }
    if entries.iter().any(|entry| entry.help.is_some()) {
        headers.push(HeaderDoc {
            name: "Link",
            description: "`<url>; rel=\"help\"`: where to read about the error".into(),
            schema: json!({"type": "string"}),
        });
    }
    headers
}

/// An object schema of `properties`, all of `required` required.
fn object_schema(required: Value, properties: Map<String, Value>, closed: bool) -> Value {
    let mut schema = Map::new();
    schema.insert("type".into(), "object".into());
    schema.insert("required".into(), required);
    schema.insert("properties".into(), Value::Object(properties));
    if closed {
        schema.insert("additionalProperties".into(), false.into());
    }
    Value::Object(schema)
}

fn into_map(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A component name for the type `type_name`: `::` becomes `.`, and every character outside
/// `[A-Za-z0-9_.]` is written `-hex-`, so that distinct names stay distinct.
pub(crate) fn component_name(type_name: &str) -> String {
    let mut name = String::with_capacity(type_name.len());
    let mut chars = type_name.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            name.push('.');
        } else if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            name.push(c);
        } else {
            let _ = write!(name, "-{:x}-", u32::from(c));
        }
    }
    name
}

/// Whether `T` writes its code as a string: its `Deserialize` asks a format that is not
/// human readable for the declared form only, which tells the setting without a value.
fn serde_form<T: Decode + for<'de> serde::Deserialize<'de>>() -> bool {
    let mut probe = FormProbe::default();
    let _ = <T as serde::Deserialize>::deserialize(&mut probe).ok();
    probe.asked_str
}

/// The catch-all's status and message: the value that `From<C>` makes of a code outside
/// the table, if the enum has a catch-all.
fn catch_all<T: Documented>() -> Option<(u16, &'static str)> {
    let entries = <T as CodeTable<<T as Decode>::Code>>::ENTRIES;
    let max = <T as Decode>::Code::MAX.to_i128();
    // A table holds fewer codes than this, so one of the largest codes is outside it.
    let unknown = (0..=entries.len())
        .filter_map(|below| <T as Decode>::Code::from_i128(max - below as i128))
        .find(|code| entries.iter().all(|entry| entry.code != *code))?;
    T::decode(unknown).map(|value| (value.http_status(), value.message()))
}

/// An integer as JSON: every code type's value fits an `i64` or a `u64`.
fn json_integer(value: i128) -> Value {
    match (i64::try_from(value), u64::try_from(value)) {
        (Ok(value), _) => Value::from(value),
        (_, Ok(value)) => Value::from(value),
        _ => Value::from(value.to_string()),
    }
}

/// A deserializer that reads nothing and remembers whether a string was asked for.
#[derive(Default)]
struct FormProbe {
    asked_str: bool,
}

/// The probe's only error.
#[derive(Debug)]
struct Probed;

impl core::fmt::Display for Probed {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("probed")
    }
}

impl std::error::Error for Probed {}

impl serde::de::Error for Probed {
    fn custom<T: core::fmt::Display>(_: T) -> Self {
        Probed
    }
}

impl<'de> serde::Deserializer<'de> for &mut FormProbe {
    type Error = Probed;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Probed> {
        Err(Probed)
    }

    fn deserialize_str<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Probed> {
        self.asked_str = true;
        Err(Probed)
    }

    fn is_human_readable(&self) -> bool {
        false
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// The component name of the code schema of `T`.
#[cfg(feature = "aide")]
pub(crate) fn table_component<T: ?Sized>() -> Cow<'static, str> {
    Cow::Owned(component_name(core::any::type_name::<T>()))
}

/// The name of a type without its generic arguments, for libraries that append their own
/// (utoipa names `Check<u8>` `Check_u8` from `Check`).
#[cfg(feature = "utoipa")]
pub(crate) fn generic_component<T: ?Sized>() -> Cow<'static, str> {
    let name = core::any::type_name::<T>();
    let base = name.split_once('<').map_or(name, |(base, _)| base);
    Cow::Owned(component_name(base))
}

/// The component name of the schema of `Problem<T>`, as utoipa names the generic type.
#[cfg(all(feature = "problem", feature = "aide"))]
pub(crate) fn problem_component<T: ?Sized>() -> Cow<'static, str> {
    let problem = core::any::type_name::<crate::problem::Problem<()>>();
    let problem = problem.split_once('<').map_or(problem, |(base, _)| base);
    Cow::Owned(format!(
        "{}_{}",
        component_name(problem),
        table_component::<T>()
    ))
}

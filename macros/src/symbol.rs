//! The attribute names and keys the derive accepts: one place to list them, so that every
//! "expected one of" message stays true.

/// `#[code(...)]` on a variant.
pub const CODE: &str = "code";
/// `#[api_error(...)]` on the enum.
pub const API_ERROR: &str = "api_error";
/// thiserror's `#[error(...)]` on a variant.
pub const ERROR: &str = "error";
/// thiserror's `#[from]` on a field.
pub const FROM: &str = "from";
/// thiserror's `#[source]` on a field.
pub const SOURCE: &str = "source";
/// Doc comments.
pub const DOC: &str = "doc";

/// `#[code(other)]`: the catch-all.
pub const OTHER: &str = "other";
/// `#[code(transparent)]` and `#[error(transparent)]`.
pub const TRANSPARENT: &str = "transparent";

/// `status = N`, in `#[code]` and in `#[api_error]`.
pub const STATUS: &str = "status";
/// `detail = "..."` in `#[code]`.
pub const DETAIL: &str = "detail";
/// `serde = "number" | "string"` in `#[api_error]`.
pub const SERDE: &str = "serde";
/// `thiserror` in `#[api_error]`.
pub const THISERROR: &str = "thiserror";
/// `crate = "path"` in `#[api_error]`.
pub const CRATE: &str = "crate";
/// `range = A..=B` in `#[api_error]`.
pub const RANGE: &str = "range";
/// `grpc = "unauthenticated"`, in `#[code]` and in `#[api_error]`.
pub const GRPC: &str = "grpc";
/// `domain = "sms.example.com"` in `#[api_error]`.
pub const DOMAIN: &str = "domain";

/// `wire(...)` in `#[api_error]`: how the errors travel over HTTP.
pub const WIRE: &str = "wire";
/// `problem` in `wire(...)`: RFC 9457 documents.
pub const WIRE_PROBLEM: &str = "problem";
/// `message = "errmsg"` in `wire(...)` (`code = "errcode"` is [`CODE`]).
pub const WIRE_MESSAGE: &str = "message";
/// `nest = "error"` in `wire(...)`.
pub const WIRE_NEST: &str = "nest";
/// `data = "result" | flattened | none` in `wire(...)`.
pub const WIRE_DATA: &str = "data";
/// `success = 0` in `wire(...)`.
pub const WIRE_SUCCESS: &str = "success";
/// `code_required` in `wire(...)`.
pub const WIRE_CODE_REQUIRED: &str = "code_required";
/// `content_type = "..."` in `wire(...)`.
pub const WIRE_CONTENT_TYPE: &str = "content_type";
/// The keys `wire(...)` accepts.
pub const WIRE_KEYS: &[&str] = &[
    CODE,
    WIRE_MESSAGE,
    WIRE_NEST,
    DETAIL,
    WIRE_DATA,
    STATUS,
    WIRE_SUCCESS,
    WIRE_CODE_REQUIRED,
    WIRE_CONTENT_TYPE,
    WIRE_PROBLEM,
];

/// `help = "https://..."`, in `#[api_error]` and in `#[code]`: the help link's template.
pub const HELP: &str = "help";
/// `retry = true | false`, in `#[api_error]` and in `#[code]`.
pub const RETRY: &str = "retry";
/// `retry_after = SECONDS`, in `#[api_error]` and in `#[code]`; `#[retry_after]` on a field.
pub const RETRY_AFTER: &str = "retry_after";

/// `locales("zh-CN", ...)` in `#[api_error]`: the table's translations.
pub const LOCALES: &str = "locales";
/// `locale_dir = "locales"` in `#[api_error]`: the folder of the translation files.
pub const LOCALE_DIR: &str = "locale_dir";
/// `language = "en"` in `#[api_error]`: the language of the table's own text.
pub const LANGUAGE: &str = "language";

/// `skip(axum, ...)` in `#[api_error]`: integrations the enum leaves out.
pub const SKIP: &str = "skip";
/// `integrations(axum, ...)` in `#[api_error]`: the only integrations the enum asks for.
pub const INTEGRATIONS: &str = "integrations";
/// The integrations `skip(...)` and `integrations(...)` name, each with the runtime feature
/// that brings it.
pub const INTEGRATION_NAMES: &[(&str, &str)] = &[
    ("axum", "axum"),
    ("actix_web", "actix-web"),
    ("utoipa", "utoipa"),
    ("aide", "aide"),
    ("tonic", "tonic"),
    ("jsonrpsee", "jsonrpsee"),
    ("rmcp", "rmcp"),
];

/// The keys `#[code(CODE, "Message", ...)]` and `#[code(other, ...)]` accept.
pub const CODE_KEYS: &[&str] = &[STATUS, DETAIL, GRPC, HELP, RETRY, RETRY_AFTER];
/// The keys `#[api_error(...)]` accepts.
pub const ENUM_KEYS: &[&str] = &[
    STATUS,
    SERDE,
    CODE,
    THISERROR,
    CRATE,
    RANGE,
    GRPC,
    DOMAIN,
    WIRE,
    HELP,
    RETRY,
    RETRY_AFTER,
    LOCALES,
    LOCALE_DIR,
    LANGUAGE,
    SKIP,
    INTEGRATIONS,
];
/// The values `serde = "..."` accepts.
pub const SERDE_MODES: &[&str] = &["number", "string"];

/// The names `grpc = "..."` accepts, in the order of their numbers, each with the variant of
/// `apicode::grpc::GrpcCode` it names (the runtime's `GrpcCode::NAMES` is the same list).
pub const GRPC_CODES: &[(&str, &str)] = &[
    ("ok", "Ok"),
    ("cancelled", "Cancelled"),
    ("unknown", "Unknown"),
    ("invalid_argument", "InvalidArgument"),
    ("deadline_exceeded", "DeadlineExceeded"),
    ("not_found", "NotFound"),
    ("already_exists", "AlreadyExists"),
    ("permission_denied", "PermissionDenied"),
    ("resource_exhausted", "ResourceExhausted"),
    ("failed_precondition", "FailedPrecondition"),
    ("aborted", "Aborted"),
    ("out_of_range", "OutOfRange"),
    ("unimplemented", "Unimplemented"),
    ("internal", "Internal"),
    ("unavailable", "Unavailable"),
    ("data_loss", "DataLoss"),
    ("unauthenticated", "Unauthenticated"),
];

/// "`a`, `b` or `c`".
pub fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// " (did you mean `x`?)" when `found` is one or two edits away from one of `names`.
pub fn did_you_mean(found: &str, names: &[&str]) -> String {
    names
        .iter()
        .map(|name| (edit_distance(found, name), name))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, name)| format!("; did you mean `{name}`?"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

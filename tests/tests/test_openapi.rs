//! OpenAPI documents built from the tables by the `utoipa` and `aide` integrations: every entry
//! of `ENTRIES` once, under its status, with its example, and nothing else; every document
//! checked by `openapi-spec-validator` (and each example against its schema by `jsonschema`),
//! installed from `PyPI` into a virtual environment under the target directory.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use aide::axum::ApiRouter;
use aide::axum::routing::post as aide_post;
use apicode::problem::Problem;
use apicode::{ApiError, ApiTable, Code, CodeTable, Entry};
use apicode_sender::SendError;
use apicode_sms::SmsError;
use apicode_tests::gateway::{Config, Server};
use apicode_tests::python::{Package, python_with};
use axum::response::NoContent;
use serde_json::{Value, json};
use utoipa::OpenApi;

const VALIDATOR: Package = Package {
    name: "openapi-spec-validator",
    version: "0.9.0",
    module: "openapi_spec_validator",
};

/// One Python for every test of this file: they run in parallel, and would otherwise make
/// the same virtual environment at the same time.
fn validator() -> &'static Path {
    static PYTHON: OnceLock<PathBuf> = OnceLock::new();
    PYTHON.get_or_init(|| {
        python_with(
            Path::new(env!("CARGO_TARGET_TMPDIR")),
            "openapi-spec-validator-0.9.0-venv",
            &[VALIDATOR],
        )
    })
}

/// Validates a document with the real validator and lints it with Redocly CLI; fails the test
/// if either refuses it.
fn validate(name: &str, document: &Value) {
    let (path, output) = run_validator(name, document);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.trim(), format!("ok {}", path.display()));
    let output = run_redocly(&path);
    assert!(
        output.status.success(),
        "Redocly refuses {}:\n{}\n{}",
        path.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Redocly CLI, from `tests/js-openapi` (its committed lockfile), installed under the target
/// directory by the first test that needs it.
fn redocly() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        apicode_tests::node::install(
            Path::new(env!("CARGO_TARGET_TMPDIR")),
            "redocly-cli-2.77.0",
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("js-openapi"),
        )
    })
}

/// `redocly lint` of the document at `path`, with the repository's rules
/// (`tests/js-openapi/redocly.yaml`: the rules about what apicode writes, none about what the
/// tests' own operations lack).
fn run_redocly(path: &Path) -> std::process::Output {
    let cli = redocly().join("node_modules/@redocly/cli/bin/cli.js");
    let config = Path::new(env!("CARGO_MANIFEST_DIR")).join("js-openapi/redocly.yaml");
    Command::new(apicode_tests::node::node())
        .arg(cli)
        .arg("lint")
        .arg("--config")
        .arg(config)
        .arg(path)
        // No telemetry (this machine reaches no such service) and no update notice.
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .output()
        .expect("Redocly CLI runs")
}

/// The validator's verdict on `document`, written as `name.json`.
fn run_validator(name: &str, document: &Value) -> (PathBuf, std::process::Output) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("openapi");
    std::fs::create_dir_all(&dir).expect("the document directory can be made");
    let path = dir.join(format!("{name}.json"));
    let text = serde_json::to_string_pretty(document).expect("a document serializes");
    std::fs::write(&path, text).expect("the document can be written");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("py/validate_openapi.py");
    let output = Command::new(validator())
        .arg(script)
        .arg(&path)
        .output()
        .expect("the validator runs");
    (path, output)
}

#[test]
fn the_validator_refuses_what_is_wrong() {
    let mut document = utoipa_document();
    // An example that its schema refuses: a 401 code under the 400 response.
    document["paths"]["/sms"]["post"]["responses"]["400"]["content"]["application/json"]["examples"]
        ["MissingParams"]["value"]["code"] = json!("104202");
    let (path, output) = run_validator("wrong-example", &document);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains("example MissingParams"));
    assert!(!run_redocly(&path).status.success());

    // A reference to a component that is not there.
    let mut document = aide_document();
    let name = Expected::of::<SmsError>(true, None).body("400");
    document["components"]["schemas"]
        .as_object_mut()
        .unwrap()
        .remove(&name);
    let (path, output) = run_validator("dangling-reference", &document);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stdout).contains(&name));
    // Redocly refuses it too, so its approval of the real documents means something.
    assert!(!run_redocly(&path).status.success());
}

// ---------------------------------------------------------------------------------------------
// The tables

/// A string-serde table without a catch-all, with a code that cannot be built from its code.
#[derive(Debug, ApiError)]
#[api_error(status = 409, serde = "string")]
pub enum StockError {
    /// The item is out of stock
    #[code(1001, "OutOfStock")]
    OutOfStock,
    /// The item is no longer sold
    #[code(1002, "Discontinued", status = 410)]
    Discontinued,
    /// The stock could not be read
    #[code(1003, "Storage", status = 503)]
    Storage(#[from] std::io::Error),
}

/// A number-serde table with a catch-all under the default status (500).
#[derive(Debug, ApiError)]
pub enum LedgerError {
    /// The account does not exist
    #[code(7, "NoAccount", status = 404)]
    NoAccount {
        /// The account asked for.
        id: u64,
    },
    /// The amount is negative
    #[code(8, "NegativeAmount", status = 422)]
    NegativeAmount,
    /// The ledger is closed for the day
    #[code(9, "Closed", status = 422)]
    Closed,
    /// Any other code.
    #[code(other)]
    Unknown(u32),
}

/// Messages that are no component name, a type name that is not ASCII.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
pub enum Fehlerß {
    /// Spaces, a slash and an umlaut
    #[code(1, "bad name / ümlaut")]
    BadName,
    /// A JSON pointer's special characters
    #[code(2, "~1 {weird} #ref", status = 418)]
    Weird,
}

/// The first and the last status the derive accepts, and one without a reason phrase.
#[derive(Debug, ApiError)]
#[api_error(status = 599)]
pub enum Edges {
    /// Keep going
    #[code(41, "KeepGoing", status = 100)]
    KeepGoing,
    /// A status without a reason phrase
    #[code(42, "Unnamed")]
    Unnamed,
    /// Several statuses at once
    #[code(43, "Several", status = 207)]
    Several,
}

/// A generic table: each instance is a component of its own.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
pub enum Check<T> {
    /// Invalid value
    #[code(31, "Invalid")]
    #[error("invalid {0}")]
    Invalid(T),
    /// Missing value
    #[code(32, "Missing", status = 422)]
    Missing,
}

/// Two tables with the same type name, in two modules.
pub mod north {
    use apicode::ApiError;

    /// North's error.
    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum Error {
        /// North is closed
        #[code(11, "NorthClosed")]
        Closed,
    }
}

/// The other one.
pub mod south {
    use apicode::ApiError;

    /// South's error.
    #[derive(Debug, ApiError)]
    #[api_error(status = 400)]
    pub enum Error {
        /// South is closed
        #[code(21, "SouthClosed")]
        Closed,
        /// South is flooded
        #[code(22, "Flooded", status = 503)]
        Flooded,
    }
}

/// JSON-RPC's codes: negative integers, a catch-all.
#[derive(Debug, ApiError)]
#[api_error(code = i32, status = 500)]
enum RpcError {
    /// Invalid JSON was received by the server
    #[code(-32700, "ParseError", status = 400)]
    ParseError,
    /// The method does not exist or is not available
    #[code(-32601, "MethodNotFound", status = 404)]
    MethodNotFound,
    /// Internal JSON-RPC error
    #[code(-32603, "InternalError")]
    InternalError,
    #[code(other)]
    Unknown(i32),
}

/// WeChat's codes, as strings: `"-1"` beside positive codes.
#[derive(Debug, ApiError)]
#[api_error(code = i32, status = 400, serde = "string")]
enum WeChatError {
    /// System busy
    #[code(-1, "SystemBusy", status = 503)]
    SystemBusy,
    /// Invalid credential
    #[code(40001, "InvalidCredential", status = 401)]
    InvalidCredential,
}

/// What a table's documentation must hold.
struct Expected {
    /// The component name of the code schema.
    component: String,
    /// The entries, their codes widened so that tables of every code type compare alike.
    entries: Vec<Entry<i128>>,
    as_string: bool,
    /// The catch-all's message, if the table has one.
    catch_all: Option<&'static str>,
    problem: bool,
    /// The member of the human text, if the table's wire has one.
    detail: Option<&'static str>,
}

impl Expected {
    fn of<T: ApiTable>(as_string: bool, catch_all: Option<&'static str>) -> Self {
        Expected {
            // `ß`, `<` and `>`, which a component name cannot hold, are written as their code
            // points.
            component: std::any::type_name::<T>()
                .replace("::", ".")
                .replace('ß', "-df-")
                .replace('<', "-3c-")
                .replace('>', "-3e-"),
            entries: T::ENTRIES
                .iter()
                .map(|entry| Entry {
                    code: entry.code.to_i128(),
                    message: entry.message,
                    detail: entry.detail,
                    status: entry.status,
                    help: entry.help,
                    retry: entry.retry,
                })
                .collect(),
            as_string,
            catch_all,
            problem: false,
            detail: apicode::client::Reader::of::<T>().wire().detail_member(),
        }
    }

    /// utoipa names a generic type's schema itself.
    fn code_component(mut self, name: &str) -> Self {
        name.clone_into(&mut self.component);
        self
    }

    fn problem(mut self) -> Self {
        self.problem = true;
        self
    }

    fn code(&self, code: i128) -> Value {
        if self.as_string {
            json!(code.to_string())
        } else {
            json!(i64::try_from(code).expect("the tables' codes fit i64"))
        }
    }

    /// `Path.401` or `Path.problem.401`.
    fn body(&self, key: &str) -> String {
        if self.problem {
            format!("{}.problem.{key}", self.component)
        } else {
            format!("{}.{key}", self.component)
        }
    }

    fn example(&self, entry: &Entry<i128>) -> Value {
        if self.problem {
            // A status without a reason phrase is titled with the message, as `Problem` does;
            // a code with a help link has it as its type, titled by the message.
            let reason = axum::http::StatusCode::from_u16(entry.status)
                .unwrap()
                .canonical_reason()
                .unwrap_or(entry.message);
            let (type_uri, title) = match help_of(entry) {
                Some(link) => (link, entry.message),
                None => ("about:blank".to_owned(), reason),
            };
            json!({
                "type": type_uri,
                "title": title,
                "status": entry.status,
                "detail": entry.detail,
                "code": self.code(entry.code),
                "message": entry.message,
            })
        } else {
            let mut body = json!({"code": self.code(entry.code), "message": entry.message});
            if let Some(member) = self.detail {
                body[member] = entry.detail.into();
            }
            body
        }
    }
}

/// The help link of an entry, its `{code}` filled in (the tables here use no `{message}`).
fn help_of(entry: &Entry<i128>) -> Option<String> {
    entry
        .help
        .map(|template| template.replace("{code}", &entry.code.to_string()))
}

/// The schema of a body: the component that a `$ref` points to (aide), or the schema itself
/// when it is inline (utoipa).
fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    let Some(reference) = schema.get("$ref") else {
        assert_eq!(schema["type"], "object", "a body schema inline: {schema}");
        return schema;
    };
    let name = reference
        .as_str()
        .and_then(|r| r.strip_prefix("#/components/schemas/"))
        .unwrap_or_else(|| panic!("not a component reference: {reference}"));
    let component = &document["components"]["schemas"][name];
    assert!(component.is_object(), "no component {name}");
    component
}

/// Checks the responses of `path` (method `post`) against the table: every entry exactly once,
/// under its status, with its example; the catch-all as `default`; besides them, only `extra`.
fn check_responses(document: &Value, path: &str, table: &Expected, extra: &[&str]) {
    let responses = document["paths"][path]["post"]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("no responses for {path}"));
    let mut by_status: BTreeMap<String, Vec<&Entry<i128>>> = BTreeMap::new();
    for entry in &table.entries {
        by_status
            .entry(entry.status.to_string())
            .or_default()
            .push(entry);
    }
    let mut wanted: BTreeSet<String> = by_status.keys().cloned().collect();
    wanted.extend(table.catch_all.map(|_| "default".to_owned()));
    wanted.extend(extra.iter().map(|key| (*key).to_owned()));
    let found: BTreeSet<String> = responses.keys().cloned().collect();
    assert_eq!(found, wanted, "{path}: the response keys");

    let content_type = if table.problem {
        "application/problem+json"
    } else {
        "application/json"
    };
    let mut seen: Vec<i128> = Vec::new();
    for (status, entries) in &by_status {
        let response = &responses[status];
        let description = response["description"].as_str().unwrap();
        let content = response["content"].as_object().unwrap();
        assert_eq!(
            content.keys().collect::<Vec<_>>(),
            [content_type],
            "{path} {status}"
        );
        let media = &content[content_type];
        if let Some(reference) = media["schema"].get("$ref") {
            assert_eq!(
                reference,
                &json!(format!("#/components/schemas/{}", table.body(status))),
                "{path} {status}: the body is its component"
            );
        }
        let schema = resolve(document, &media["schema"]);
        let codes: Vec<Value> = entries.iter().map(|entry| table.code(entry.code)).collect();
        let messages: Vec<&str> = entries.iter().map(|entry| entry.message).collect();
        assert_eq!(
            schema["properties"]["code"]["enum"],
            json!(codes),
            "{path} {status}"
        );
        assert_eq!(
            schema["properties"]["message"]["enum"],
            json!(messages),
            "{path} {status}"
        );
        let examples = media["examples"].as_object().unwrap();
        assert_eq!(
            examples.keys().collect::<BTreeSet<_>>(),
            messages
                .iter()
                .map(|m| (*m).to_owned())
                .collect::<BTreeSet<_>>()
                .iter()
                .collect(),
            "{path} {status}: one example per code, named by its message"
        );
        for entry in entries {
            let example = &examples[entry.message];
            assert_eq!(
                example["value"],
                table.example(entry),
                "{path} {}",
                entry.message
            );
            assert_eq!(example["summary"], entry.code.to_string());
            check_example_description(path, example, entry);
            assert!(
                description.contains(&format!("{} {}", entry.code, entry.message)),
                "{path} {status}: {description:?} names {}",
                entry.code
            );
            seen.push(entry.code);
        }
        check_guidance_headers(&response["headers"], entries, &format!("{path} {status}"));
    }
    let mut declared: Vec<i128> = table.entries.iter().map(|entry| entry.code).collect();
    declared.sort_unstable();
    seen.sort_unstable();
    assert_eq!(seen, declared, "{path}: every entry exactly once");

    if let Some(message) = table.catch_all {
        let media = &responses["default"]["content"][content_type];
        if let Some(reference) = media["schema"].get("$ref") {
            assert_eq!(
                reference,
                &json!(format!("#/components/schemas/{}", table.body("default")))
            );
        }
        let schema = resolve(document, &media["schema"]);
        assert_eq!(schema["properties"]["message"]["enum"], json!([message]));
        assert!(schema["properties"]["code"].get("enum").is_none());
    }
}

/// An example's description: the code's detail, then its help link and its retry delay.
fn check_example_description(path: &str, example: &Value, entry: &Entry<i128>) {
    let text = example["description"].as_str().unwrap();
    assert!(text.starts_with(entry.detail), "{path} {text}");
    if let Some(link) = help_of(entry) {
        assert!(text.contains(&format!("Help: {link}")), "{path} {text}");
    }
    if let Some(seconds) = entry.retry_policy().retry_after_secs() {
        assert!(
            text.contains(&format!("Worth retrying after {seconds} s.")),
            "{path} {text}"
        );
    }
}

/// The guidance headers the codes of one response send, documented on it: `Retry-After` when
/// one has a delay, `Link` when one has a help link.
fn check_guidance_headers(headers: &Value, entries: &[&Entry<i128>], at: &str) {
    let delayed = entries
        .iter()
        .any(|entry| entry.retry_policy().retry_after_secs().is_some());
    assert_eq!(headers.get("Retry-After").is_some(), delayed, "{at}");
    let linked = entries.iter().any(|entry| entry.help.is_some());
    assert_eq!(headers.get("Link").is_some(), linked, "{at}");
}

/// Checks the code schema component: the code as it travels, every declared code.
fn check_code_schema(document: &Value, table: &Expected) {
    let schema = &document["components"]["schemas"][&table.component];
    let kind = if table.as_string { "string" } else { "integer" };
    assert_eq!(schema["type"], kind, "{}", table.component);
    if table.catch_all.is_some() {
        // Any code reads, as the description says: no `enum` to contradict it.
        assert!(
            schema.get("enum").is_none(),
            "{}: {schema}",
            table.component
        );
        let description = schema["description"].as_str().unwrap();
        assert!(
            description.contains("Any code of the type is accepted"),
            "{description}"
        );
    } else {
        let codes: Vec<Value> = table.entries.iter().map(|e| table.code(e.code)).collect();
        let mut listed: Vec<Value> = schema["enum"].as_array().unwrap().clone();
        let key = |v: &Value| v.to_string();
        listed.sort_by_key(key);
        let mut codes = codes;
        codes.sort_by_key(key);
        assert_eq!(listed, codes, "{}", table.component);
        let description = schema["description"].as_str().unwrap();
        assert!(
            description.contains("Only the codes below are accepted"),
            "{description}"
        );
    }
    let description = schema["description"].as_str().unwrap();
    for entry in &table.entries {
        let line = format!("- {} {}: {}", entry.code, entry.message, entry.detail);
        assert!(
            description.contains(&line),
            "{description:?} lists {line:?}"
        );
    }
}

fn tables() -> Vec<(&'static str, Expected)> {
    vec![
        ("/sms", Expected::of::<SmsError>(true, Some("Unknown"))),
        ("/send", Expected::of::<SendError>(true, None)),
        ("/stock", Expected::of::<StockError>(true, None)),
        (
            "/ledger",
            Expected::of::<LedgerError>(false, Some("Unknown")),
        ),
        ("/names", Expected::of::<Fehlerß>(false, None)),
        ("/north", Expected::of::<north::Error>(false, None)),
        ("/south", Expected::of::<south::Error>(false, None)),
        ("/check", Expected::of::<Check<u8>>(false, None)),
        ("/rpc", Expected::of::<RpcError>(false, Some("Unknown"))),
        ("/wechat", Expected::of::<WeChatError>(true, None)),
        (
            "/rpc-problem",
            Expected::of::<RpcError>(false, Some("Unknown")).problem(),
        ),
        ("/edges", Expected::of::<Edges>(false, None)),
        (
            "/edges-problem",
            Expected::of::<Edges>(false, None).problem(),
        ),
        (
            "/problem",
            Expected::of::<SmsError>(true, Some("Unknown")).problem(),
        ),
    ]
}

// ---------------------------------------------------------------------------------------------
// utoipa

macro_rules! utoipa_paths {
    ($($name:ident $path:literal $ty:ty;)*) => {$(
        /// An operation that documents its errors with the table alone.
        #[utoipa::path(post, path = $path, responses((status = 204, description = "Done"), $ty))]
        #[allow(dead_code)]
        fn $name() {}
    )*};
}

utoipa_paths! {
    utoipa_sms "/sms" SmsError;
    utoipa_send "/send" SendError;
    utoipa_stock "/stock" StockError;
    utoipa_ledger "/ledger" LedgerError;
    utoipa_names "/names" Fehlerß;
    utoipa_north "/north" north::Error;
    utoipa_south "/south" south::Error;
    utoipa_check "/check" Check<u8>;
    utoipa_rpc "/rpc" RpcError;
    utoipa_wechat "/wechat" WeChatError;
    utoipa_rpc_problem "/rpc-problem" Problem<RpcError>;
    utoipa_edges "/edges" Edges;
    utoipa_edges_problem "/edges-problem" Problem<Edges>;
    utoipa_problem "/problem" Problem<SmsError>;
}

#[derive(OpenApi)]
#[openapi(
    paths(
        utoipa_sms,
        utoipa_send,
        utoipa_stock,
        utoipa_ledger,
        utoipa_names,
        utoipa_north,
        utoipa_south,
        utoipa_check,
        utoipa_rpc,
        utoipa_wechat,
        utoipa_rpc_problem,
        utoipa_edges,
        utoipa_edges_problem,
        utoipa_problem
    ),
    components(schemas(
        SmsError,
        SendError,
        StockError,
        LedgerError,
        Fehlerß,
        north::Error,
        south::Error,
        Check<u8>,
        RpcError,
        WeChatError,
        Problem<RpcError>,
        Edges,
        Problem<Edges>,
        Problem<SmsError>
    ))
)]
struct UtoipaApi;

fn utoipa_document() -> Value {
    serde_json::to_value(UtoipaApi::openapi()).unwrap()
}

#[test]
fn utoipa_documents_every_entry_once_under_its_status() {
    let document = utoipa_document();
    for (path, table) in tables() {
        check_responses(&document, path, &table, &["204"]);
        if !table.problem && path != "/check" {
            check_code_schema(&document, &table);
        }
    }
    let check = Expected::of::<Check<u8>>(false, None).code_component("test_openapi.Check_u8");
    check_code_schema(&document, &check);
    // The schema of `Problem<SmsError>` itself: any code of the table, the RFC 9457 members.
    let problem =
        &document["components"]["schemas"]["apicode.problem.Problem_apicode_sms.SmsError"];
    assert_eq!(
        problem["required"],
        json!(["type", "title", "status", "detail", "code", "message"])
    );
    assert_eq!(problem["properties"]["code"]["type"], "string");
    validate("utoipa", &document);
}

// ---------------------------------------------------------------------------------------------
// aide

/// A handler that documents its errors with the table alone.
async fn fails<E>() -> Result<NoContent, E> {
    Ok(NoContent)
}

/// The code schemas, through a handler that takes and returns the enum as JSON.
async fn aide_codes(
    axum::Json(code): axum::Json<SmsError>,
) -> Result<axum::Json<LedgerError>, StockError> {
    let _ = code;
    Ok(axum::Json(LedgerError::Unknown(0)))
}

fn aide_document() -> Value {
    let mut api = aide::openapi::OpenApi::default();
    let _router: axum::Router = ApiRouter::new()
        .api_route("/sms", aide_post(fails::<SmsError>))
        .api_route("/send", aide_post(fails::<SendError>))
        .api_route("/stock", aide_post(fails::<StockError>))
        .api_route("/ledger", aide_post(fails::<LedgerError>))
        .api_route("/names", aide_post(fails::<Fehlerß>))
        .api_route("/north", aide_post(fails::<north::Error>))
        .api_route("/south", aide_post(fails::<south::Error>))
        .api_route("/check", aide_post(fails::<Check<u8>>))
        .api_route("/rpc", aide_post(fails::<RpcError>))
        .api_route("/wechat", aide_post(fails::<WeChatError>))
        .api_route("/rpc-problem", aide_post(fails::<Problem<RpcError>>))
        .api_route("/edges", aide_post(fails::<Edges>))
        .api_route("/edges-problem", aide_post(fails::<Problem<Edges>>))
        .api_route("/problem", aide_post(fails::<Problem<SmsError>>))
        .api_route("/codes", aide_post(aide_codes))
        .finish_api(&mut api);
    serde_json::to_value(&api).unwrap()
}

#[test]
fn aide_documents_every_entry_once_under_its_status() {
    let document = aide_document();
    for (path, table) in tables() {
        check_responses(&document, path, &table, &["204"]);
    }
    check_code_schema(&document, &Expected::of::<SmsError>(true, Some("Unknown")));
    check_code_schema(
        &document,
        &Expected::of::<LedgerError>(false, Some("Unknown")),
    );
    validate("aide", &document);
}

#[test]
fn both_integrations_write_the_same_components() {
    let utoipa = utoipa_document();
    let aide = aide_document();
    let utoipa_schemas = utoipa["components"]["schemas"].as_object().unwrap();
    let aide_schemas = aide["components"]["schemas"].as_object().unwrap();
    for (path, table) in tables() {
        let content_type = if table.problem {
            "application/problem+json"
        } else {
            "application/json"
        };
        let responses = utoipa["paths"][path]["post"]["responses"]
            .as_object()
            .unwrap();
        for key in responses.keys().filter(|key| *key != "204") {
            // utoipa's body schema inline, aide's as its component: the same schema.
            let inline = &responses[key]["content"][content_type]["schema"];
            assert!(inline.get("$ref").is_none(), "{path} {key}: {inline}");
            assert_eq!(inline, &aide_schemas[&table.body(key)], "{path} {key}");
        }
    }
    let name = Expected::of::<SmsError>(true, None).component;
    assert_eq!(utoipa_schemas[&name], aide_schemas[&name]);
}

// ---------------------------------------------------------------------------------------------
// Bad input

#[test]
fn same_type_names_are_two_components() {
    let north = Expected::of::<north::Error>(false, None);
    let south = Expected::of::<south::Error>(false, None);
    assert_ne!(north.component, south.component);
    assert!(
        north.component.ends_with("north.Error"),
        "{}",
        north.component
    );
    // aide's body components are named after the table; utoipa's bodies are inline.
    let document = aide_document();
    let schemas = document["components"]["schemas"].as_object().unwrap();
    assert_eq!(
        schemas[&north.body("400")]["properties"]["code"]["enum"],
        json!([11])
    );
    assert_eq!(
        schemas[&south.body("400")]["properties"]["code"]["enum"],
        json!([21])
    );
    let document = utoipa_document();
    for (path, code) in [("/north", 11), ("/south", 21)] {
        let schema = &document["paths"][path]["post"]["responses"]["400"]["content"]["application/json"]
            ["schema"];
        assert_eq!(
            schema["properties"]["code"]["enum"],
            json!([code]),
            "{path}"
        );
    }
}

#[test]
fn names_openapi_refuses_are_written_so_it_accepts_them() {
    // `ß` is U+00DF: written as its code point, the component name stays valid.
    let component = utoipa_name::<Fehlerß>();
    assert!(component.ends_with(".Fehler-df-"), "{component}");
    // `<` is U+003C, `>` U+003E: the body components of `Check<u8>` (aide's).
    let document = aide_document();
    let reference = document["paths"]["/check"]["post"]["responses"]["400"]["content"]
        ["application/json"]["schema"]["$ref"]
        .as_str()
        .unwrap();
    let generic = reference.strip_prefix("#/components/schemas/").unwrap();
    assert!(generic.ends_with(".Check-3c-u8-3e-.400"), "{generic}");
    for name in [component.as_str(), generic] {
        assert!(
            name.chars()
                .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)),
            "{name}"
        );
    }
    let examples = &document["paths"]["/names"]["post"]["responses"]["418"]["content"]["application/json"]
        ["examples"];
    assert_eq!(
        examples["~1 {weird} #ref"]["value"],
        json!({"code": 2, "message": "~1 {weird} #ref"})
    );
}

fn utoipa_name<T: utoipa::ToSchema>() -> String {
    T::name().into_owned()
}

#[test]
fn a_conflicting_success_status_is_reported_by_aide() {
    // `SmsError::Ok` is a 200 entry, like the handler's `Json` success: aide keeps the
    // handler's response and says so.
    async fn handler() -> Result<axum::Json<u32>, SmsError> {
        Ok(axum::Json(1))
    }
    let conflicts = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let seen = std::rc::Rc::clone(&conflicts);
    aide::generate::on_error(move |error| seen.borrow_mut().push(error.to_string()));
    let mut api = aide::openapi::OpenApi::default();
    let _router: axum::Router = ApiRouter::new()
        .api_route("/", aide_post(handler))
        .finish_api(&mut api);
    aide::generate::on_error(|_| {});
    let conflicts = conflicts.borrow();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert!(conflicts[0].contains("200"), "{conflicts:?}");
    let document = serde_json::to_value(&api).unwrap();
    let responses = document["paths"]["/"]["post"]["responses"]
        .as_object()
        .unwrap();
    // Every other status of the table is still there.
    let statuses: BTreeSet<String> = SmsError::ENTRIES
        .iter()
        .map(|entry| entry.status.to_string())
        .chain(["default".to_owned()])
        .collect();
    assert_eq!(responses.keys().cloned().collect::<BTreeSet<_>>(), statuses);
}

// ---------------------------------------------------------------------------------------------
// The gateway

#[test]
fn gateway_serves_a_valid_document_of_every_code() {
    let server = Server::start(Config::new("127.0.0.1:0", "key")).expect("the gateway starts");
    let mut response = ureq::get(format!("{}/openapi.json", server.url()))
        .call()
        .expect("GET /openapi.json answers");
    assert_eq!(response.status(), 200);
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(content_type, "application/json");
    let document: Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    // The success answer is the gateway's own 200; the table's `Ok` entry shares its status.
    let sms = Expected::of::<SmsError>(true, Some("Unknown"));
    let responses = &document["paths"]["/"]["post"]["responses"];
    assert_eq!(
        responses["200"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/Success"
    );
    for entry in sms.entries.iter().filter(|entry| entry.status != 200) {
        let example = &responses[entry.status.to_string()]["content"]["application/json"]["examples"]
            [entry.message];
        assert_eq!(example["value"], sms.example(entry), "{}", entry.message);
    }
    check_code_schema(&document, &sms);
    validate("gateway", &document);
    server.stop().expect("the gateway stops");
}

#[test]
fn signed_codes_are_documented_as_they_travel() {
    // The code components, which the utoipa document registers (aide adds a code component
    // only where a handler reads or writes the enum itself).
    let document = utoipa_document();
    let schemas = &document["components"]["schemas"];
    let rpc = &schemas[&Expected::of::<RpcError>(false, None).component];
    assert_eq!(rpc["type"], "integer", "{rpc}");
    assert_eq!(rpc["minimum"], i32::MIN, "{rpc}");
    assert_eq!(rpc["maximum"], i32::MAX, "{rpc}");
    let wechat = &schemas[&Expected::of::<WeChatError>(true, None).component];
    assert_eq!(wechat["type"], "string", "{wechat}");
    assert_eq!(wechat["pattern"], "^-?[0-9]+$", "{wechat}");
    for document in [utoipa_document(), aide_document()] {
        let not_found = &document["paths"]["/rpc"]["post"]["responses"]["404"];
        let example = &not_found["content"]["application/json"]["examples"]["MethodNotFound"];
        assert_eq!(
            example["value"],
            json!({"code": -32601, "message": "MethodNotFound"}),
            "{not_found}"
        );
        let busy = &document["paths"]["/wechat"]["post"]["responses"]["503"];
        let example = &busy["content"]["application/json"]["examples"]["SystemBusy"];
        assert_eq!(
            example["value"],
            json!({"code": "-1", "message": "SystemBusy"}),
            "{busy}"
        );
    }
}

/// Documents written the natural way, with nothing under `components(...)`: the responses
/// hold their body schemas, so nothing dangles, for both body styles.
#[test]
fn documents_with_nothing_registered_are_valid() {
    #[derive(OpenApi)]
    #[openapi(paths(utoipa_sms, utoipa_problem, utoipa_rpc, utoipa_send))]
    struct Bare;

    let document = serde_json::to_value(Bare::openapi()).unwrap();
    assert!(
        document
            .pointer("/components/schemas")
            .is_none_or(|schemas| schemas.as_object().is_some_and(serde_json::Map::is_empty)),
        "nothing registered: {}",
        document["components"]
    );
    for (path, table) in tables()
        .into_iter()
        .filter(|(path, _)| ["/sms", "/problem", "/rpc", "/send"].contains(path))
    {
        check_responses(&document, path, &table, &["204"]);
    }
    validate("utoipa-nothing-registered", &document);
}

// ---------------------------------------------------------------------------------------------
// The wire format declared by a table, in both documents.

mod wire {
    use apicode::ApiError;

    /// WeChat's shape: every error under 200.
    #[derive(Debug, ApiError)]
    #[api_error(status = 400, wire(code = "errcode", message = "errmsg", status = 200))]
    pub enum WeChat {
        /// The access token is invalid
        #[code(40001, "invalid credential", status = 401)]
        InvalidCredential,
        /// The grant type is invalid
        #[code(40002, "invalid grant_type")]
        InvalidGrantType,
        #[code(other)]
        Unknown(u32),
    }

    /// An error nested in one member.
    #[derive(Debug, ApiError)]
    #[api_error(code = i32, wire(nest = "error", content_type = "application/vnd.example+json"))]
    pub enum Nested {
        /// The quota is exhausted
        #[code(-32001, "QuotaExhausted", status = 429)]
        QuotaExhausted,
        /// No such document
        #[code(-32004, "NotFound", status = 404)]
        NotFound,
    }

    /// Problem details as the table's own body.
    #[derive(Debug, ApiError)]
    #[api_error(wire(problem))]
    pub enum Store {
        /// The item is out of stock
        #[code(1001, "OutOfStock", status = 409)]
        OutOfStock,
    }
}

utoipa_paths! {
    utoipa_wire_wechat "/wire/wechat" wire::WeChat;
    utoipa_wire_nested "/wire/nested" wire::Nested;
    utoipa_wire_store "/wire/store" wire::Store;
}

/// The responses of `path` other than the operation's own 204.
fn table_responses<'a>(document: &'a Value, path: &str) -> Vec<(&'a String, &'a Value)> {
    document["paths"][path]["post"]["responses"]
        .as_object()
        .unwrap_or_else(|| panic!("no responses for {path}"))
        .iter()
        .filter(|(status, _)| *status != "204")
        .collect()
}

fn check_wire_documents(document: &Value) {
    // WeChat: one 200 with every code, the catch-all as `default`, under 200 too.
    let wechat = table_responses(document, "/wire/wechat");
    let keys: Vec<&str> = wechat.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["200", "default"]);
    let media = &wechat[0].1["content"]["application/json"];
    let schema = resolve(document, &media["schema"]);
    assert_eq!(schema["required"], json!(["errcode", "errmsg"]));
    assert_eq!(
        schema["properties"]["errcode"]["enum"],
        json!([40001, 40002])
    );
    assert_eq!(
        media["examples"]["invalid credential"]["value"],
        json!({"errcode": 40001, "errmsg": "invalid credential"})
    );
    assert!(
        wechat[1].1["description"]
            .as_str()
            .unwrap()
            .ends_with("answered with 200"),
        "{}",
        wechat[1].1["description"]
    );
    let default = resolve(
        document,
        &wechat[1].1["content"]["application/json"]["schema"],
    );
    assert_eq!(default["properties"]["errmsg"]["enum"], json!(["Unknown"]));

    // Nested: under each status, in the declared content type.
    let nested = table_responses(document, "/wire/nested");
    let keys: Vec<&str> = nested.iter().map(|(key, _)| key.as_str()).collect();
    assert_eq!(keys, ["404", "429"]);
    let media = &nested[1].1["content"]["application/vnd.example+json"];
    let schema = resolve(document, &media["schema"]);
    assert_eq!(schema["required"], json!(["error"]));
    assert_eq!(
        schema["properties"]["error"]["properties"]["code"]["enum"],
        json!([-32001])
    );
    assert_eq!(
        media["examples"]["QuotaExhausted"]["value"],
        json!({"error": {"code": -32001, "message": "QuotaExhausted"}})
    );

    // Problem: the table's own responses are problem documents.
    let store = table_responses(document, "/wire/store");
    let media = &store[0].1["content"]["application/problem+json"];
    assert_eq!(store[0].0, "409");
    assert_eq!(
        media["examples"]["OutOfStock"]["value"],
        json!({"type": "about:blank", "title": "Conflict", "status": 409,
               "detail": "The item is out of stock", "code": 1001, "message": "OutOfStock"})
    );
}

#[test]
fn a_declared_wire_format_is_documented_as_it_travels() {
    // utoipa, nothing registered.
    #[derive(OpenApi)]
    #[openapi(paths(utoipa_wire_wechat, utoipa_wire_nested, utoipa_wire_store))]
    struct Wires;
    let document = serde_json::to_value(Wires::openapi()).unwrap();
    check_wire_documents(&document);
    validate("utoipa-wire", &document);

    // aide, which registers its bodies.
    let mut api = aide::openapi::OpenApi::default();
    let _router: axum::Router = ApiRouter::new()
        .api_route("/wire/wechat", aide_post(fails::<wire::WeChat>))
        .api_route("/wire/nested", aide_post(fails::<wire::Nested>))
        .api_route("/wire/store", aide_post(fails::<wire::Store>))
        .finish_api(&mut api);
    let document = serde_json::to_value(&api).unwrap();
    check_wire_documents(&document);
    validate("aide-wire", &document);
}

//! The JSON-RPC reference table read back by clients nobody here wrote, over loopback:
//!
//! - the official MCP TypeScript SDK (`@modelcontextprotocol/sdk`) starts the example MCP server
//!   (`examples/mcp.rs`, built by this test with `cargo build`) and speaks MCP to it over stdio;
//!   its `fail` tool fails with every code of [`RpcError`], each an `rmcp::model::ErrorData`
//!   made by apicode's `rmcp` feature, and the SDK raises each as an `McpError`;
//! - jayson's HTTP client calls the jsonrpsee server of `apicode_tests::jsonrpc::http` (what
//!   `examples/jsonrpc.rs` serves): every code through `fail`, by position and by name, the
//!   framework's own `-32601`, wrong params and a batch.
//!
//! The scripts `tests/js/*.mjs` print one JSON line per call; this test checks each against
//! the table. The npm packages, pinned in the committed `tests/js/package-lock.json`, are
//! installed with `npm ci` into a folder under Cargo's target directory on the first run and
//! reused by the next (`apicode_tests::node`; `APICODE_NODE` and `APICODE_NPM` name other
//! executables).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use apicode::jsonrpc::{FromErrorData as _, FromErrorObject as _};
use apicode::{ApiError, CodeTable};
use apicode_tests::jsonrpc::RpcError;
use apicode_tests::jsonrpc::http::{Config, Running};
use apicode_tests::node;
use apicode_tests::python::run;
use jsonrpsee_types::ErrorObjectOwned;
use rmcp::model::ErrorData;
use serde_json::{Value, json};

/// Codes outside the table: the catch-all keeps them, whatever their sign or size.
const UNKNOWN_CODES: [i32; 6] = [-32099, -32000, -1, 0, 7, i32::MIN];

/// Every code of the table, then codes outside it.
fn codes() -> Vec<i32> {
    RpcError::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .chain(UNKNOWN_CODES)
        .collect()
}

/// The error object a client must receive for `error`: the code, the `Display` below HTTP 500
/// and the table's detail from 500 on, and the table's message and status in `data`.
fn expected_object(error: RpcError) -> Value {
    let message = if error.http_status() < 500 {
        error.to_string()
    } else {
        error.detail().to_owned()
    };
    let mut data = json!({"message": error.message(), "status": error.http_status()});
    // The table's retry policy, where the code is worth retrying (a 503 is, by HTTP).
    let retry = error.retry();
    if retry.is_retryable() {
        data["retryable"] = json!(true);
    }
    if let Some(seconds) = retry.retry_after_secs() {
        data["retry_after"] = json!(seconds);
    }
    json!({"code": error.code(), "message": message, "data": data})
}

/// The installed clients: once for both tests, which run at the same time.
fn clients() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("js");
        node::install(
            Path::new(env!("CARGO_TARGET_TMPDIR")),
            "jsonrpc-clients-npm",
            &source,
        )
    })
}

/// Runs `script` of the installed folder with `env`; its JSON lines by case.
fn run_script(folder: &Path, script: &str, env: &[(&str, String)]) -> BTreeMap<String, Value> {
    let mut command = Command::new(node::node());
    command.arg(folder.join(script)).current_dir(folder);
    for (key, value) in env {
        command.env(key, value);
    }
    run(&mut command)
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("not a JSON line ({error}): {line}"));
            let case = value["case"].as_str().expect("a case name").to_owned();
            (case, value)
        })
        .collect()
}

/// The outcome of a case without its name: `{code, message, data}` or `{result}`.
fn outcome(case: &Value) -> Value {
    let mut outcome = case.clone();
    outcome.as_object_mut().expect("an object").remove("case");
    outcome
}

/// The `examples/mcp.rs` binary, built now: the same `cargo` as this test, the same target
/// directory and profile, the `jsonrpc` feature alone (all it needs). Up to date, this is a
/// no-op.
fn mcp_example() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .args([
            "build",
            "--quiet",
            "--message-format=json-render-diagnostics",
        ])
        .args(["-p", "apicode-tests", "--no-default-features", "--features"])
        .args(["jsonrpc", "--example", "mcp"])
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    if !cfg!(debug_assertions) {
        command.arg("--release");
    }
    let messages = run(&mut command);
    messages
        .lines()
        .filter_map(|line| serde_json::from_str::<Value>(line).ok())
        .filter(|message| message["reason"] == "compiler-artifact")
        .filter(|message| message["target"]["name"] == "mcp")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .expect("cargo built the mcp example")
}

#[test]
fn official_mcp_sdk_reads_every_code_from_the_rmcp_server_over_stdio() {
    let folder = clients();
    let server = mcp_example();
    let codes = codes();
    let outcomes = run_script(
        folder,
        "mcp_client.mjs",
        &[
            ("APICODE_MCP_COMMAND", server.display().to_string()),
            ("APICODE_CODES", serde_json::to_string(&codes).unwrap()),
        ],
    );

    assert_eq!(
        outcomes["initialize"]["tools"],
        json!(["add", "fail"]),
        "the SDK initialized and listed the tools"
    );
    assert_eq!(
        outcomes["initialize"]["server"]["name"],
        "apicode-mcp-example"
    );

    let mut unknown = 0;
    for code in &codes {
        let case = &outcomes[&format!("fail {code}")];
        let error = RpcError::from(*code);
        let expected = expected_object(error);
        // The SDK's McpError prefixes the message with the code; the rest is the server's.
        let prefix = format!("MCP error {code}: ");
        let message = case["message"].as_str().expect("a message");
        assert!(message.starts_with(&prefix), "{case}");
        let received = json!({
            "code": case["code"],
            "message": &message[prefix.len()..],
            "data": case["data"],
        });
        assert_eq!(received, expected, "code {code}");
        // And a Rust client reads the same error object back into the table.
        let data: ErrorData = serde_json::from_value(received).unwrap();
        assert_eq!(RpcError::from_error_data(&data), Ok(error), "code {code}");
        unknown += usize::from(matches!(error, RpcError::Unknown(_)));
    }
    assert_eq!(unknown, UNKNOWN_CODES.len());

    assert_eq!(
        outcome(&outcomes["add"]),
        json!({"result": {"content": [{"type": "text", "text": "42"}], "isError": false}})
    );
    let invalid_params = expected_object(RpcError::InvalidParams);
    for case in [
        "add not integers",
        "add one term",
        "fail no code",
        "unknown tool",
    ] {
        let received = &outcomes[case];
        assert_eq!(received["code"], -32602, "{case}: {received}");
        assert_eq!(received["data"], invalid_params["data"], "{case}");
    }
}

#[test]
fn jayson_reads_every_code_from_the_jsonrpsee_server_over_http() {
    let folder = clients();
    let server = Running::start(&Config::new("127.0.0.1:0")).unwrap();
    let codes = codes();
    let outcomes = run_script(
        folder,
        "jsonrpc_client.mjs",
        &[
            ("APICODE_JSONRPC_URL", server.url()),
            ("APICODE_CODES", serde_json::to_string(&codes).unwrap()),
        ],
    );

    for code in &codes {
        let error = RpcError::from(*code);
        let expected = expected_object(error);
        for case in [format!("fail {code}"), format!("fail {code} by name")] {
            let received = outcome(&outcomes[&case]);
            assert_eq!(received, expected, "{case}");
            let object: ErrorObjectOwned = serde_json::from_value(received).unwrap();
            assert_eq!(RpcError::from_error_object(&object), Ok(error), "{case}");
        }
    }

    assert_eq!(outcome(&outcomes["add"]), json!({"result": 42}));
    assert_eq!(outcome(&outcomes["add by name"]), json!({"result": 42}));
    let invalid_params = expected_object(RpcError::InvalidParams);
    assert_eq!(outcome(&outcomes["add not integers"]), invalid_params);
    assert_eq!(outcome(&outcomes["add one term"]), invalid_params);

    // jsonrpsee's own answer to a method it does not know: no data, and still the table's code.
    let not_found = outcome(&outcomes["unknown method"]);
    assert_eq!(
        not_found,
        json!({"code": -32601, "message": "Method not found", "data": null})
    );
    let object: ErrorObjectOwned =
        serde_json::from_value(json!({"code": -32601, "message": "Method not found"})).unwrap();
    assert_eq!(
        RpcError::from_error_object(&object),
        Ok(RpcError::MethodNotFound)
    );

    let table: Vec<i32> = RpcError::ENTRIES.iter().map(|entry| entry.code).collect();
    assert_eq!(outcome(&outcomes["codes"]), json!({"result": table}));

    // A batch: each answer to its own request.
    assert_eq!(
        outcomes["batch"]["batch"],
        json!([
            {"result": 3},
            expected_object(RpcError::RateLimited),
            {"code": -32601, "message": "Method not found", "data": null},
        ])
    );
}

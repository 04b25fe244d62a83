//! The example gRPC service called by the official Python gRPC stack: `grpcio` and
//! `grpcio-status` from `PyPI`, with stubs generated from the repository's `proto/sms.proto` by
//! `grpcio-tools`. The script `tests/py/grpc_paths.py` reads each refusal with
//! `rpc_status.from_call`, unpacks its `google.rpc.ErrorInfo`, `google.rpc.Help` and
//! `google.rpc.RetryInfo` and prints one JSON line per call; this test checks each against the
//! reference table.
//!
//! The packages live in a virtual environment under Cargo's target directory, made on first
//! run (`apicode_tests::python`; set `APICODE_PYTHON` to use another interpreter).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use apicode::ApiError;
use apicode_sms::SmsError;
use apicode_tests::gateway::{Config, Server};
use apicode_tests::python::{Package, python_with, run};
use serde_json::{Value, json};

const PACKAGES: &[Package] = &[
    Package {
        name: "grpcio",
        version: "1.85.3",
        module: "grpc",
    },
    Package {
        name: "grpcio-status",
        version: "1.85.3",
        module: "grpc_status.rpc_status",
    },
    Package {
        name: "grpcio-tools",
        version: "1.85.1",
        module: "grpc_tools.protoc",
    },
];
const KEY_ID: &str = "py-key";
const SECRET: &str = "py-secret";

/// The status names of Python's `grpc.StatusCode`, by number.
const STATUS_NAMES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

fn drive_python(hmac: &Server, simple: &Server) -> BTreeMap<String, Value> {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let python = python_with(target, "grpcio-1.85-venv", PACKAGES);
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Stubs made afresh from the repository's .proto on every run.
    let stubs = target.join("grpc-python-stubs");
    if stubs.exists() {
        std::fs::remove_dir_all(&stubs).expect("old stubs can be removed");
    }
    std::fs::create_dir_all(&stubs).expect("a directory for the stubs");
    run(Command::new(&python)
        .args(["-m", "grpc_tools.protoc"])
        .arg(format!("-I{}", crate_dir.join("proto").display()))
        .arg(format!("--python_out={}", stubs.display()))
        .arg(format!("--grpc_python_out={}", stubs.display()))
        .arg(crate_dir.join("proto/sms.proto")));
    let stdout = run(Command::new(&python)
        .arg(crate_dir.join("py/grpc_paths.py"))
        .env("PYTHONPATH", &stubs)
        .env("APICODE_HMAC_TARGET", hmac.addr().to_string())
        .env("APICODE_SIMPLE_TARGET", simple.addr().to_string())
        .env("APICODE_KEY_ID", KEY_ID)
        .env("APICODE_SECRET", SECRET));
    stdout
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("not a JSON line ({error}): {line}"));
            let case = value["case"].as_str().expect("a case name").to_owned();
            (case, value)
        })
        .collect()
}

#[test]
fn official_python_grpc_reads_code_reason_domain_and_metadata() {
    let hmac = apicode_tests::grpc::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .secret(SECRET)
            .sms_signature("Acme")
            .rate_limit(1)
            .body_limit(1024),
    )
    .unwrap();
    let simple =
        apicode_tests::grpc::start(Config::new("127.0.0.1:0", KEY_ID).sms_signature("Acme"))
            .unwrap();

    let outcomes = drive_python(&hmac, &simple);

    let refusals: &[(&str, SmsError)] = &[
        ("no_access_key_id", SmsError::MissingAccessKeyId),
        ("unknown_access_key_id", SmsError::InvalidAccessKeyId),
        ("missing_signature", SmsError::MissingSignature),
        ("stale_timestamp", SmsError::InvalidSignatureTimestamp),
        ("wrong_signature", SmsError::InvalidSignature),
        ("oversized", SmsError::RestrictedParams),
        ("missing_to", SmsError::MissingParams),
        ("not_e164", SmsError::InvalidPhoneNumbers),
        ("missing_sms_signature", SmsError::MissingSmsSignature),
        ("unknown_sms_signature", SmsError::SmsSignatureNotExists),
        ("unknown_template", SmsError::SmsTemplateNotExists),
        ("over_rate_limit", SmsError::LimitExceed),
    ];
    let cases: BTreeSet<&str> = outcomes.keys().map(String::as_str).collect();
    let mut wanted: BTreeSet<&str> = refusals.iter().map(|(case, _)| *case).collect();
    wanted.insert("signed_send");
    assert_eq!(cases, wanted, "the script ran every case once");

    let mut statuses = BTreeSet::new();
    for (case, error) in refusals {
        let outcome = &outcomes[*case];
        let number = usize::try_from(error.grpc_code().as_i32()).unwrap();
        assert_eq!(
            outcome["grpc_code"], STATUS_NAMES[number],
            "{case}: {outcome}"
        );
        assert_eq!(outcome["message"], error.to_string(), "{case}");
        let reason = apicode::grpc::reason(error.message()).unwrap();
        assert_eq!(
            outcome["error_info"],
            json!({
                "reason": reason.as_str(),
                "domain": "api.unimtx.com",
                "metadata": {"code": error.code().to_string()},
            }),
            "{case}"
        );
        // The table's guidance: every code's help link, the rate limit's delay.
        assert_eq!(
            outcome["help"],
            json!([{"description": error.detail(), "url": format!("/errors/{}", error.code())}]),
            "{case}"
        );
        let delay = error.retry().delay().map(|delay| delay.as_secs_f64());
        assert_eq!(outcome["retry_delay"], json!(delay), "{case}");
        statuses.insert(error.http_status());
    }
    // Codes of five HTTP statuses, and so of five gRPC codes.
    assert_eq!(statuses, BTreeSet::from([400, 401, 403, 404, 429]));
    assert_eq!(
        outcomes["over_rate_limit"]["error_info"]["reason"],
        "LIMIT_EXCEED"
    );
    assert_eq!(outcomes["over_rate_limit"]["retry_delay"], 60.0);

    // A signed call from Python passes the same HMAC check as the SDKs' HTTP requests.
    assert_eq!(
        outcomes["signed_send"],
        json!({"case": "signed_send", "grpc_code": "OK", "messages": ["+6512345678"]})
    );
}

//! The gateway driven end to end by the official Unimatrix Python SDK, `uni-sdk==0.3.0` from
//! `PyPI`, over every path the SDK can produce; `test_gateway_raw` covers the rest.
//!
//! The SDK lives in a virtual environment under Cargo's target directory, made on first run
//! with `python3 -m venv` and `pip install uni-sdk==0.3.0` (`apicode_tests::python`; set
//! `APICODE_PYTHON` to use another interpreter). The script `tests/py/sdk_paths.py` prints one JSON line per request; this test
//! checks each against the reference table.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use apicode::ApiError;
use apicode_sms::SmsError;
use apicode_tests::gateway::{Config, Server};
use apicode_tests::python::{Package, python_with, run};
use serde_json::Value;

const SDK: Package = Package {
    name: "uni-sdk",
    version: "0.3.0",
    module: "uni.client",
};
const KEY_ID: &str = "sdk-key";
const SECRET: &str = "sdk-secret";

/// A Python with the SDK: the one a previous run set up, or a new virtual environment.
fn python_with_sdk() -> PathBuf {
    python_with(
        Path::new(env!("CARGO_TARGET_TMPDIR")),
        "uni-sdk-0.3.0-venv",
        &[SDK],
    )
}

/// What the SDK saw for one request.
#[derive(Debug)]
struct Outcome {
    code: String,
    request_id: Option<String>,
    data: Option<Value>,
}

fn drive_sdk(hmac: &Server, simple: &Server) -> BTreeMap<String, Outcome> {
    let python = python_with_sdk();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("py/sdk_paths.py");
    let stdout = run(Command::new(python)
        .arg(script)
        .env("APICODE_HMAC_ENDPOINT", hmac.url())
        .env("APICODE_SIMPLE_ENDPOINT", simple.url())
        .env("APICODE_KEY_ID", KEY_ID)
        .env("APICODE_SECRET", SECRET));
    stdout
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line)
                .unwrap_or_else(|error| panic!("not a JSON line ({error}): {line}"));
            let case = value["case"].as_str().expect("a case name").to_owned();
            let code = match &value["code"] {
                Value::String(code) => code.clone(),
                other => panic!("{case}: the SDK saw a code that is not a string: {other}"),
            };
            let outcome = Outcome {
                code,
                request_id: value["request_id"].as_str().map(str::to_owned),
                data: value.get("data").cloned(),
            };
            (case, outcome)
        })
        .collect()
}

#[test]
fn official_python_sdk_over_every_path() {
    let hmac = Server::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .secret(SECRET)
            .sms_signature("Acme")
            .template("pub_otp", &["code"])
            .rate_limit(3),
    )
    .unwrap();
    let simple = Server::start(Config::new("127.0.0.1:0", KEY_ID).sms_signature("Acme")).unwrap();

    let outcomes = drive_sdk(&hmac, &simple);

    let expected: &[(&str, SmsError)] = &[
        ("send_text", SmsError::Ok),
        ("send_template", SmsError::Ok),
        ("send_to_many", SmsError::Ok),
        ("unknown_access_key_id", SmsError::InvalidAccessKeyId),
        ("no_access_key_id", SmsError::InvalidAccessKeyId),
        ("missing_signature", SmsError::MissingSignature),
        ("wrong_signature", SmsError::InvalidSignature),
        ("wrong_types", SmsError::InvalidParams),
        ("oversized_body", SmsError::RestrictedParams),
        ("missing_to", SmsError::MissingParams),
        ("missing_text_and_template", SmsError::MissingParams),
        ("not_e164", SmsError::InvalidPhoneNumbers),
        ("missing_sms_signature", SmsError::MissingSmsSignature),
        ("unknown_sms_signature", SmsError::SmsSignatureNotExists),
        ("unknown_template", SmsError::SmsTemplateNotExists),
        ("missing_template_data", SmsError::MissingSmsTemplateData),
        ("within_rate_limit_1", SmsError::Ok),
        ("within_rate_limit_2", SmsError::Ok),
        ("within_rate_limit_3", SmsError::Ok),
        ("over_rate_limit", SmsError::LimitExceed),
        ("simple_mode_send", SmsError::Ok),
        ("simple_mode_unknown_key", SmsError::InvalidAccessKeyId),
    ];
    let cases: BTreeSet<&str> = outcomes.keys().map(String::as_str).collect();
    let wanted: BTreeSet<&str> = expected.iter().map(|(case, _)| *case).collect();
    assert_eq!(cases, wanted, "the script ran every case once");

    let mut request_ids = BTreeSet::new();
    for (case, error) in expected {
        let outcome = &outcomes[*case];
        assert_eq!(
            outcome.code,
            u32::from(*error).to_string(),
            "{case}: expected {} ({})",
            error.message(),
            error.code()
        );
        let id = outcome
            .request_id
            .clone()
            .unwrap_or_else(|| panic!("{case}: the SDK read no x-uni-request-id"));
        request_ids.insert(id);
        if *error == SmsError::Ok {
            let data = outcome.data.as_ref().expect("a success has data");
            assert!(data["messages"][0]["id"].is_string(), "{case}: {data}");
        }
    }
    assert_eq!(request_ids.len(), expected.len(), "request ids are unique");

    let many = outcomes["send_to_many"].data.as_ref().unwrap();
    assert_eq!(many["recipients"], 2);
    assert_eq!(many["messages"][1]["to"], "+6512345678");
    let template = outcomes["send_template"].data.as_ref().unwrap();
    assert_eq!(template["messages"][0]["templateData"]["code"], "2048");
}

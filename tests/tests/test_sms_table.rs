//! `apicode_sms::SmsError` against the reference table `sms/data/sms-codes.tsv`, code by code,
//! and a Unimatrix error body read and written with it.

use apicode::{ApiError, CodeTable};
use apicode_sms::SmsError;
use serde::{Deserialize, Serialize};

const TSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../sms/data/sms-codes.tsv"
));

/// One line of the reference table.
struct Row {
    code: u32,
    message: &'static str,
    status: u16,
    description: &'static str,
}

fn rows() -> Vec<Row> {
    let mut lines = TSV.lines();
    assert_eq!(lines.next(), Some("code\tmessage\tstatus\tdescription"));
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let columns: Vec<&str> = line.split('\t').collect();
            let [code, message, status, description] = columns[..] else {
                panic!("expected 4 tab-separated columns: {line:?}");
            };
            Row {
                code: code.parse().expect("a u32 code"),
                message,
                status: status.parse().expect("a u16 status"),
                description,
            }
        })
        .collect()
}

#[test]
fn the_table_has_25_codes() {
    assert_eq!(rows().len(), 25);
    assert_eq!(SmsError::ENTRIES.len(), 25);
}

#[test]
fn entries_list_the_file_in_order() {
    let from_file: Vec<(u32, &str, u16, &str)> = rows()
        .iter()
        .map(|row| (row.code, row.message, row.status, row.description))
        .collect();
    let from_enum: Vec<(u32, &str, u16, &str)> = SmsError::ENTRIES
        .iter()
        .map(|entry| (entry.code, entry.message, entry.status, entry.detail))
        .collect();
    assert_eq!(from_enum, from_file);
}

#[test]
fn every_code_converts_to_its_variant_and_back() {
    for row in rows() {
        let error = SmsError::from_code(row.code)
            .unwrap_or_else(|| panic!("code {} is not in the enum", row.code));
        assert_eq!(error.code(), row.code);
        assert_eq!(u32::from(error), row.code);
        assert_eq!(SmsError::from(row.code), error, "code {}", row.code);
        assert!(
            !matches!(error, SmsError::Unknown(_)),
            "code {} fell to the catch-all",
            row.code
        );
    }
}

#[test]
fn every_code_has_the_message_status_and_detail_of_the_file() {
    for row in rows() {
        let error = SmsError::from(row.code);
        assert_eq!(error.message(), row.message, "code {}", row.code);
        assert_eq!(error.http_status(), row.status, "code {}", row.code);
        assert_eq!(error.detail(), row.description, "code {}", row.code);
        assert_eq!(error.to_string(), row.description, "code {}", row.code);
    }
}

#[test]
fn every_message_finds_its_variant() {
    for row in rows() {
        let error = SmsError::from_message(row.message)
            .unwrap_or_else(|| panic!("message {} is not in the enum", row.message));
        assert_eq!(error.code(), row.code);
    }
}

#[test]
fn every_entry_is_found_by_its_code() {
    for row in rows() {
        let entry = SmsError::entry(row.code).expect("a declared code");
        assert_eq!(
            (entry.message, entry.status, entry.detail),
            (row.message, row.status, row.description)
        );
    }
}

#[test]
fn every_code_serializes_as_its_decimal_string() {
    for row in rows() {
        let error = SmsError::from(row.code);
        let json = format!("\"{}\"", row.code);
        assert_eq!(serde_json::to_string(&error).ok(), Some(json.clone()));
        assert_eq!(serde_json::from_str::<SmsError>(&json).ok(), Some(error));
    }
}

#[test]
fn every_code_deserializes_from_an_integer_and_from_its_message() {
    for row in rows() {
        let error = SmsError::from(row.code);
        let by_number: SmsError = serde_json::from_str(&row.code.to_string()).expect("a code");
        assert_eq!(by_number, error);
        let by_message: SmsError =
            serde_json::from_str(&format!("\"{}\"", row.message)).expect("a message");
        assert_eq!(by_message, error);
    }
}

#[test]
fn an_unknown_code_is_kept() {
    let error = SmsError::from(104_999);
    assert_eq!(error, SmsError::Unknown(104_999));
    assert_eq!(error.code(), 104_999);
    assert_eq!(error.message(), "Unknown");
    assert_eq!(error.http_status(), 500);
    // The catch-all's sentence is the enum's own, not the file's; its Display names the code.
    assert_eq!(
        error.to_string(),
        format!("{} (code 104999)", error.detail())
    );
    assert!(SmsError::from_code(104_999).is_none());
    assert_eq!(
        serde_json::to_string(&error).ok(),
        Some(r#""104999""#.to_owned())
    );
    assert_eq!(
        serde_json::from_str::<SmsError>(r#""104999""#).ok(),
        Some(error)
    );
}

/// An error body of the Unimatrix API.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct ErrorBody {
    code: SmsError,
    message: String,
}

#[test]
fn a_unimatrix_error_body_reads_and_writes_back_identically() {
    let json = r#"{"code":"104202","message":"InvalidSignatureTimestamp"}"#;
    let body: ErrorBody = serde_json::from_str(json).expect("a valid body");
    assert_eq!(body.code, SmsError::InvalidSignatureTimestamp);
    assert_eq!(body.code.http_status(), 401);
    assert_eq!(body.message, body.code.message());
    assert_eq!(serde_json::to_string(&body).ok().as_deref(), Some(json));
}

#[test]
fn a_unimatrix_success_body_reads_as_ok() {
    let body: ErrorBody =
        serde_json::from_str(r#"{"code":"0","message":"Success"}"#).expect("a valid body");
    assert_eq!(body.code, SmsError::Ok);
    assert_eq!(body.code.http_status(), 200);
}

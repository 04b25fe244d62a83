//! The sending service's table against the shared SMS table it is built on.

use apicode::{ApiError, CodeTable, UnknownCode};
use apicode_sender::SendError;
use apicode_sms::SmsError;

#[test]
fn own_codes_keep_their_own_entry() {
    let error = SendError::RecipientSuppressed {
        to: "+12065550100".into(),
    };
    assert_eq!(error.code(), 200_001);
    assert_eq!(error.message(), "RecipientSuppressed");
    assert_eq!(error.http_status(), 422);
    assert_eq!(
        error.detail(),
        "The recipient asked not to receive messages"
    );
    assert_eq!(
        error.to_string(),
        "+12065550100 asked not to receive messages"
    );
}

#[test]
fn a_reused_entry_takes_code_message_detail_and_status_from_the_shared_table() {
    let error = SendError::InvalidPhoneNumber {
        number: "12345".into(),
    };
    let shared = SmsError::InvalidPhoneNumbers;
    assert_eq!(error.code(), shared.code());
    assert_eq!(error.message(), shared.message());
    assert_eq!(error.detail(), shared.detail());
    assert_eq!(error.http_status(), shared.http_status());
    // Display is the variant's own format, over its own field.
    assert_eq!(error.to_string(), "invalid phone number: 12345");
}

#[test]
fn a_transparent_table_delegates_everything() {
    let inner = SmsError::InvalidSignatureTimestamp;
    let error = SendError::from(inner);
    assert_eq!(error, SendError::Upstream(inner));
    assert_eq!(error.code(), 104_202);
    assert_eq!(error.message(), "InvalidSignatureTimestamp");
    assert_eq!(error.detail(), inner.detail());
    assert_eq!(error.http_status(), 401);
    assert_eq!(error.to_string(), inner.to_string());
    assert!(std::error::Error::source(&error).is_none());

    let unknown = SendError::Upstream(SmsError::Unknown(999_999));
    assert_eq!(unknown.code(), 999_999);
    assert_eq!(unknown.message(), "Unknown");
}

#[test]
fn question_mark_turns_a_shared_error_into_the_service_error() {
    fn upstream() -> Result<(), SmsError> {
        Err(SmsError::InsufficientFunds)
    }
    fn send() -> Result<(), SendError> {
        upstream()?;
        Ok(())
    }
    assert_eq!(
        send(),
        Err(SendError::Upstream(SmsError::InsufficientFunds))
    );
}

#[test]
fn entries_flatten_the_shared_table_in_place_with_reused_codes_once() {
    let entries = SendError::ENTRIES;
    assert_eq!(entries.len(), 2 + SmsError::ENTRIES.len());
    assert_eq!(entries[0].code, 200_001);
    assert_eq!(entries[1].code, 200_002);
    // The reusing variant's place holds the reused entry...
    assert_eq!(entries[2], SmsError::entry(107_111).copied().unwrap());
    // ...and the shared table follows, in its own order, without that code.
    let rest: Vec<u32> = entries[3..].iter().map(|entry| entry.code).collect();
    let expected: Vec<u32> = SmsError::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .filter(|code| *code != 107_111)
        .collect();
    assert_eq!(rest, expected);
    let mut codes: Vec<u32> = entries.iter().map(|entry| entry.code).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), entries.len(), "every code is listed once");
}

#[test]
fn lookups_try_own_codes_then_reused_entries_then_the_transparent_table() {
    assert!(matches!(
        SendError::from_code(200_002),
        Some(SendError::MessageTooLong)
    ));
    // Reached both through the reused entry and the transparent table: the reusing variant wins.
    assert_eq!(
        SendError::from_code(107_111),
        Some(SendError::InvalidPhoneNumber {
            number: String::new()
        })
    );
    assert_eq!(
        SendError::from_message("InvalidPhoneNumbers"),
        Some(SendError::InvalidPhoneNumber {
            number: String::new()
        })
    );
    assert_eq!(
        SendError::from_code(105_400),
        Some(SendError::Upstream(SmsError::InsufficientFunds))
    );
    assert_eq!(
        SendError::from_message("LimitExceed"),
        Some(SendError::Upstream(SmsError::LimitExceed))
    );
    // The shared table's catch-all is never a lookup result.
    assert_eq!(SendError::from_code(999_999), None);
    assert_eq!(
        SendError::try_from(999_999),
        Err(UnknownCode::new(999_999, "SendError"))
    );
}

#[test]
fn serde_uses_the_outer_setting_for_every_variant() {
    let cases = [
        (SendError::MessageTooLong, "\"200002\""),
        (
            SendError::InvalidPhoneNumber {
                number: String::new(),
            },
            "\"107111\"",
        ),
        (SendError::Upstream(SmsError::Ok), "\"0\""),
        (SendError::Upstream(SmsError::Unknown(42)), "\"42\""),
    ];
    for (error, json) in cases {
        assert_eq!(serde_json::to_string(&error).unwrap(), json);
    }
    let read: SendError = serde_json::from_str("\"104202\"").unwrap();
    assert_eq!(
        read,
        SendError::Upstream(SmsError::InvalidSignatureTimestamp)
    );
    let read: SendError = serde_json::from_str("107111").unwrap();
    assert!(matches!(read, SendError::InvalidPhoneNumber { .. }));
    let read: SendError = serde_json::from_str("\"RecipientSuppressed\"").unwrap();
    assert!(matches!(read, SendError::RecipientSuppressed { .. }));
    let error = serde_json::from_str::<SendError>("\"999999\"").unwrap_err();
    assert!(
        error.to_string().contains("unknown SendError code 999999"),
        "{error}"
    );
}

#[test]
fn the_ranges_are_part_of_the_tables() {
    let own = SendError::RANGE.unwrap();
    let shared = SmsError::RANGE.unwrap();
    assert_eq!((own.start, own.end), (200_000, 200_999));
    assert!(!own.overlaps(&shared));
}

#[test]
fn the_flattened_table_renders_as_markdown_and_json() {
    let markdown = apicode::table::markdown::<SendError>();
    // The line that says how errors travel, a blank line, the header, the rule, the rows.
    assert_eq!(markdown.lines().count(), 4 + SendError::ENTRIES.len());
    assert!(markdown.contains(
        "| 200001 | RecipientSuppressed | 422 | The recipient asked not to receive messages |"
    ));
    assert!(markdown.contains("| 104202 | InvalidSignatureTimestamp | 401 |"));

    let json: serde_json::Value =
        serde_json::from_str(&apicode::table::json::<SendError>()).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), SendError::ENTRIES.len());
    assert_eq!(
        rows[0],
        serde_json::json!({
            "code": 200_001,
            "message": "RecipientSuppressed",
            "detail": "The recipient asked not to receive messages",
            "status": 422,
            "help": null,
            "retryable": false,
            "retry_after": null
        })
    );
    // The runtime's JSON and serde's view of ENTRIES agree.
    assert_eq!(json, serde_json::to_value(SendError::ENTRIES).unwrap());
}

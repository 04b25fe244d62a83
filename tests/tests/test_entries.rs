//! The table as data: `CodeTable::ENTRIES`, `NAME`, `entry`, `Entry`'s serde form, and the
//! Markdown renderer.

use apicode::{ApiError, CodeTable, Entry};

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Auth {
    /// Missing access key
    #[code(104110, "MissingAccessKeyId", status = 401)]
    MissingAccessKeyId,
    #[code(other)]
    Unknown(u32),
    /// Invalid signature. Please refer to the
    /// API reference | signing
    #[code(104201, "InvalidSignature", status = 401)]
    #[error("signature {0:?} does not match")]
    InvalidSignature(String),
    #[code(9, "Nine")]
    Nine,
    /// Restricted
    #[code(
        104003,
        "RestrictedParams",
        detail = "Restricted parameters",
        status = 403
    )]
    #[error("restricted: {}", .names.join(", "))]
    RestrictedParams { names: Vec<String> },
}

#[test]
fn entries_follow_declaration_order_without_the_catch_all() {
    let codes: Vec<u32> = Auth::ENTRIES.iter().map(|entry| entry.code).collect();
    assert_eq!(codes, [104_110, 104_201, 9, 104_003]);
}

#[test]
fn entries_hold_message_detail_and_status() {
    assert_eq!(
        Auth::ENTRIES,
        [
            Entry::new(104_110, "MissingAccessKeyId", "Missing access key", 401),
            Entry::new(
                104_201,
                "InvalidSignature",
                "Invalid signature. Please refer to the API reference | signing",
                401
            ),
            Entry::new(9, "Nine", "Nine", 400),
            Entry::new(104_003, "RestrictedParams", "Restricted parameters", 403),
        ]
    );
}

#[test]
fn entries_agree_with_the_variants() {
    let variants = [
        Auth::MissingAccessKeyId,
        Auth::InvalidSignature("x".into()),
        Auth::Nine,
        Auth::RestrictedParams {
            names: vec!["to".into()],
        },
    ];
    for (entry, variant) in Auth::ENTRIES.iter().zip(&variants) {
        assert_eq!(entry.code, variant.code());
        assert_eq!(entry.message, variant.message());
        assert_eq!(entry.detail, variant.detail());
        assert_eq!(entry.status, variant.http_status());
    }
}

#[test]
fn entries_are_usable_in_a_const() {
    const FIRST: Entry = Auth::ENTRIES[0];
    const COUNT: usize = Auth::ENTRIES.len();
    assert_eq!(FIRST.code, 104_110);
    assert_eq!(COUNT, 4);
}

#[test]
fn name_is_the_enum_name() {
    assert_eq!(Auth::NAME, "Auth");
}

#[test]
fn entry_finds_a_declared_code() {
    let entry = Auth::entry(104_201).expect("a declared code");
    assert_eq!(entry.message, "InvalidSignature");
    assert_eq!(Auth::entry(9).map(|entry| entry.status), Some(400));
}

#[test]
fn entry_is_none_for_an_undeclared_code() {
    assert!(Auth::entry(7).is_none());
    assert!(Auth::entry(u32::MAX).is_none());
}

#[test]
fn entry_serializes_as_a_map_with_its_guidance() {
    let json = serde_json::to_value(Auth::ENTRIES[0]).expect("serializable");
    assert_eq!(
        json,
        serde_json::json!({
            "code": 104_110,
            "message": "MissingAccessKeyId",
            "detail": "Missing access key",
            "status": 401,
            "help": null,
            "retryable": false,
            "retry_after": null,
        })
    );
    assert_eq!(
        serde_json::to_string(&Auth::ENTRIES[2]).ok().as_deref(),
        Some(
            r#"{"code":9,"message":"Nine","detail":"Nine","status":400,"help":null,"retryable":false,"retry_after":null}"#
        )
    );
}

#[test]
fn the_whole_table_serializes_as_a_list_of_maps() {
    let json = serde_json::to_value(Auth::ENTRIES).expect("serializable");
    let messages: Vec<&str> = json
        .as_array()
        .expect("a list")
        .iter()
        .map(|entry| entry["message"].as_str().expect("a message"))
        .collect();
    assert_eq!(
        messages,
        [
            "MissingAccessKeyId",
            "InvalidSignature",
            "Nine",
            "RestrictedParams"
        ]
    );
}

#[test]
fn markdown_renders_one_row_per_entry_and_escapes_pipes() {
    assert_eq!(
        apicode::table::markdown::<Auth>(),
        "Errors answer `{\"code\": <code>, \"message\": <message>}` under the code's HTTP status, application/json.\n\n\
         | code | message | status | detail |\n\
         | ---: | --- | ---: | --- |\n\
         | 104110 | MissingAccessKeyId | 401 | Missing access key |\n\
         | 104201 | InvalidSignature | 401 | Invalid signature. Please refer to the API reference \\| signing |\n\
         | 9 | Nine | 400 | Nine *(no detail: the message stands in)* |\n\
         | 104003 | RestrictedParams | 403 | Restricted parameters |\n"
    );
}

#[test]
fn an_entry_without_doc_comment_or_detail_key_is_flagged() {
    let flagged: Vec<u32> = Auth::ENTRIES
        .iter()
        .filter(|entry| entry.detail_is_message())
        .map(|entry| entry.code)
        .collect();
    assert_eq!(flagged, [9]);
}

/// A table that is only a catch-all: no entries, every code kept.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(serde = "string", status = 502)]
enum Opaque {
    /// A code from upstream
    #[code(other)]
    Code(u32),
}

#[test]
fn a_table_with_only_a_catch_all_has_no_entries() {
    assert!(Opaque::ENTRIES.is_empty());
    assert!(Opaque::entry(0).is_none());
    assert!(Opaque::from_code(0).is_none());
    assert_eq!(Opaque::from(0), Opaque::Code(0));
    assert_eq!(Opaque::Code(5).to_string(), "A code from upstream (code 5)");
    assert_eq!(Opaque::Code(5).http_status(), 502);
    assert_eq!(
        serde_json::to_string(&Opaque::Code(5)).ok().as_deref(),
        Some(r#""5""#)
    );
    assert_eq!(
        serde_json::from_str::<Opaque>("5").ok(),
        Some(Opaque::Code(5))
    );
    assert_eq!(
        apicode::table::markdown::<Opaque>(),
        "Errors answer `{\"code\": <code>, \"message\": <message>}` under the code's HTTP status, application/json.\n\n| code | message | status | detail |\n| ---: | --- | ---: | --- |\n"
    );
}

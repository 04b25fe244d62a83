//! `Serialize` and `Deserialize`: the code as a number or as a decimal string, what Deserialize
//! accepts and refuses, the catch-all, enums inside serde-derived structs, and formats that are
//! not human readable.

use std::collections::BTreeMap;
use std::io;

use apicode::ApiError;
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Number mode (the default), with a catch-all.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, ApiError)]
enum Num {
    /// Ok
    #[code(0, "Ok")]
    Ok,
    /// Invalid signature timestamp
    #[code(104202, "InvalidSignatureTimestamp")]
    InvalidSignatureTimestamp,
    /// Largest code
    #[code(4_294_967_295, "Max")]
    Max,
    /// With a field that has a default
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone number {0:?}")]
    InvalidPhoneNumbers(String),
    #[code(other)]
    Unknown(u32),
}

/// String mode, with a catch-all.
#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(serde = "string")]
enum Str {
    /// Ok
    #[code(0, "Ok")]
    Ok,
    /// Invalid signature timestamp
    #[code(104202, "InvalidSignatureTimestamp")]
    InvalidSignatureTimestamp,
    /// Largest code
    #[code(4_294_967_295, "Max")]
    Max,
    /// With a field that has a default
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone number {number:?}")]
    InvalidPhoneNumbers { number: String },
    #[code(other)]
    Unknown { code: u32 },
}

/// Number mode written out explicitly, without a catch-all.
#[derive(Debug, PartialEq, Eq, ApiError)]
#[api_error(serde = "number")]
enum NumClosed {
    /// One
    #[code(1, "One")]
    One,
    /// Two
    #[code(2, "Two")]
    Two,
}

/// String mode without a catch-all.
#[derive(Debug, PartialEq, Eq, ApiError)]
#[api_error(serde = "string")]
enum StrClosed {
    /// One
    #[code(1, "One")]
    One,
    /// Two
    #[code(2, "Two")]
    Two,
}

/// A variant that cannot be built from its code alone, with and without a catch-all.
#[derive(Debug, ApiError)]
enum IoOpen {
    /// Ready
    #[code(1, "Ready")]
    Ready,
    /// I/O failed
    #[code(2, "Io")]
    Io(#[from] io::Error),
    #[code(other)]
    Unknown(u32),
}

#[derive(Debug, ApiError)]
enum IoClosed {
    /// Ready
    #[code(1, "Ready")]
    Ready,
    /// I/O failed
    #[code(2, "Io")]
    Io(#[from] io::Error),
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("serializable")
}

fn from_json<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, String> {
    serde_json::from_str(json).map_err(|error| error.to_string())
}

#[test]
fn number_mode_serializes_the_code_as_an_integer() {
    assert_eq!(to_json(&Num::Ok), "0");
    assert_eq!(to_json(&Num::InvalidSignatureTimestamp), "104202");
    assert_eq!(to_json(&Num::Max), "4294967295");
    assert_eq!(to_json(&Num::InvalidPhoneNumbers("+1".into())), "107111");
    assert_eq!(to_json(&NumClosed::Two), "2");
}

#[test]
fn string_mode_serializes_the_code_as_a_decimal_string() {
    assert_eq!(to_json(&Str::Ok), r#""0""#);
    assert_eq!(to_json(&Str::InvalidSignatureTimestamp), r#""104202""#);
    assert_eq!(to_json(&Str::Max), r#""4294967295""#);
    assert_eq!(
        to_json(&Str::InvalidPhoneNumbers {
            number: "+1".into()
        }),
        r#""107111""#
    );
    assert_eq!(to_json(&StrClosed::Two), r#""2""#);
}

#[test]
fn catch_all_serializes_the_code_it_holds_in_either_mode() {
    assert_eq!(to_json(&Num::Unknown(7)), "7");
    assert_eq!(to_json(&Num::Unknown(u32::MAX - 1)), "4294967294");
    assert_eq!(to_json(&Str::Unknown { code: 7 }), r#""7""#);
    assert_eq!(to_json(&Str::Unknown { code: 0 }), r#""0""#);
    assert_eq!(
        to_json(&Str::Unknown { code: u32::MAX - 1 }),
        r#""4294967294""#
    );
}

#[test]
fn number_mode_deserializes_an_integer_a_decimal_string_and_a_message() {
    for json in ["104202", r#""104202""#, r#""InvalidSignatureTimestamp""#] {
        assert_eq!(
            from_json::<Num>(json),
            Ok(Num::InvalidSignatureTimestamp),
            "{json}"
        );
    }
    assert_eq!(from_json::<Num>("4294967295"), Ok(Num::Max));
    assert_eq!(from_json::<Num>(r#""0""#), Ok(Num::Ok));
    assert_eq!(from_json::<NumClosed>(r#""Two""#), Ok(NumClosed::Two));
}

#[test]
fn string_mode_deserializes_an_integer_a_decimal_string_and_a_message() {
    for json in ["104202", r#""104202""#, r#""InvalidSignatureTimestamp""#] {
        assert_eq!(
            from_json::<Str>(json),
            Ok(Str::InvalidSignatureTimestamp),
            "{json}"
        );
    }
    assert_eq!(from_json::<Str>(r#""4294967295""#), Ok(Str::Max));
    assert_eq!(from_json::<Str>("0"), Ok(Str::Ok));
    assert_eq!(from_json::<StrClosed>("2"), Ok(StrClosed::Two));
}

#[test]
fn deserializing_a_variant_with_fields_defaults_them() {
    assert_eq!(
        from_json::<Num>("107111"),
        Ok(Num::InvalidPhoneNumbers(String::new()))
    );
    assert_eq!(
        from_json::<Str>(r#""InvalidPhoneNumbers""#),
        Ok(Str::InvalidPhoneNumbers {
            number: String::new()
        })
    );
}

#[test]
fn every_variant_round_trips_in_both_modes() {
    let numbers = [
        Num::Ok,
        Num::InvalidSignatureTimestamp,
        Num::Max,
        Num::InvalidPhoneNumbers(String::new()),
        Num::Unknown(7),
        Num::Unknown(104_203),
    ];
    for value in numbers {
        assert_eq!(from_json::<Num>(&to_json(&value)), Ok(value.clone()));
    }
    let strings = [
        Str::Ok,
        Str::InvalidSignatureTimestamp,
        Str::Max,
        Str::InvalidPhoneNumbers {
            number: String::new(),
        },
        Str::Unknown { code: 7 },
        Str::Unknown { code: 104_203 },
    ];
    for value in strings {
        assert_eq!(from_json::<Str>(&to_json(&value)), Ok(value.clone()));
    }
}

#[test]
fn with_a_catch_all_an_unknown_code_becomes_the_catch_all() {
    assert_eq!(from_json::<Num>("7"), Ok(Num::Unknown(7)));
    assert_eq!(from_json::<Num>(r#""7""#), Ok(Num::Unknown(7)));
    assert_eq!(from_json::<Str>("7"), Ok(Str::Unknown { code: 7 }));
    assert_eq!(
        from_json::<Str>(r#""104203""#),
        Ok(Str::Unknown { code: 104_203 })
    );
    assert_eq!(
        from_json::<Str>("4294967294"),
        Ok(Str::Unknown {
            code: 4_294_967_294
        })
    );
}

#[test]
fn without_a_catch_all_an_unknown_code_is_an_error_naming_type_and_code() {
    for json in ["7", r#""7""#] {
        let error = from_json::<NumClosed>(json).unwrap_err();
        assert!(error.contains("NumClosed"), "{json}: {error}");
        assert!(error.contains('7'), "{json}: {error}");
    }
    let error = from_json::<StrClosed>(r#""104203""#).unwrap_err();
    assert!(
        error.contains("StrClosed") && error.contains("104203"),
        "{error}"
    );
    let error = from_json::<StrClosed>("0").unwrap_err();
    assert!(
        error.contains("StrClosed") && error.contains('0'),
        "{error}"
    );
}

#[test]
fn an_unknown_message_is_an_error_in_every_table() {
    for json in [
        r#""Nope""#,
        r#""invalidsignaturetimestamp""#,
        r#""Unknown""#,
    ] {
        assert!(from_json::<Num>(json).is_err(), "{json}");
        assert!(from_json::<Str>(json).is_err(), "{json}");
    }
    let error = from_json::<StrClosed>(r#""Three""#).unwrap_err();
    assert!(
        error.contains("StrClosed") && error.contains("Three"),
        "{error}"
    );
}

/// JSON values that are no code, in any table.
const MALFORMED: &[&str] = &[
    // Numbers that are no u32.
    "-5",
    "-1",
    "5.0",
    "5.5",
    "1e3",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    // Strings that are no decimal code.
    r#""-5""#,
    r#""+5""#,
    r#"" 5""#,
    r#""5 ""#,
    r#""5\n""#,
    r#""""#,
    r#""1e3""#,
    r#""0x10""#,
    r#""5.0""#,
    r#""1_000""#,
    r#""٥""#,
    r#""4294967296""#,
    r#""99999999999999999999999999""#,
    // Other JSON values.
    "null",
    "true",
    "[]",
    "[104202]",
    "{}",
    r#"{"code":104202}"#,
];

#[test]
fn malformed_codes_are_errors_with_a_catch_all() {
    for json in MALFORMED {
        assert!(from_json::<Num>(json).is_err(), "Num accepted {json}");
        assert!(from_json::<Str>(json).is_err(), "Str accepted {json}");
    }
}

#[test]
fn malformed_codes_are_errors_without_a_catch_all() {
    for json in MALFORMED {
        assert!(
            from_json::<NumClosed>(json).is_err(),
            "NumClosed accepted {json}"
        );
        assert!(
            from_json::<StrClosed>(json).is_err(),
            "StrClosed accepted {json}"
        );
    }
}

#[test]
fn a_code_that_cannot_be_built_becomes_the_catch_all() {
    let value: IoOpen = serde_json::from_str("2").expect("the catch-all");
    assert!(matches!(value, IoOpen::Unknown(2)));
    let value: IoOpen = serde_json::from_str(r#""Ready""#).expect("a unit variant");
    assert!(matches!(value, IoOpen::Ready));
}

#[test]
fn a_message_that_cannot_be_built_becomes_the_catch_all_holding_its_code() {
    // A message stands for its code, which then converts as `From<u32>` does.
    let value: IoOpen = serde_json::from_str(r#""Io""#).expect("the catch-all");
    assert!(matches!(value, IoOpen::Unknown(2)));
}

#[test]
fn a_code_that_cannot_be_built_is_an_error_without_a_catch_all() {
    let error = serde_json::from_str::<IoClosed>("2")
        .unwrap_err()
        .to_string();
    assert!(error.contains("IoClosed") && error.contains('2'), "{error}");
    assert!(serde_json::from_str::<IoClosed>(r#""2""#).is_err());
    assert!(serde_json::from_str::<IoClosed>(r#""Io""#).is_err());
}

#[test]
fn a_variant_with_a_source_serializes_its_code() {
    let value = IoClosed::from(io::Error::other("disk"));
    assert_eq!(to_json(&value), "2");
}

#[test]
fn json_values_convert_both_ways() {
    assert_eq!(
        serde_json::to_value(Str::InvalidSignatureTimestamp).ok(),
        Some(json!("104202"))
    );
    assert_eq!(
        serde_json::to_value(Num::InvalidSignatureTimestamp).ok(),
        Some(json!(104_202))
    );
    assert_eq!(
        serde_json::from_value::<Str>(json!(104_202)).ok(),
        Some(Str::InvalidSignatureTimestamp)
    );
    assert_eq!(
        serde_json::from_value::<Num>(json!("InvalidSignatureTimestamp")).ok(),
        Some(Num::InvalidSignatureTimestamp)
    );
    assert!(serde_json::from_value::<Num>(json!(-1)).is_err());
}

/// An error body such as the Unimatrix API sends.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Body {
    code: Str,
    message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    cause: Option<Num>,
    #[serde(default)]
    history: Vec<Num>,
}

#[test]
fn an_enum_field_of_a_derived_struct_reads_and_writes_its_own_form() {
    let json = r#"{"code":"104202","message":"InvalidSignatureTimestamp","cause":7,"history":[0,"104202","Max"]}"#;
    let body: Body = serde_json::from_str(json).expect("a valid body");
    assert_eq!(
        body,
        Body {
            code: Str::InvalidSignatureTimestamp,
            message: "InvalidSignatureTimestamp".into(),
            cause: Some(Num::Unknown(7)),
            history: vec![Num::Ok, Num::InvalidSignatureTimestamp, Num::Max],
        }
    );
    assert_eq!(
        to_json(&body),
        r#"{"code":"104202","message":"InvalidSignatureTimestamp","cause":7,"history":[0,104202,4294967295]}"#
    );
}

#[test]
fn an_invalid_enum_field_fails_the_whole_struct() {
    let error = serde_json::from_str::<Body>(r#"{"code":"-1","message":"x"}"#).unwrap_err();
    assert!(error.is_data(), "{error}");
    let error = serde_json::from_str::<Body>(r#"{"code":"0","message":"x","cause":1.5}"#);
    assert!(error.is_err());
}

/// The same body behind serde's buffering paths: flattened and untagged.
#[derive(Debug, PartialEq, Deserialize)]
struct Envelope {
    #[serde(flatten)]
    body: Reply,
    request_id: String,
}

#[derive(Debug, PartialEq, Deserialize)]
#[serde(untagged)]
enum Reply {
    Failure { code: Str, message: String },
    Raw(serde_json::Value),
}

#[test]
fn an_enum_field_reads_through_flatten_and_untagged() {
    let json = r#"{"code":"104202","message":"InvalidSignatureTimestamp","request_id":"r1"}"#;
    let envelope: Envelope = serde_json::from_str(json).expect("a valid envelope");
    assert_eq!(
        envelope.body,
        Reply::Failure {
            code: Str::InvalidSignatureTimestamp,
            message: "InvalidSignatureTimestamp".into()
        }
    );
    assert_eq!(envelope.request_id, "r1");

    let reply: Reply = serde_json::from_str(r#"{"code":7,"message":"?"}"#).expect("a reply");
    assert_eq!(
        reply,
        Reply::Failure {
            code: Str::Unknown { code: 7 },
            message: "?".into()
        }
    );
    // A malformed code is refused by the first variant, so the value falls to the second.
    let reply: Reply = serde_json::from_str(r#"{"code":"-7","message":"?"}"#).expect("a reply");
    assert!(matches!(reply, Reply::Raw(_)));
}

#[test]
fn an_enum_works_as_a_map_key() {
    let mut counts = BTreeMap::new();
    counts.insert(Num::InvalidSignatureTimestamp, 3);
    counts.insert(Num::Unknown(7), 1);
    let json = to_json(&counts);
    assert_eq!(json, r#"{"104202":3,"7":1}"#);
    let back: BTreeMap<Num, u32> = serde_json::from_str(&json).expect("the same map");
    assert_eq!(back, counts);
}

#[test]
fn bincode_writes_the_number_mode_as_a_u32() {
    let bytes = bincode::serialize(&Num::InvalidSignatureTimestamp).expect("serializable");
    assert_eq!(
        bytes,
        bincode::serialize(&104_202_u32).expect("serializable")
    );
    let bytes = bincode::serialize(&Num::Unknown(7)).expect("serializable");
    assert_eq!(bytes, bincode::serialize(&7_u32).expect("serializable"));
}

#[test]
fn bincode_writes_the_string_mode_as_a_decimal_string() {
    let bytes = bincode::serialize(&Str::InvalidSignatureTimestamp).expect("serializable");
    assert_eq!(bytes, bincode::serialize("104202").expect("serializable"));
    let bytes = bincode::serialize(&Str::Unknown { code: 7 }).expect("serializable");
    assert_eq!(bytes, bincode::serialize("7").expect("serializable"));
}

#[test]
fn bincode_round_trips_in_both_modes() {
    for value in [
        Num::Ok,
        Num::Max,
        Num::InvalidPhoneNumbers(String::new()),
        Num::Unknown(9),
    ] {
        let bytes = bincode::serialize(&value).expect("serializable");
        assert_eq!(bincode::deserialize::<Num>(&bytes).ok(), Some(value));
    }
    for value in [Str::Ok, Str::Max, Str::Unknown { code: 9 }] {
        let bytes = bincode::serialize(&value).expect("serializable");
        assert_eq!(bincode::deserialize::<Str>(&bytes).ok(), Some(value));
    }
    let bytes = bincode::serialize(&NumClosed::Two).expect("serializable");
    assert_eq!(
        bincode::deserialize::<NumClosed>(&bytes).ok(),
        Some(NumClosed::Two)
    );
}

#[test]
fn bincode_reads_the_declared_form_only() {
    // A u32 is four bytes: too short for a string's length prefix.
    let bytes = bincode::serialize(&104_202_u32).expect("serializable");
    assert!(bincode::deserialize::<Str>(&bytes).is_err());
    // A string where a u32 is declared reads as garbage, never as the code it spells.
    let bytes = bincode::serialize("104202").expect("serializable");
    assert_ne!(
        bincode::deserialize::<Num>(&bytes).ok(),
        Some(Num::InvalidSignatureTimestamp)
    );
}

#[test]
fn bincode_refuses_an_unknown_code_without_a_catch_all() {
    let bytes = bincode::serialize(&7_u32).expect("serializable");
    let error = bincode::deserialize::<NumClosed>(&bytes)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("NumClosed") && error.contains('7'),
        "{error}"
    );
    let bytes = bincode::serialize("7").expect("serializable");
    assert!(bincode::deserialize::<StrClosed>(&bytes).is_err());
    let bytes = bincode::serialize("-1").expect("serializable");
    assert!(bincode::deserialize::<Str>(&bytes).is_err());
}

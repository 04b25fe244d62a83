//! The answer reader never panics and accepts nothing but the API's answers.
//!
//! Arbitrary statuses, content types and bodies (envelopes built from odd parts, then often cut,
//! padded or replaced by HTML or random bytes) go to `Reader::read` with the SMS table, and the
//! result is checked against an oracle written here from the documented rules, on the body
//! parsed as a `serde_json::Value`: what must be `Ok(Ok(data))`, what `Ok(Err(error))`, and which
//! kind of `ClientError` the rest is.
//!
//! `PROPTEST_CASES` sets the number of cases (default 10,000) and `PROPTEST_RNG_SEED` the seed
//! (default fixed, so that CI runs are reproducible).

use std::cell::Cell;

use apicode::CodeTable;
use apicode::client::{ClientErrorKind, Reader};
use apicode_sms::SmsError;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde::Deserialize;
use serde_json::{Map, Value, json};

#[derive(Debug, PartialEq, Deserialize)]
struct Sent {
    recipients: u32,
}

/// What a content type announces, as the documentation lists them.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Json,
    Problem,
    Other,
}

const CONTENT_TYPES: &[(Option<&str>, Class)] = &[
    (None, Class::Json),
    (Some(""), Class::Json),
    (Some("application/json"), Class::Json),
    (Some("application/json; charset=utf-8"), Class::Json),
    (Some("APPLICATION/JSON"), Class::Json),
    (Some("text/json"), Class::Json),
    (Some("application/vnd.unimatrix+json"), Class::Json),
    (Some("application/problem+json"), Class::Problem),
    (
        Some("application/problem+json;charset=utf-8"),
        Class::Problem,
    ),
    (Some("text/html"), Class::Other),
    (Some("text/html; charset=utf-8"), Class::Other),
    (Some("text/plain"), Class::Other),
    (Some("application/xml"), Class::Other),
    (Some("application/octet-stream"), Class::Other),
    (Some("json"), Class::Other),
    (Some("application/jsonx"), Class::Other),
];

/// A code as an API might (or should never) send it.
fn code() -> impl Strategy<Value = Value> {
    let declared = prop::sample::select(SmsError::ENTRIES);
    prop_oneof![
        Just(json!("0")),
        Just(json!(0)),
        declared
            .clone()
            .prop_map(|entry| json!(entry.code.to_string())),
        declared.clone().prop_map(|entry| json!(entry.code)),
        declared.prop_map(|entry| json!(entry.message)),
        any::<u32>().prop_map(|code| json!(code.to_string())),
        any::<u64>().prop_map(|code| json!(code)),
        any::<i64>().prop_map(|code| json!(code)),
        (-1e12f64..1e12).prop_map(|code| json!(code)),
        any::<bool>().prop_map(|code| json!(code)),
        Just(Value::Null),
        "[0-9 +.-]{0,12}".prop_map(|code| json!(code)),
        "\\PC{0,10}".prop_map(|code| json!(code)),
        Just(json!(["0"])),
        Just(json!({"code": "0"})),
    ]
}

/// A JSON value of any shape, small.
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,6}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::from),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..3)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// An envelope assembled from parts, each of which may be missing or odd.
fn envelope() -> impl Strategy<Value = Value> {
    let message = prop_oneof![
        "\\PC{0,10}".prop_map(Value::from),
        Just(Value::Null),
        any::<i32>().prop_map(Value::from),
    ];
    let data = prop_oneof![
        any::<u32>().prop_map(|recipients| json!({"recipients": recipients, "messages": []})),
        Just(json!({"recipients": "one"})),
        Just(json!({})),
        any_value(),
    ];
    let extra = prop::collection::btree_map(
        prop::sample::select(vec![
            "detail",
            "type",
            "status",
            "requestId",
            "Code",
            "codes",
        ]),
        any_value(),
        0..3,
    );
    (
        prop::option::weighted(0.9, code()),
        prop::option::of(message),
        prop::option::weighted(0.7, data),
        extra,
    )
        .prop_map(|(code, message, data, extra)| {
            let mut object: Map<String, Value> = extra
                .into_iter()
                .map(|(key, value)| (key.to_owned(), value))
                .collect();
            for (key, value) in [("code", code), ("message", message), ("data", data)] {
                if let Some(value) = value {
                    object.insert(key.to_owned(), value);
                }
            }
            Value::Object(object)
        })
}

/// A success as the API sends it, with members a client must ignore.
fn success() -> impl Strategy<Value = Value> {
    let code = prop::sample::select(vec![json!("0"), json!(0), json!("Ok")]);
    (code, any::<u32>(), any_value()).prop_map(|(code, recipients, extra)| {
        json!({"code": code, "message": "Success", "data": {"recipients": recipients}, "x": extra})
    })
}

/// A body: an envelope or any value, written as JSON, and then perhaps mangled.
fn body() -> impl Strategy<Value = Vec<u8>> {
    let document = prop_oneof![3 => success(), 4 => envelope(), 1 => any_value()];
    let text = document.prop_map(|value| serde_json::to_vec(&value).unwrap());
    prop_oneof![
        6 => text.clone(),
        2 => (text.clone(), any::<prop::sample::Index>()).prop_map(|(text, cut)| {
            let at = cut.index(text.len() + 1);
            text[..at].to_vec()
        }),
        1 => (text, "[ a-z,}\\]]{1,4}").prop_map(|(mut text, tail)| {
            text.extend_from_slice(tail.as_bytes());
            text
        }),
        1 => Just(b"<html><body><h1>502 Bad Gateway</h1></body></html>".to_vec()),
        1 => prop::collection::vec(any::<u8>(), 0..64),
        1 => Just(b"  \r\n ".to_vec()),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(201),
        Just(204),
        Just(400),
        Just(401),
        Just(404),
        Just(500),
        Just(502),
        100u16..600,
    ]
}

/// What the reader must give; an error is its kind, or one of two kinds for text that is not
/// JSON (which of "cut short" and "not JSON" depends on where the text breaks).
#[derive(Debug, PartialEq)]
enum Expected {
    Data(Sent),
    Error(SmsError),
    Failure(ClientErrorKind),
    NotJsonOrTruncated,
}

/// The table's reading of a code, from the contract: an integer that fits `u32`, a string of
/// ASCII digits that fits, or a declared message; anything else is refused.
fn table_code(code: &Value) -> Option<SmsError> {
    match code {
        Value::Number(number) => number
            .as_u64()
            .and_then(|code| u32::try_from(code).ok())
            .map(SmsError::from),
        Value::String(text) if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse::<u32>().ok().map(SmsError::from)
        }
        Value::String(text) => SmsError::from_message(text),
        _ => None,
    }
}

/// How the reader under test is configured.
#[derive(Debug, Clone, Copy)]
struct Settings {
    limit: usize,
    any_type: bool,
    /// `Reader::success_code`; `None`: the table's 2xx entry, code 0.
    success_code: Option<u32>,
    /// `Reader::code_required`: a 2xx answer without a code is no success.
    code_required: bool,
}

impl Settings {
    fn reader(self) -> Reader<'static> {
        let mut reader = Reader::new().body_limit(self.limit);
        if self.any_type {
            reader = reader.any_content_type();
        }
        if let Some(code) = self.success_code {
            reader = reader.success_code(code);
        }
        if self.code_required {
            reader = reader.code_required();
        }
        reader
    }
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        prop::sample::select(vec![24usize, 256, 1 << 20, 1 << 20]),
        any::<bool>(),
        prop::sample::select(vec![None, None, Some(0), Some(104_001)]),
        any::<bool>(),
    )
        .prop_map(|(limit, any_type, success_code, code_required)| Settings {
            limit,
            any_type,
            success_code,
            code_required,
        })
}

fn oracle(status: u16, class: Class, body: &[u8], settings: Settings) -> Expected {
    use ClientErrorKind::{
        ContentType, Data, Malformed, MissingCode, NotJson, RejectedCode, TooLarge,
        UnexpectedSuccess,
    };
    let Settings {
        limit, any_type, ..
    } = settings;
    if body.len() > limit {
        return Expected::Failure(TooLarge);
    }
    if class == Class::Other && !any_type {
        return Expected::Failure(ContentType);
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Expected::Failure(NotJson);
    }
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Expected::NotJsonOrTruncated;
    };
    let Value::Object(object) = value else {
        return Expected::Failure(Malformed);
    };
    if object
        .get("message")
        .is_some_and(|message| !(message.is_string() || message.is_null()))
    {
        return Expected::Failure(Malformed);
    }
    let ok_status = (200..300).contains(&status);
    if let Some(code) = object.get("code") {
        if code.is_array() || code.is_object() {
            return Expected::Failure(Malformed);
        }
        let Some(error) = table_code(code) else {
            return Expected::Failure(RejectedCode);
        };
        let success = match settings.success_code {
            Some(success) => apicode::ApiError::code(&error) == success,
            None => error == SmsError::Ok,
        };
        if !success {
            return Expected::Error(error);
        }
        if class == Class::Problem || !ok_status {
            return Expected::Failure(UnexpectedSuccess);
        }
    } else if settings.code_required || class == Class::Problem || !ok_status {
        return Expected::Failure(MissingCode);
    } else {
        // No envelope: the body itself is the data.
        return recipients(object.get("recipients"));
    }
    match object
        .get("data")
        .map(|data| (data, data.get("recipients")))
    {
        Some((Value::Object(_), recipients)) => self::recipients(recipients),
        _ => Expected::Failure(Data),
    }
}

/// A `Sent` from its `recipients` member, or the data failure.
fn recipients(recipients: Option<&Value>) -> Expected {
    recipients
        .and_then(Value::as_u64)
        .and_then(|recipients| u32::try_from(recipients).ok())
        .map_or(Expected::Failure(ClientErrorKind::Data), |recipients| {
            Expected::Data(Sent { recipients })
        })
}

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(10_000);
    let rng_seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .map_or(RngSeed::Fixed(0x00C1_1E27), RngSeed::Fixed);
    Config {
        cases,
        rng_seed,
        failure_persistence: None,
        ..Config::default()
    }
}

#[test]
fn the_reader_gives_exactly_what_the_rules_say() {
    let inputs = (
        status(),
        prop::sample::select(CONTENT_TYPES),
        body(),
        settings(),
    );
    let mut runner = TestRunner::new(config());
    let seen = [Cell::new(0usize), Cell::new(0), Cell::new(0)];
    runner
        .run(
            &inputs,
            |(status, (content_type, class), body, settings)| {
                let got = settings
                    .reader()
                    .read::<Sent, SmsError>(status, content_type, &body);
                let expected = oracle(status, class, &body, settings);
                let text = String::from_utf8_lossy(&body);
                let matches = match (&got, &expected) {
                    (Ok(Ok(data)), Expected::Data(want)) => data == want,
                    (Ok(Err(error)), Expected::Error(want)) => error == want,
                    (Err(error), Expected::Failure(kind)) => error.kind() == *kind,
                    (Err(error), Expected::NotJsonOrTruncated) => matches!(
                        error.kind(),
                        ClientErrorKind::NotJson | ClientErrorKind::Truncated
                    ),
                    _ => false,
                };
                prop_assert!(
                    matches,
                    "status {status}, {content_type:?}, {settings:?}, body {text}: got {got:?}, \
                 expected {expected:?}"
                );
                if let Err(error) = &got {
                    // The status is kept for every failure.
                    prop_assert_eq!(error.status(), Some(status));
                }
                let outcome = &seen[match got {
                    Ok(Ok(_)) => 0,
                    Ok(Err(_)) => 1,
                    Err(_) => 2,
                }];
                outcome.set(outcome.get() + 1);
                Ok::<(), TestCaseError>(())
            },
        )
        .unwrap();
    // The strategies reach all three outcomes, not only failures.
    let cases = usize::try_from(config().cases).unwrap();
    for (outcome, count) in ["a success", "an API error", "a client error"]
        .iter()
        .zip(&seen)
    {
        let count = count.get();
        assert!(count * 50 >= cases, "{outcome}: {count} of {cases}");
    }
}

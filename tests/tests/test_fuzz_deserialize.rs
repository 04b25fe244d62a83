//! Deserialization never panics and accepts exactly what the contract allows.
//!
//! Property tests over arbitrary JSON values, arbitrary JSON text, arbitrary bincode bytes and
//! random codes, for tables in integer and string mode, with and without a catch-all (small
//! tables declared here, and `apicode_sms::SmsError`). A value is accepted exactly when it is an
//! integer in `0..=u32::MAX`, a string of ASCII digits that fits `u32`, or a declared message,
//! and then it is what `From<u32>` (with a catch-all) or `TryFrom<u32>` (without one) gives.
//!
//! `PROPTEST_CASES` sets the number of cases of each property (default 10,000) and
//! `PROPTEST_RNG_SEED` the seed (default fixed, so that CI runs are reproducible).

use std::cell::Cell;
use std::fmt::Debug;

use apicode::{ApiError, CodeTable};
use apicode_sms::SmsError;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestRunner};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// The tables

/// A field type without `Default`: a row holding it cannot be built from its code alone.
#[derive(Debug, PartialEq)]
struct Owner(String);

// The same rows in the four combinations of serde mode and catch-all. The messages include
// the edges of the "digits or message" rule: a message that starts with a digit, one that
// looks like a negative number and one that looks like a fraction.

macro_rules! table {
    ($name:ident $(#[$attr:meta])* { $($catch_all:tt)* }) => {
        #[derive(Debug, PartialEq, ApiError)]
        $(#[$attr])*
        enum $name {
            #[code(0, "Zero")]
            Zero,
            #[code(1, "One")]
            One,
            #[code(42, "Answer", status = 400)]
            Answer,
            #[code(104_202, "InvalidSignatureTimestamp")]
            InvalidSignatureTimestamp,
            #[code(4_294_967_295, "Max")]
            Max,
            #[code(7, "Limited")]
            Limited { max: u32 },
            #[code(8, "Locked")]
            #[error("locked by {owner:?}")]
            Locked { owner: Owner },
            #[code(9, "9lives")]
            NineLives,
            #[code(10, "-1")]
            MinusOne,
            #[code(11, "1.5")]
            OneAndAHalf,
            $($catch_all)*
        }
    };
}

table!(NumberStrict {});
table!(NumberLenient {
    #[code(other)]
    Unknown(u32),
});
table!(StringStrict #[api_error(serde = "string")] {});
table!(StringLenient #[api_error(serde = "string")] {
    #[code(other)]
    Unknown(u32),
});

/// What the properties need to know of a table, written out by hand so that the oracle does
/// not lean on the serde impls under test.
trait Table: ApiError + CodeTable + Serialize + DeserializeOwned + PartialEq + Debug {
    /// Whether the code is written as a decimal string.
    const STRING: bool;
    /// `From<u32>` with a catch-all, `TryFrom<u32>` without one.
    fn convert(code: u32) -> Option<Self>;
}

impl Table for NumberStrict {
    const STRING: bool = false;
    fn convert(code: u32) -> Option<Self> {
        Self::try_from(code).ok()
    }
}

impl Table for NumberLenient {
    const STRING: bool = false;
    fn convert(code: u32) -> Option<Self> {
        Some(Self::from(code))
    }
}

impl Table for StringStrict {
    const STRING: bool = true;
    fn convert(code: u32) -> Option<Self> {
        Self::try_from(code).ok()
    }
}

impl Table for StringLenient {
    const STRING: bool = true;
    fn convert(code: u32) -> Option<Self> {
        Some(Self::from(code))
    }
}

impl Table for SmsError {
    const STRING: bool = true;
    fn convert(code: u32) -> Option<Self> {
        Some(Self::from(code))
    }
}

// ---------------------------------------------------------------------------------------------
// The oracle

/// The value a string must give: a code for ASCII digits that fit `u32`, else the row of a
/// declared message, else nothing.
fn expected_from_str<T: Table>(text: &str) -> Option<T> {
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        // Digits only: a code, or an error when it does not fit; never a message.
        let code = text.trim_start_matches('0');
        return if code.len() > 10 {
            None
        } else {
            u32::try_from(code.parse::<u64>().unwrap_or(0))
                .ok()
                .and_then(T::convert)
        };
    }
    // A declared message converts as its code does: a row that cannot be built from its code
    // alone gives the catch-all, or nothing without one.
    let entry = T::ENTRIES.iter().find(|entry| entry.message == text)?;
    T::convert(entry.code)
}

/// The value a JSON value must give.
fn expected_from_json<T: Table>(value: &Value) -> Option<T> {
    match value {
        Value::Number(number) => {
            let code = u32::try_from(number.as_u64()?).ok()?;
            T::convert(code)
        }
        Value::String(text) => expected_from_str(text),
        _ => None,
    }
}

/// The value bincode bytes must give: the declared form only (a `u32`, or a length-prefixed
/// UTF-8 string in string mode); trailing bytes are ignored, as `bincode::deserialize` does.
fn expected_from_bincode<T: Table>(bytes: &[u8]) -> Option<T> {
    if T::STRING {
        let (length, rest) = bytes.split_first_chunk::<8>()?;
        let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
        let text = std::str::from_utf8(rest.get(..length)?).ok()?;
        expected_from_str(text)
    } else {
        let (code, _) = bytes.split_first_chunk::<4>()?;
        T::convert(u32::from_le_bytes(*code))
    }
}

// ---------------------------------------------------------------------------------------------
// The strategies

/// Declared messages, near misses and the messages of the SMS table.
fn message_like() -> impl Strategy<Value = String> {
    let messages: Vec<&'static str> = NumberStrict::ENTRIES
        .iter()
        .chain(SmsError::ENTRIES)
        .map(|entry| entry.message)
        .chain(["Unknown", "Limited ", " Zero", "zero", "ZERO", "Ok", "ok"])
        .collect();
    (proptest::sample::select(messages), 0..6usize).prop_map(|(message, edit)| match edit {
        0 => message.to_lowercase(),
        1 => format!("{message} "),
        2 => format!("\u{0}{message}"),
        3 => message.chars().skip(1).collect(),
        _ => message.to_owned(),
    })
}

/// Strings that look like codes: digits, near misses, the `u32` boundary, non-ASCII digits.
fn code_like() -> impl Strategy<Value = String> {
    prop_oneof![
        "[0-9]{0,12}",
        "0{0,30}[0-9]{1,10}",
        "[+\\- ]?[0-9]{1,11}[ .eE_]?[0-9]{0,2}",
        "0[xob][0-9a-fA-F]{1,8}",
        "[٠-٩０-９¹²³]{1,5}",
        ((u64::from(u32::MAX) - 3)..=(u64::from(u32::MAX) + 3)).prop_map(|code| code.to_string()),
        any::<u32>().prop_map(|code| code.to_string()),
        any::<u64>().prop_map(|code| code.to_string()),
        Just("18446744073709551616".to_owned()),
        Just("99999999999999999999999999999999999999999".to_owned()),
    ]
}

fn string_like() -> impl Strategy<Value = String> {
    prop_oneof![code_like(), message_like(), any::<String>(), "\\PC{0,8}"]
}

/// Arbitrary JSON values, weighted towards numbers and strings near the accepted ones.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<u64>().prop_map(Value::from),
        (0..=u64::from(u32::MAX) + 2).prop_map(Value::from),
        prop::sample::select(vec![0u64, 1, 7, 8, 9, 10, 11, 42, 104_202, 4_294_967_295])
            .prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-3i64..3).prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        prop::sample::select(vec![0.0, -0.0, 1.0, 42.0, 4_294_967_295.0, 0.5])
            .prop_map(Value::from),
        string_like().prop_map(Value::String),
        string_like().prop_map(Value::String),
    ];
    let nested = leaf.clone().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((string_like(), inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    });
    prop_oneof![4 => leaf, 1 => nested]
}

/// JSON text: written values, values cut or edited, and raw noise.
fn json_text() -> impl Strategy<Value = String> {
    prop_oneof![
        json_value().prop_map(|value| value.to_string()),
        (json_value(), any::<prop::sample::Index>()).prop_map(|(value, cut)| {
            let text = value.to_string();
            let end = cut.index(text.len() + 1);
            text.get(..end).unwrap_or(&text).to_owned()
        }),
        code_like().prop_map(|text| format!("\"{text}\"")),
        code_like(),
        "[\\[\\]{}\":,0-9a-zA-Z\\\\ .eE+\\-]{0,24}",
        "\"(\\\\u00[0-9a-fA-F]{2}|[0-9])*\"",
        any::<String>(),
    ]
}

/// Bincode bytes: the declared forms of codes and strings, and noise.
fn bincode_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        any::<u32>().prop_map(|code| code.to_le_bytes().to_vec()),
        prop::sample::select(vec![0u32, 1, 7, 8, 42, 104_202, u32::MAX])
            .prop_map(|code| code.to_le_bytes().to_vec()),
        string_like().prop_map(|text| bincode::serialize(&text).unwrap_or_default()),
        (string_like(), any::<u64>()).prop_map(|(text, length)| {
            let mut bytes = length.to_le_bytes().to_vec();
            bytes.extend_from_slice(text.as_bytes());
            bytes
        }),
        prop::collection::vec(any::<u8>(), 0..24),
    ]
}

// ---------------------------------------------------------------------------------------------
// Running properties

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(10_000);
    let rng_seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|seed| seed.parse().ok())
        .map_or(RngSeed::Fixed(0x00A9_1C0D), RngSeed::Fixed);
    Config {
        cases,
        rng_seed,
        failure_persistence: None,
        ..Config::default()
    }
}

/// Counts of one property: how many inputs the tables accepted and refused.
#[derive(Default)]
struct Counts {
    cases: Cell<usize>,
    accepted: Cell<usize>,
    refused: Cell<usize>,
}

impl Counts {
    fn record(&self, accepted: bool) {
        let slot = if accepted {
            &self.accepted
        } else {
            &self.refused
        };
        slot.set(slot.get() + 1);
    }
}

/// Runs `property` over `strategy`, prints the counts, and fails on the minimal failing input.
/// The property must see both accepted and refused inputs, or it tests nothing.
fn check<S: Strategy>(
    name: &str,
    strategy: &S,
    property: impl Fn(&Counts, S::Value) -> Result<(), TestCaseError>,
) {
    let counts = Counts::default();
    let mut runner = TestRunner::new(config());
    let result = runner.run(strategy, |value| {
        counts.cases.set(counts.cases.get() + 1);
        property(&counts, value)
    });
    println!(
        "{name}: {} cases, {} accepted and {} refused deserializations",
        counts.cases.get(),
        counts.accepted.get(),
        counts.refused.get()
    );
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
    assert!(
        counts.accepted.get() > 0 && counts.refused.get() > 0,
        "{name}: the inputs never reached one side of the rule"
    );
}

/// One table against one JSON value: never a panic (the runner catches it), and the outcome
/// the oracle gives, through both `from_value` and `from_str`.
fn json_value_property<T: Table>(counts: &Counts, value: &Value) -> Result<(), TestCaseError> {
    let expected = expected_from_json::<T>(value);
    let from_value = serde_json::from_value::<T>(value.clone());
    let text = value.to_string();
    let from_str = serde_json::from_str::<T>(&text);
    counts.record(from_value.is_ok());
    match (&expected, &from_value, &from_str) {
        (Some(expected), Ok(got), Ok(got_str)) => {
            prop_assert_eq!(expected, got, "{} from {}", T::NAME, text);
            prop_assert_eq!(expected, got_str, "{} from text {}", T::NAME, text);
        }
        (None, Err(error), Err(_)) => {
            prop_assert!(!error.to_string().is_empty());
            // An unknown code names the table and the code.
            if let Some(code) = value.as_u64().and_then(|code| u32::try_from(code).ok()) {
                let message = error.to_string();
                prop_assert!(
                    message.contains(T::NAME) && message.contains(&code.to_string()),
                    "the error for code {} does not name {} and the code: {}",
                    code,
                    T::NAME,
                    message
                );
            }
        }
        _ => {
            return Err(TestCaseError::fail(format!(
                "{} from {text}: expected {expected:?}, from_value gave {from_value:?}, from_str gave {from_str:?}",
                T::NAME
            )));
        }
    }
    Ok(())
}

/// One table against arbitrary JSON text: never a panic, and anything accepted is a JSON
/// value that the oracle accepts, with the same result.
fn json_text_property<T: Table>(counts: &Counts, text: &str) -> Result<(), TestCaseError> {
    let got = serde_json::from_str::<T>(text);
    let from_bytes = serde_json::from_slice::<T>(text.as_bytes());
    counts.record(got.is_ok());
    let expected = serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|value| expected_from_json::<T>(&value));
    match (&expected, &got, &from_bytes) {
        (Some(expected), Ok(got), Ok(from_bytes)) => {
            prop_assert_eq!(expected, got);
            prop_assert_eq!(expected, from_bytes);
        }
        (None, Err(_), Err(_)) => {}
        _ => {
            return Err(TestCaseError::fail(format!(
                "{} from text {text:?}: expected {expected:?}, from_str gave {got:?}, from_slice gave {from_bytes:?}",
                T::NAME
            )));
        }
    }
    Ok(())
}

/// One table against arbitrary bincode bytes: the declared form only, never a panic.
fn bincode_property<T: Table>(counts: &Counts, bytes: &[u8]) -> Result<(), TestCaseError> {
    let got = bincode::deserialize::<T>(bytes);
    counts.record(got.is_ok());
    let expected = expected_from_bincode::<T>(bytes);
    match (&expected, &got) {
        (Some(expected), Ok(got)) => prop_assert_eq!(expected, got),
        (None, Err(_)) => {}
        _ => {
            return Err(TestCaseError::fail(format!(
                "{} from bincode {bytes:?}: expected {expected:?}, got {got:?}",
                T::NAME
            )));
        }
    }
    Ok(())
}

/// A random code survives JSON and bincode, in the table's declared form.
fn round_trip_property<T: Table>(counts: &Counts, code: u32) -> Result<(), TestCaseError> {
    let value = T::convert(code);
    counts.record(value.is_some());
    let Some(value) = value else {
        return Ok(());
    };
    let json =
        serde_json::to_string(&value).map_err(|error| TestCaseError::fail(error.to_string()))?;
    let written = value.code().to_string();
    if T::STRING {
        prop_assert_eq!(&json, &format!("\"{written}\""));
    } else {
        prop_assert_eq!(&json, &written);
    }
    let back: T =
        serde_json::from_str(&json).map_err(|error| TestCaseError::fail(error.to_string()))?;
    prop_assert_eq!(&back, &value);
    let bytes =
        bincode::serialize(&value).map_err(|error| TestCaseError::fail(error.to_string()))?;
    let back: T =
        bincode::deserialize(&bytes).map_err(|error| TestCaseError::fail(error.to_string()))?;
    prop_assert_eq!(&back, &value);
    Ok(())
}

/// Runs `$property` for every table.
macro_rules! for_every_table {
    ($property:ident, $counts:expr, $value:expr) => {{
        $property::<NumberStrict>($counts, $value)?;
        $property::<NumberLenient>($counts, $value)?;
        $property::<StringStrict>($counts, $value)?;
        $property::<StringLenient>($counts, $value)?;
        $property::<SmsError>($counts, $value)?;
    }};
}

// ---------------------------------------------------------------------------------------------
// The tests

#[test]
fn arbitrary_json_values_are_accepted_exactly_when_the_contract_says() {
    check("JSON values x 5 tables", &json_value(), |counts, value| {
        for_every_table!(json_value_property, counts, &value);
        Ok(())
    });
}

#[test]
fn arbitrary_json_text_never_panics_and_is_accepted_exactly_when_the_contract_says() {
    check("JSON text x 5 tables", &json_text(), |counts, text| {
        for_every_table!(json_text_property, counts, &text);
        Ok(())
    });
}

#[test]
fn arbitrary_bincode_bytes_are_read_in_the_declared_form_only() {
    check(
        "bincode bytes x 5 tables",
        &bincode_bytes(),
        |counts, bytes| {
            for_every_table!(bincode_property, counts, &bytes);
            Ok(())
        },
    );
}

#[test]
fn random_codes_survive_json_and_bincode() {
    let codes = prop_oneof![
        any::<u32>(),
        0..16u32,
        prop::sample::select(
            SmsError::ENTRIES
                .iter()
                .map(|entry| entry.code)
                .collect::<Vec<_>>()
        ),
        (u32::MAX - 3)..=u32::MAX,
    ];
    check("round trips x 5 tables", &codes, |counts, code| {
        for_every_table!(round_trip_property, counts, code);
        Ok(())
    });
}

#[test]
fn every_sms_code_round_trips_in_every_form() {
    for entry in SmsError::ENTRIES {
        let error = SmsError::from(entry.code);
        assert_eq!(error.code(), entry.code);
        assert_eq!(SmsError::from_code(entry.code), Some(error));
        assert_eq!(SmsError::from_message(entry.message), Some(error));

        let json = serde_json::to_string(&error).unwrap();
        assert_eq!(json, format!("\"{}\"", entry.code));
        assert_eq!(serde_json::from_str::<SmsError>(&json).unwrap(), error);
        // The three accepted forms all give the same variant.
        let from_integer: SmsError = serde_json::from_value(Value::from(entry.code)).unwrap();
        let from_message: SmsError = serde_json::from_value(Value::from(entry.message)).unwrap();
        assert_eq!((from_integer, from_message), (error, error));

        let bytes = bincode::serialize(&error).unwrap();
        assert_eq!(bincode::deserialize::<SmsError>(&bytes).unwrap(), error);
        // bincode carries the declared form: the decimal string, length-prefixed.
        assert_eq!(bytes, bincode::serialize(&entry.code.to_string()).unwrap());
    }
    println!("SMS round trips: {} codes", SmsError::ENTRIES.len());
}

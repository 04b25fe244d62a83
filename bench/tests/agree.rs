//! The styles that the benchmark compares must do the same thing: same code, message, status,
//! `Display` and JSON for every input the benchmark feeds them. A style that took a shortcut
//! would win a race it did not run.

use apicode_bench::{Table, big, sms};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Response<T> {
    code: T,
}

/// What a user can observe of one value.
#[derive(Debug, PartialEq)]
struct Seen {
    code: u32,
    message: &'static str,
    status: u16,
    display: String,
    json: String,
}

fn seen<T: Table>(code: u32) -> Seen {
    let value = T::from(code);
    Seen {
        code: value.code(),
        message: value.message(),
        status: value.http_status(),
        display: value.to_string(),
        json: serde_json::to_string(&Response { code: value }).unwrap(),
    }
}

fn decoded<T: Table>(json: &str) -> u32 {
    serde_json::from_str::<Response<T>>(json)
        .unwrap()
        .code
        .code()
}

fn check<
    Peer: Table,
    Hand: Table,
    HandRepr: Table,
    Apicode: Table,
    ApicodeString: Table,
    Sketch: Table,
>(
    known: &[u32],
) {
    let mix = apicode_bench::code_mix(known, 4_096);
    assert!(
        mix.iter().any(|code| !known.contains(code)),
        "the mix holds unknown codes"
    );
    for &code in known.iter().chain(&mix) {
        let reference = seen::<Hand>(code);
        assert_eq!(reference.code, code);
        assert_eq!(seen::<Peer>(code), reference, "peer, code {code}");
        assert_eq!(seen::<HandRepr>(code), reference, "hand_repr, code {code}");
        assert_eq!(seen::<Apicode>(code), reference, "apicode, code {code}");
        assert_eq!(seen::<Sketch>(code), reference, "sketch, code {code}");
        // The documents the benchmark parses, built by the same function.
        let number = apicode_bench::documents(&[code], false).remove(0);
        let string = apicode_bench::documents(&[code], true).remove(0);
        for decoded in [
            decoded::<Peer>(&number),
            decoded::<Hand>(&number),
            decoded::<HandRepr>(&number),
            decoded::<Apicode>(&number),
            decoded::<Sketch>(&number),
            decoded::<Hand>(&string),
            decoded::<HandRepr>(&string),
            decoded::<ApicodeString>(&string),
            decoded::<Sketch>(&string),
        ] {
            assert_eq!(decoded, code);
        }
    }
}

#[test]
fn sms_styles_agree() {
    let known = apicode_bench::sms_codes();
    assert_eq!(known.len(), 25);
    check::<
        sms::peer::Sms,
        sms::hand::Sms,
        sms::hand_repr::Sms,
        sms::apicode::Sms,
        sms::apicode_string::Sms,
        sms::sketch::Sms,
    >(&known);
}

#[test]
fn large_styles_agree() {
    let known = apicode_bench::big_codes();
    assert_eq!(known.len(), 2_001);
    check::<
        big::peer::Big,
        big::hand::Big,
        big::hand_repr::Big,
        big::apicode::Big,
        big::apicode_string::Big,
        big::sketch::Big,
    >(&known);
}

#[test]
fn sms_details_match_the_reference_table() {
    // The bench's apicode table is generated from the TSV; the reference crate is written by
    // hand. Both must describe code 104202 the same way.
    let value = sms::apicode::Sms::from(104_202);
    assert_eq!(value.message(), "InvalidSignatureTimestamp");
    assert_eq!(value.http_status(), 401);
    assert!(
        value
            .to_string()
            .starts_with("Invalid signature timestamp.")
    );
    assert_eq!(sms::peer::Sms::from(104_202).to_string(), value.to_string());
}

#[test]
fn string_style_writes_the_code_as_a_string() {
    let json = serde_json::to_string(&Response {
        code: sms::apicode_string::Sms::from(104_202),
    });
    assert_eq!(json.unwrap(), r#"{"code":"104202"}"#);
}

#[test]
fn peer_stack_cannot_read_a_string_code() {
    assert!(serde_json::from_str::<Response<sms::peer::Sms>>(r#"{"code":"104202"}"#).is_err());
}

#[test]
fn lookups_by_message_agree() {
    for code in apicode_bench::sms_codes() {
        let message = sms::hand::Sms::from(code).message();
        assert_eq!(
            sms::sketch::Sms::from_message(message).map(|value| value.code()),
            Some(code)
        );
        assert_eq!(
            sms::hand::Sms::from_message(message).map(|value| value.code()),
            Some(code)
        );
    }
    assert_eq!(sms::sketch::Sms::from_message("NoSuchMessage"), None);
}

/// The same tables with `i32` codes (negated) and `i64` codes (beyond `u32`), and the
/// hand-written `i32` match: the same variant for every code the benchmark feeds them, declared
/// or not, as the `u32` table gives.
#[test]
fn tables_of_other_code_types_find_the_same_variants() {
    use apicode::ApiError;
    use apicode_bench::code_types::{big_i32, big_i64};

    let known = apicode_bench::big_codes();
    let mut codes = apicode_bench::code_mix(&known, 50_000);
    codes.extend(known.iter().flat_map(|&code| [code - 1, code, code + 1]));
    for code in codes {
        let reference = ApiError::message(&big::apicode::Big::from(code));
        let signed = -i64::from(code);
        if let Ok(signed) = i32::try_from(signed) {
            let by_derive = big_i32::Big::from(signed);
            assert_eq!(by_derive, big_i32::hand_from(signed), "{signed}");
            assert_eq!(by_derive.message(), reference, "{signed}");
            assert_eq!(by_derive.code(), signed);
        }
        let wide = i64::from(code) + (1 << 33);
        let by_wide = big_i64::Big::from(wide);
        assert_eq!(by_wide.message(), reference, "{wide}");
        assert_eq!(by_wide.code(), wide);
        // Below 2^32 no code is declared in the i64 table, though `c ^ 2` folds onto the key of
        // the declared `c + 2^33`: the whole code decides.
        let below = i64::from(code);
        assert!(
            matches!(big_i64::Big::from(below), big_i64::Big::Unknown(_)),
            "{below} is not declared in the i64 table"
        );
    }
}

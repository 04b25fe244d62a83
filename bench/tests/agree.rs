//! The styles that the benchmark compares must do the same thing: same code, message, status,
//! `Display` and JSON for every input the benchmark feeds them. A style that took a shortcut
//! would win a race it did not run.

use std::fmt;

use apicode::{Code, CodeTable, Entry};
use apicode_bench::code_types::{big_i32, big_i64, sms_i32, sms_i64};
use apicode_bench::{Coded, Table, big, sms};
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
    // The learnt rows' codes: declared ones and undeclared ones beside them.
    let learnt = apicode_bench::learnt_codes(known, 25, 7);
    assert_eq!(
        learnt.iter().filter(|code| !known.contains(code)).count(),
        7,
        "{learnt:?}"
    );
    for &code in known.iter().chain(&mix).chain(&learnt) {
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
    assert_eq!(Table::message(&value), "InvalidSignatureTimestamp");
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

/// What a user can observe of one value of a table of any code type, and the declared
/// message a linear search of the derive's entries gives for its code (`"Unknown"` for none).
#[derive(Debug, PartialEq)]
struct SeenTyped<C> {
    code: C,
    message: &'static str,
    naive: &'static str,
    display: String,
    json: String,
    decoded: C,
}

fn seen_typed<T: Coded + Serialize>(
    code: T::Code,
    entries: &[Entry<T::Code>],
) -> SeenTyped<T::Code> {
    let value = T::from(code);
    let document = apicode_bench::documents(&[code], false).remove(0);
    SeenTyped {
        code: value.code(),
        message: value.message(),
        naive: entries
            .iter()
            .find(|entry| entry.code == code)
            .map_or("Unknown", |entry| entry.message),
        display: value.to_string(),
        json: serde_json::to_string(&Response { code: value }).unwrap(),
        decoded: serde_json::from_str::<Response<T>>(&document)
            .unwrap()
            .code
            .code(),
    }
}

/// The derive's table of code type `C` and the hand-written matches agree with each other
/// and with a linear search of the declared codes on every probe, keep the probe as their
/// code, and find a declared code exactly where the linear search does.
fn check_typed<C, Apicode, Hand>(probes: impl IntoIterator<Item = C>) -> usize
where
    C: Code + fmt::Display,
    Apicode: Coded<Code = C> + Serialize + CodeTable<C>,
    Hand: Coded<Code = C> + Serialize,
{
    let entries = <Apicode as CodeTable<C>>::ENTRIES;
    let mut declared = 0;
    for code in probes {
        let by_derive = seen_typed::<Apicode>(code, entries);
        assert_eq!(by_derive.code, code);
        assert_eq!(by_derive.decoded, code);
        assert_eq!(by_derive.message, by_derive.naive, "code {code}");
        assert_eq!(seen_typed::<Hand>(code, entries), by_derive, "code {code}");
        declared += usize::from(by_derive.naive != "Unknown");
    }
    declared
}

/// Every declared code of `known` mapped by `map`, its neighbours, and every code of the
/// mapped range widened by 200 on each side (the bitmap's first and last words and beyond).
fn around_declared<C: Code + Into<i128>>(known: &[u32], map: fn(u32) -> C) -> Vec<i128> {
    let mapped: Vec<i128> = known.iter().map(|&code| map(code).into()).collect();
    let low = mapped.iter().min().unwrap() - 200;
    let high = mapped.iter().max().unwrap() + 200;
    let mut probes: Vec<i128> = (low..=high).collect();
    probes.extend(mapped.iter().flat_map(|&code| [code - 1, code, code + 1]));
    probes
}

/// 50,000 codes of the benchmark's mix mapped into the type, and the type's edges.
fn mix_and_edges<C: Copy + Into<i128>>(
    known: &[u32],
    map: fn(u32) -> C,
    edges: [C; 2],
) -> Vec<i128> {
    let mut probes: Vec<i128> = apicode_bench::code_mix(known, 50_000)
        .into_iter()
        .map(|code| map(code).into())
        .collect();
    probes.extend([edges[0].into(), edges[1].into(), -1, 0, 1]);
    probes
}

fn check_i32<Apicode, Hand>(known: &[u32])
where
    Apicode: Coded<Code = i32> + Serialize + CodeTable<i32>,
    Hand: Coded<Code = i32> + Serialize,
{
    let entries = <Apicode as CodeTable<i32>>::ENTRIES;
    let mapped: Vec<i32> = known
        .iter()
        .map(|&code| apicode_bench::as_i32(code))
        .collect();
    assert_eq!(
        entries.iter().map(|entry| entry.code).collect::<Vec<_>>(),
        mapped
    );
    let mut probes = around_declared(known, apicode_bench::as_i32);
    probes.extend(mix_and_edges(
        known,
        apicode_bench::as_i32,
        [i32::MIN, i32::MAX],
    ));
    let probes = probes
        .into_iter()
        .filter_map(|code| i32::try_from(code).ok());
    let declared = check_typed::<i32, Apicode, Hand>(probes);
    assert!(declared > known.len(), "every declared code was probed");
}

fn check_i64<Apicode, Hand>(known: &[u32])
where
    Apicode: Coded<Code = i64> + Serialize + CodeTable<i64>,
    Hand: Coded<Code = i64> + Serialize,
{
    let entries = <Apicode as CodeTable<i64>>::ENTRIES;
    let mapped: Vec<i64> = known
        .iter()
        .map(|&code| apicode_bench::as_i64(code))
        .collect();
    assert_eq!(
        entries.iter().map(|entry| entry.code).collect::<Vec<_>>(),
        mapped
    );
    let mut probes = around_declared(known, apicode_bench::as_i64);
    probes.extend(mix_and_edges(
        known,
        apicode_bench::as_i64,
        [i64::MIN, i64::MAX],
    ));
    // The same codes below 2^32, and codes whose 32-bit key (low half xor high half) is a
    // declared code's: the high half and the low half changed by the same bits. Only the
    // whole code can tell them from the declared one.
    for &code in &mapped {
        let bits = code.cast_unsigned();
        probes.push(i128::from(code - (1 << 33)));
        for flip in [1_u64, 2, 3, 0x8000_0000, 0xFFFF_FFFF] {
            let twin = bits ^ (flip << 32 | flip);
            probes.push(i128::from(twin.cast_signed()));
        }
    }
    // Any 64-bit code: xorshift64, fixed seed.
    let mut state: u64 = 0x0123_4567_89AB_CDEF;
    probes.extend((0..50_000).map(|_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        i128::from(state.cast_signed())
    }));
    let probes = probes
        .into_iter()
        .filter_map(|code| i64::try_from(code).ok());
    let declared = check_typed::<i64, Apicode, Hand>(probes);
    assert!(declared > known.len(), "every declared code was probed");
}

/// The tables of `i32` codes (negated) and `i64` codes (beyond `u32`) that `bench
/// --code-types` measures, as the derive writes them and as hand-written matches.
#[test]
fn sms_tables_of_other_code_types_agree() {
    let known = apicode_bench::sms_codes();
    check_i32::<sms_i32::apicode::Sms, sms_i32::hand::Sms>(&known);
    check_i64::<sms_i64::apicode::Sms, sms_i64::hand::Sms>(&known);
}

#[test]
fn large_tables_of_other_code_types_agree() {
    let known = apicode_bench::big_codes();
    check_i32::<big_i32::apicode::Big, big_i32::hand::Big>(&known);
    check_i64::<big_i64::apicode::Big, big_i64::hand::Big>(&known);
}

/// Mapped into `i32` or `i64`, a code finds the variant that it finds in the `u32` table,
/// declared or not.
#[test]
fn tables_of_other_code_types_find_the_u32_tables_variants() {
    let known = apicode_bench::big_codes();
    let mut codes = apicode_bench::code_mix(&known, 50_000);
    codes.extend(known.iter().flat_map(|&code| [code - 1, code, code + 1]));
    for code in codes {
        let reference = Table::message(&big::apicode::Big::from(code));
        let signed = apicode_bench::as_i32(code);
        assert_eq!(
            Coded::message(&big_i32::apicode::Big::from(signed)),
            reference,
            "{signed}"
        );
        let wide = apicode_bench::as_i64(code);
        assert_eq!(
            Coded::message(&big_i64::apicode::Big::from(wide)),
            reference,
            "{wide}"
        );
    }
}

/// `bench --locale`: the hand-written localization and apicode's give the same text for every
/// code and every `Accept-Language` the benchmark sends.
#[test]
fn localized_texts_agree() {
    use apicode_bench::locale::{self, Shop, SmsError};

    for accept in ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN", "en-US,en;q=0.9"] {
        for code in apicode_bench::code_mix(&apicode_bench::sms_codes(), 4_096) {
            let error = SmsError::from(code);
            assert_eq!(
                locale::hand_sms(&error, accept),
                locale::apicode_sms(&error, accept),
                "{code} {accept}"
            );
        }
        for error in [Shop::Closed, Shop::OutOfStock { item: "tea".into() }] {
            let (mut hand, mut apicode) = (String::new(), String::new());
            locale::hand_shop(&error, accept, &mut hand);
            locale::apicode_shop(&error, accept, &mut apicode);
            assert_eq!(hand, apicode, "{error:?} {accept}");
        }
    }
}

/// The status, content type and body bytes of a response whose body is in memory.
fn response_parts(response: axum_core::response::Response) -> (u16, String, Vec<u8>) {
    let status = response.status().as_u16();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_owned();
    (
        status,
        content_type,
        apicode_bench::integrations::body_bytes(response),
    )
}

/// `bench --integrations`: each hand-written answer is the one apicode gives, byte for byte,
/// for every code of the mix, so that the two sides do the same work.
#[test]
fn integrations_agree() {
    use apicode_bench::integrations as i;
    use apicode_bench::sms::{apicode, hand};

    for code in apicode_bench::code_mix(&apicode_bench::sms_codes(), 2_048) {
        let (ours, theirs) = (apicode::Sms::from(code), hand::Sms::from(code));
        assert_eq!(
            response_parts(i::apicode_axum(ours)),
            response_parts(i::hand_axum(theirs)),
            "{code}"
        );
        assert_eq!(
            response_parts(i::apicode_problem(ours)),
            response_parts(i::hand_problem(theirs)),
            "{code}"
        );
        let (ours_status, theirs_status) = (i::apicode_status(ours), i::hand_status(theirs));
        assert_eq!(ours_status.code(), theirs_status.code(), "{code}");
        assert_eq!(ours_status.message(), theirs_status.message(), "{code}");
        assert_eq!(ours_status.details(), theirs_status.details(), "{code}");
        assert_eq!(i::apicode_reason(ours), i::hand_reason(theirs), "{code}");
        assert_eq!(
            serde_json::to_string(&i::apicode_jsonrpc(ours)).unwrap(),
            serde_json::to_string(&i::hand_jsonrpc(theirs)).unwrap(),
            "{code}"
        );
        let (status, _, body) = response_parts(i::apicode_axum(ours));
        let read_ours = i::apicode_read(status, &body).map(|read| read.map_err(u32::from));
        let read_theirs =
            i::hand_read(status, &body).map(|read| read.map_err(|e| hand::Sms::code(&e)));
        assert_eq!(read_ours, read_theirs, "{code}");
    }
}

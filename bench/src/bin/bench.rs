//! Run-time benchmark: every operation in every style, side by side, with 25 and 2,001 codes (plus `Unknown(u32)`).
//!
//! `cargo run --release --bin bench [-- --samples N --sample-ms MS --reconcile --code-types --locale --integrations]`
//!
//! Each measurement runs one operation over a fixed pseudo-random sequence of 16,384 inputs; a sample
//! repeats that for about `--sample-ms` milliseconds and gives ns per operation. The styles
//! of one row take their samples in turn (rotating who goes first), so that a burst of load
//! on the machine hits them all alike, and the table shows each one's median sample.
//!
//! `--reconcile` measures, instead, the choices in which this harness and an earlier version of
//! it (or another harness) can differ: how the JSON is read, which document, how long the input
//! sequence is, where `black_box` sits. BENCHMARKS.md explains what each one changes.
//!
//! `--code-types` measures, instead, the lookups of the same tables with `i32` codes (negated)
//! and `i64` codes (beyond `u32`) against the `u32` table and hand-written matches of those
//! types, with each style's ratio to the `u32` table taken round by round.
//!
//! `--locale` measures, instead, an error's localized text through apicode's
//! `Localized::localized` against a hand-written `match` on the locale and the code.
//!
//! `--integrations` measures, instead, the answers of an error (axum, problem+json, tonic,
//! jsonrpsee) and a client's reading of one against the code a user writes by hand for them.

use std::fmt::{self, Write as _};
use std::hint::black_box;
use std::time::{Duration, Instant};

use apicode_bench::code_types::{big_i32, big_i64, sms_i32, sms_i64};
use apicode_bench::{Coded, CountingAllocator, Table, big, sms};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Inputs per call of a measured closure. Long enough that the branch predictor cannot learn
/// the sequence by heart: a short loop replayed thousands of times would measure how well each
/// style's branches are memorised, not what a random mix costs.
const MIX_LEN: usize = 16_384;

/// Deserializations per call of a measured closure that parses one document again and again.
const DESERIALIZE_LEN: usize = 1_024;

/// The length of the replayed sequence of the `code()` row that lets the branch predictor
/// learn its inputs.
const REPLAYED_LEN: usize = 1_024;

/// The codes of the learnt rows: this many declared codes and this many undeclared ones.
const LEARNT_DECLARED: usize = 25;
const LEARNT_UNDECLARED: usize = 7;

/// The ratio to the best of the other styles that the targets allow.
const TARGET: f64 = 1.1;

const STYLES: [&str; 5] = ["peer", "hand", "hand_repr", "apicode", "sketch"];

/// The columns of `--code-types`: the same table with codes of each type.
const CODE_TYPE_STYLES: [&str; 5] = [
    "apicode u32",
    "apicode i32",
    "apicode i64",
    "hand i32",
    "hand i64",
];

/// The struct that the serde rows serialize and deserialize: `{"code": ...}`.
#[derive(Serialize, Deserialize)]
struct Response<T> {
    code: T,
}

#[inline(never)]
fn from_u32<T: Table>(codes: &[u32]) -> usize {
    for &code in black_box(codes) {
        black_box(T::from(code));
    }
    codes.len()
}

#[inline(never)]
fn code<T: Table>(values: &[T]) -> usize {
    for value in black_box(values) {
        black_box(value.code());
    }
    values.len()
}

#[inline(never)]
fn message<T: Table>(values: &[T]) -> usize {
    for value in black_box(values) {
        black_box(value.message());
    }
    values.len()
}

#[inline(never)]
fn http_status<T: Table>(values: &[T]) -> usize {
    for value in black_box(values) {
        black_box(value.http_status());
    }
    values.len()
}

#[inline(never)]
fn display<T: Table>(values: &[T], buffer: &mut String) -> usize {
    for value in black_box(values) {
        buffer.clear();
        let _ = write!(buffer, "{value}");
        black_box(buffer.as_str());
    }
    values.len()
}

#[inline(never)]
fn serialize<T: Table>(values: &[T], buffer: &mut Vec<u8>) -> usize {
    for value in black_box(values) {
        buffer.clear();
        let _ = serde_json::to_writer(&mut *buffer, &Response { code: *value });
        black_box(buffer.as_slice());
    }
    values.len()
}

/// Parses one document `DESERIALIZE_LEN` times: every call sees the same code, so branchy
/// conversions are predicted perfectly.
#[inline(never)]
fn deserialize<T: DeserializeOwned>(input: &str) -> usize {
    for _ in 0..DESERIALIZE_LEN {
        match serde_json::from_str::<Response<T>>(black_box(input)) {
            Ok(response) => black_box(response),
            Err(error) => panic!("{input}: {error}"),
        };
    }
    DESERIALIZE_LEN
}

/// Parses each document once, as a client reads one response after another.
#[inline(never)]
fn deserialize_each<T: DeserializeOwned>(documents: &[String]) -> usize {
    for document in black_box(documents) {
        match serde_json::from_str::<Response<T>>(document) {
            Ok(response) => black_box(response),
            Err(error) => panic!("{document}: {error}"),
        };
    }
    documents.len()
}

/// `From<u32>` for a table of any code type.
#[inline(never)]
fn from_code<T: Coded>(codes: &[T::Code]) -> usize {
    for &code in black_box(codes) {
        black_box(T::from(code));
    }
    codes.len()
}

/// `code()` for a table of any code type.
#[inline(never)]
fn coded_code<T: Coded>(values: &[T]) -> usize {
    for value in black_box(values) {
        black_box(value.code());
    }
    values.len()
}

/// `deserialize` through `serde_json::from_slice`, as this harness measured before: the bytes
/// are checked as UTF-8 on the way, which adds the same few nanoseconds to every style.
#[inline(never)]
fn deserialize_slice<T: Table>(input: &[u8]) -> usize {
    for _ in 0..DESERIALIZE_LEN {
        match serde_json::from_slice::<Response<T>>(black_box(input)) {
            Ok(response) => black_box(response),
            Err(error) => panic!("{}: {error}", String::from_utf8_lossy(input)),
        };
    }
    DESERIALIZE_LEN
}

/// `code()` with each value passed through `black_box` first, so that the compiler cannot
/// hoist or vectorise anything across values.
#[inline(never)]
fn code_opaque<T: Table>(values: &[T]) -> usize {
    for value in values {
        black_box(black_box(*value).code());
    }
    values.len()
}

/// One measured closure: runs the operation over its inputs, returns how many it did.
type Case = Box<dyn FnMut() -> usize>;

/// One line of the table: an operation in each style (`None`: the style cannot do it).
struct Row {
    size: &'static str,
    operation: &'static str,
    cases: [Option<Case>; 5],
}

/// The medians and allocation counts of one row.
struct Measured {
    size: &'static str,
    operation: &'static str,
    ns: [Option<f64>; 5],
    /// The median over the rounds of each style's time divided by the first style's time in
    /// the same round: less moved by load than a ratio of medians.
    ratios: [Option<f64>; 5],
    allocations: [Option<f64>; 5],
}

/// The values of a table that the codes make.
fn values<T: Table>(codes: &[u32]) -> Vec<T> {
    codes.iter().map(|&code| T::from(code)).collect()
}

/// What the rows of one table are measured on.
struct Inputs {
    /// A fixed pseudo-random mix of `MIX_LEN` codes.
    codes: Vec<u32>,
    /// A shorter mix of `REPLAYED_LEN` codes.
    replayed: Vec<u32>,
    /// The 64 first codes of the mix.
    replayed_short: Vec<u32>,
    /// `LEARNT_DECLARED` declared and `LEARNT_UNDECLARED` undeclared codes in a fixed order,
    /// repeated to `REPLAYED_LEN`: the few codes a service meets all day, which the branch
    /// predictor learns.
    learnt: Vec<u32>,
    /// `{"code":N}` for each code of `codes`.
    numbers: Vec<String>,
    /// `{"code":"N"}` for each code of `codes`.
    strings: Vec<String>,
    /// The one document of the fixed-document rows, `{"code":104202}`.
    number: &'static str,
    /// The same with the code as a string.
    string: &'static str,
    /// The document that this harness parsed in the large table before, `{"code":112304}`.
    previous_number: &'static str,
}

/// A measured closure for each style, `$body` written once for a generic `$table`.
macro_rules! each_style {
    ([$($style:ty),*] $inputs:expr, |$table:ident, $input:ident| $body:expr) => {{
        fn case<$table: Table>($input: &Inputs) -> Case {
            Box::new($body)
        }
        [$(Some(case::<$style>($inputs))),*]
    }};
}

/// The rows of one table, each style given by its types; `reconcile` gives the rows that
/// compare the ways of measuring instead.
#[allow(clippy::too_many_lines)] // one list of rows
fn rows<
    Peer: Table,
    Hand: Table,
    HandRepr: Table,
    Apicode: Table,
    ApicodeString: Table,
    Sketch: Table,
>(
    size: &'static str,
    inputs: &Inputs,
    reconcile: bool,
) -> Vec<Row> {
    macro_rules! numbers {
        (|$table:ident, $input:ident| $body:expr) => {
            each_style!([Peer, Hand, HandRepr, Apicode, Sketch] inputs, |$table, $input| $body)
        };
    }
    macro_rules! strings {
        (|$table:ident, $input:ident| $body:expr) => {{
            let [hand, hand_repr, apicode, sketch] =
                each_style!([Hand, HandRepr, ApicodeString, Sketch] inputs, |$table, $input| $body);
            // `from = "u32"` accepts numbers only.
            [None, hand, hand_repr, apicode, sketch]
        }};
    }
    let row = |operation, cases| Row {
        size,
        operation,
        cases,
    };
    // The rows that both lists measure.
    let code_random = || {
        row(
            "`code()`, 16,384 random values",
            numbers!(|T, i| {
                let values = values::<T>(&i.codes);
                move || code(&values)
            }),
        )
    };
    let code_replayed = || {
        row(
            "`code()`, 1,024 values replayed",
            numbers!(|T, i| {
                let values = values::<T>(&i.replayed);
                move || code(&values)
            }),
        )
    };
    let one_document = || {
        row(
            "`from_str` `{\"code\":104202}`, one document",
            numbers!(|T, i| {
                let document = i.number;
                move || deserialize::<T>(document)
            }),
        )
    };
    let mixed_documents = || {
        row(
            "`from_str` `{\"code\":N}`, N over the mix",
            numbers!(|T, i| {
                let documents = i.numbers.clone();
                move || deserialize_each::<T>(&documents)
            }),
        )
    };
    if reconcile {
        return vec![
            row(
                "deserialize, `from_slice`, the previous document (`{\"code\":112304}` at 2,001)",
                numbers!(|T, i| {
                    let document = i.previous_number.as_bytes();
                    move || deserialize_slice::<T>(document)
                }),
            ),
            row(
                "deserialize, `from_slice`, `{\"code\":104202}`",
                numbers!(|T, i| {
                    let document = i.number.as_bytes();
                    move || deserialize_slice::<T>(document)
                }),
            ),
            one_document(),
            mixed_documents(),
            code_random(),
            code_replayed(),
            row(
                "`code()`, 64 values replayed",
                numbers!(|T, i| {
                    let values = values::<T>(&i.replayed_short);
                    move || code(&values)
                }),
            ),
            row(
                "`code()`, 16,384 values, each through `black_box`",
                numbers!(|T, i| {
                    let values = values::<T>(&i.codes);
                    move || code_opaque(&values)
                }),
            ),
        ];
    }
    vec![
        row(
            "`From<u32>`, mixed codes",
            numbers!(|T, i| {
                let codes = i.codes.clone();
                move || from_u32::<T>(&codes)
            }),
        ),
        row(
            "`From<u32>`, 32 codes learnt",
            numbers!(|T, i| {
                let codes = i.learnt.clone();
                move || from_u32::<T>(&codes)
            }),
        ),
        code_random(),
        code_replayed(),
        row(
            "`code()`, 32 codes learnt",
            numbers!(|T, i| {
                let values = values::<T>(&i.learnt);
                move || code(&values)
            }),
        ),
        row(
            "`http_status()`, 32 codes learnt",
            numbers!(|T, i| {
                let values = values::<T>(&i.learnt);
                move || http_status(&values)
            }),
        ),
        row(
            "`message()`",
            numbers!(|T, i| {
                let values = values::<T>(&i.codes);
                move || message(&values)
            }),
        ),
        row(
            "`http_status()`",
            numbers!(|T, i| {
                let values = values::<T>(&i.codes);
                move || http_status(&values)
            }),
        ),
        row(
            "Display into a reused `String`",
            numbers!(|T, i| {
                let values = values::<T>(&i.codes);
                let mut buffer = String::with_capacity(256);
                move || display(&values, &mut buffer)
            }),
        ),
        row(
            "serde_json serialize `{\"code\":..}`",
            numbers!(|T, i| {
                let values = values::<T>(&i.codes);
                let mut buffer = Vec::with_capacity(256);
                move || serialize(&values, &mut buffer)
            }),
        ),
        one_document(),
        mixed_documents(),
        row(
            "`from_str` `{\"code\":\"104202\"}`, one document",
            strings!(|T, i| {
                let document = i.string;
                move || deserialize::<T>(document)
            }),
        ),
        row(
            "`from_str` `{\"code\":\"N\"}`, N over the mix",
            strings!(|T, i| {
                let documents = i.strings.clone();
                move || deserialize_each::<T>(&documents)
            }),
        ),
    ]
}

impl Inputs {
    fn new(known: &[u32], previous_number: &'static str) -> Inputs {
        let codes = apicode_bench::code_mix(known, MIX_LEN);
        Inputs {
            learnt: apicode_bench::learnt_codes(known, LEARNT_DECLARED, LEARNT_UNDECLARED)
                .into_iter()
                .cycle()
                .take(REPLAYED_LEN)
                .collect(),
            replayed: codes[..REPLAYED_LEN].to_vec(),
            replayed_short: codes[..64].to_vec(),
            numbers: apicode_bench::documents(&codes, false),
            strings: apicode_bench::documents(&codes, true),
            codes,
            number: r#"{"code":104202}"#,
            string: r#"{"code":"104202"}"#,
            previous_number,
        }
    }
}

/// What the `--code-types` rows of one code type are measured on: the inputs of `Inputs`,
/// each code mapped into the type (`as_i32`, `as_i64`: one-to-one, so declared codes stay
/// declared and the others undeclared).
struct TypedInputs<C> {
    /// The mix of `MIX_LEN` codes.
    codes: Vec<C>,
    /// Its first `REPLAYED_LEN` codes.
    replayed: Vec<C>,
    /// `{"code":N}` for each code of `codes`.
    numbers: Vec<String>,
    /// `{"code":N}` of 104202 in the type.
    number: String,
}

impl<C: Copy + fmt::Display> TypedInputs<C> {
    fn new(mix: &[u32], map: fn(u32) -> C) -> TypedInputs<C> {
        let codes: Vec<C> = mix.iter().map(|&code| map(code)).collect();
        TypedInputs {
            replayed: codes[..REPLAYED_LEN].to_vec(),
            numbers: apicode_bench::documents(&codes, false),
            number: apicode_bench::documents(&[map(104_202)], false).remove(0),
            codes,
        }
    }
}

/// The `--code-types` rows of one table: the `u32` table, the `i32` and `i64` tables, and
/// hand-written matches of `i32` and `i64`, in the columns of `CODE_TYPE_STYLES`.
#[allow(clippy::too_many_lines)] // one list of rows
fn code_type_rows<
    U32: Coded<Code = u32>,
    I32: Coded<Code = i32>,
    I64: Coded<Code = i64>,
    HandI32: Coded<Code = i32>,
    HandI64: Coded<Code = i64>,
>(
    size: &'static str,
    known: &[u32],
) -> Vec<Row> {
    let mix = apicode_bench::code_mix(known, MIX_LEN);
    let unsigned = TypedInputs::new(&mix, |code| code);
    let signed = TypedInputs::new(&mix, apicode_bench::as_i32);
    let wide = TypedInputs::new(&mix, apicode_bench::as_i64);
    macro_rules! typed {
        (|$table:ident, $input:ident| $body:expr) => {{
            fn case<$table: Coded>($input: &TypedInputs<$table::Code>) -> Case {
                Box::new($body)
            }
            [
                Some(case::<U32>(&unsigned)),
                Some(case::<I32>(&signed)),
                Some(case::<I64>(&wide)),
                Some(case::<HandI32>(&signed)),
                Some(case::<HandI64>(&wide)),
            ]
        }};
    }
    // The JSON into the bare integer, no table: what parsing the number costs in each type.
    macro_rules! bare {
        (|$code:ident, $input:ident| $body:expr) => {{
            fn case<$code: Copy + DeserializeOwned + 'static>($input: &TypedInputs<$code>) -> Case {
                Box::new($body)
            }
            [
                Some(case::<u32>(&unsigned)),
                Some(case::<i32>(&signed)),
                Some(case::<i64>(&wide)),
                None,
                None,
            ]
        }};
    }
    let row = |operation, cases| Row {
        size,
        operation,
        cases,
    };
    vec![
        row(
            "`From<C>`, 16,384 mixed codes",
            typed!(|T, i| {
                let codes = i.codes.clone();
                move || from_code::<T>(&codes)
            }),
        ),
        row(
            "`From<C>`, 1,024 codes replayed",
            typed!(|T, i| {
                let codes = i.replayed.clone();
                move || from_code::<T>(&codes)
            }),
        ),
        row(
            "`code()`, 16,384 random values",
            typed!(|T, i| {
                let values: Vec<T> = i.codes.iter().map(|&code| T::from(code)).collect();
                move || coded_code(&values)
            }),
        ),
        row(
            "`code()`, 1,024 values replayed",
            typed!(|T, i| {
                let values: Vec<T> = i.replayed.iter().map(|&code| T::from(code)).collect();
                move || coded_code(&values)
            }),
        ),
        row(
            "`from_str` `{\"code\":N}`, N = 104202 in the type, one document",
            typed!(|T, i| {
                let document = i.number.clone();
                move || deserialize::<T>(&document)
            }),
        ),
        row(
            "`from_str` `{\"code\":N}`, N over the mix",
            typed!(|T, i| {
                let documents = i.numbers.clone();
                move || deserialize_each::<T>(&documents)
            }),
        ),
        row(
            "`from_str` into the bare integer, one document (no table)",
            bare!(|C, i| {
                let document = i.number.clone();
                move || deserialize::<C>(&document)
            }),
        ),
        row(
            "`from_str` into the bare integer, over the mix (no table)",
            bare!(|C, i| {
                let documents = i.numbers.clone();
                move || deserialize_each::<C>(&documents)
            }),
        ),
    ]
}

/// The `Accept-Language` of a browser set to Simplified Chinese, and of one set to English.
const CHINESE: &str = "zh-CN,zh;q=0.9,en;q=0.8";
const ENGLISH: &str = "en-US,en;q=0.9";

/// The `--locale` rows: the localized text of the SMS table's mix of codes and of a table
/// with a field argument, by hand (first column) and through apicode (second).
fn locale_rows() -> Vec<Row> {
    use apicode_bench::locale::{self, Shop, SmsError};

    let mix: Vec<SmsError> = apicode_bench::code_mix(&apicode_bench::sms_codes(), MIX_LEN)
        .into_iter()
        .map(SmsError::from)
        .collect();
    let sms = |accept: &'static str,
               text: fn(&SmsError, &str) -> std::borrow::Cow<'static, str>| {
        let values = mix.clone();
        Some(Box::new(move || {
            for value in black_box(&values) {
                black_box(text(value, black_box(accept)));
            }
            values.len()
        }) as Case)
    };
    let shop = |accept: &'static str, text: fn(&Shop, &str, &mut String)| {
        let values: Vec<Shop> = (0..MIX_LEN)
            .map(|index| match index % 4 {
                0 => Shop::Closed,
                _ => Shop::OutOfStock {
                    item: format!("tea no. {index}"),
                },
            })
            .collect();
        let mut buffer = String::new();
        Some(Box::new(move || {
            for value in black_box(&values) {
                text(value, black_box(accept), &mut buffer);
                black_box(buffer.as_str());
            }
            values.len()
        }) as Case)
    };
    let row = |size, operation, hand: Option<Case>, apicode: Option<Case>| Row {
        size,
        operation,
        cases: [hand, apicode, None, None, None],
    };
    vec![
        row(
            "25 + Unknown",
            "text for `Accept-Language: zh-CN,zh;q=0.9,en;q=0.8`",
            sms(CHINESE, locale::hand_sms),
            sms(CHINESE, locale::apicode_sms),
        ),
        row(
            "25 + Unknown",
            "text for `zh-CN` (one tag)",
            sms("zh-CN", locale::hand_sms),
            sms("zh-CN", locale::apicode_sms),
        ),
        row(
            "25 + Unknown",
            "text for `Accept-Language: en-US,en;q=0.9` (the table's own)",
            sms(ENGLISH, locale::hand_sms),
            sms(ENGLISH, locale::apicode_sms),
        ),
        row(
            "2, a field",
            "text with `{ $item }`, Chinese, into a buffer",
            shop(CHINESE, locale::hand_shop),
            shop(CHINESE, locale::apicode_shop),
        ),
        row(
            "2, a field",
            "text with `{item}`, English, into a buffer",
            shop(ENGLISH, locale::hand_shop),
            shop(ENGLISH, locale::apicode_shop),
        ),
    ]
}

/// A measured closure that turns each of `values` into an answer with `answer`.
fn answers<T: Copy + 'static, R: 'static>(values: Vec<T>, answer: fn(T) -> R) -> Case {
    Box::new(move || {
        for &value in black_box(&values) {
            black_box(answer(value));
        }
        values.len()
    })
}

/// The `--integrations` rows: each answer of an error of the 25-code table over the mix, by
/// hand (first column) and through apicode (second).
fn integration_rows() -> Vec<Row> {
    use apicode_bench::integrations as i;
    use apicode_bench::sms::{apicode, hand};

    let mix = apicode_bench::code_mix(&apicode_bench::sms_codes(), MIX_LEN);
    let ours: Vec<apicode::Sms> = values(&mix);
    let theirs: Vec<hand::Sms> = values(&mix);
    // What a client reads: each code's answer as the axum integration writes it.
    let bodies: Vec<(u16, Vec<u8>)> = ours
        .iter()
        .map(|&error| {
            let response = i::apicode_axum(error);
            let status = response.status().as_u16();
            (status, i::body_bytes(response))
        })
        .collect();
    let reads = |read: fn(u16, &[u8]) -> bool| {
        let bodies = bodies.clone();
        Some(Box::new(move || {
            for (status, body) in black_box(&bodies) {
                black_box(read(*status, body));
            }
            bodies.len()
        }) as Case)
    };
    let row = |operation, hand: Option<Case>, apicode: Option<Case>| Row {
        size: "25 + Unknown",
        operation,
        cases: [hand, apicode, None, None, None],
    };
    vec![
        row(
            "axum: an error's response (status, content type, JSON body)",
            Some(answers(theirs.clone(), i::hand_axum)),
            Some(answers(ours.clone(), i::apicode_axum)),
        ),
        row(
            "axum: an error's problem+json response",
            Some(answers(theirs.clone(), i::hand_problem)),
            Some(answers(ours.clone(), i::apicode_problem)),
        ),
        row(
            "tonic: an error's `Status` with `ErrorInfo`",
            Some(answers(theirs.clone(), i::hand_status)),
            Some(answers(ours.clone(), i::apicode_status)),
        ),
        row(
            "tonic: its `ErrorInfo` reason alone",
            Some(answers(theirs.clone(), i::hand_reason)),
            Some(answers(ours.clone(), i::apicode_reason)),
        ),
        row(
            "jsonrpsee: an error's `ErrorObjectOwned`",
            Some(answers(theirs, i::hand_jsonrpc)),
            Some(answers(ours, i::apicode_jsonrpc)),
        ),
        row(
            "client: reading an error answer into the table",
            reads(|status, body| i::hand_read(status, body).is_some()),
            reads(|status, body| i::apicode_read(status, body).is_some()),
        ),
    ]
}

/// Prints a table of rows that compare two styles: hand and apicode, the median ratio per
/// round, allocations (`--locale`, `--integrations`).
fn report_pairs(measured: &[Measured], samples: usize, sample_ms: u64, started: Instant) {
    header(samples, sample_ms);
    println!(
        "| codes | operation | hand ns | apicode ns | apicode / hand | hand allocations | apicode allocations |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for row in measured {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            row.size,
            row.operation,
            cell(row.ns[0], 2),
            cell(row.ns[1], 2),
            cell(row.ratios[1], 2),
            allocation_cell(row.allocations[0]),
            allocation_cell(row.allocations[1]),
        );
    }
    println!("\nrun took {:.1} s", started.elapsed().as_secs_f64());
}

fn median(samples: &mut [f64]) -> f64 {
    samples.sort_by(f64::total_cmp);
    let middle = samples.len() / 2;
    if samples.len() % 2 == 1 {
        samples[middle]
    } else {
        f64::midpoint(samples[middle - 1], samples[middle])
    }
}

fn measure(row: &mut Row, samples: usize, sample_time: Duration) -> Measured {
    let mut allocations = [None; 5];
    let mut repeats = [0usize; 5];
    for (index, case) in row.cases.iter_mut().enumerate() {
        let Some(case) = case else { continue };
        // Warm up: caches, branch predictors, and buffers grown to their final size.
        let start = Instant::now();
        let mut calls = 0u32;
        while calls < 3 || start.elapsed() < sample_time / 4 {
            case();
            calls += 1;
        }
        let before = apicode_bench::allocations();
        let done = case();
        let after = apicode_bench::allocations();
        #[allow(clippy::cast_precision_loss)]
        {
            allocations[index] = Some((after - before) as f64 / done as f64);
        }
        let per_call = start.elapsed() / calls;
        repeats[index] = usize::try_from(sample_time.as_nanos() / per_call.as_nanos().max(1))
            .unwrap_or(1)
            .max(1);
    }
    let mut taken: [Vec<f64>; 5] = Default::default();
    for round in 0..samples {
        for offset in 0..5 {
            let index = (round + offset) % 5;
            let Some(case) = &mut row.cases[index] else {
                continue;
            };
            let start = Instant::now();
            let mut done = 0;
            for _ in 0..repeats[index] {
                done += case();
            }
            #[allow(clippy::cast_precision_loss)]
            taken[index].push(start.elapsed().as_nanos() as f64 / done as f64);
        }
    }
    let mut ratios = [None; 5];
    if !taken[0].is_empty() {
        for (index, samples) in taken.iter().enumerate() {
            if !samples.is_empty() {
                let mut per_round: Vec<f64> = samples
                    .iter()
                    .zip(&taken[0])
                    .map(|(ns, first)| ns / first)
                    .collect();
                ratios[index] = Some(median(&mut per_round));
            }
        }
    }
    let mut ns = [None; 5];
    for (index, samples) in taken.iter_mut().enumerate() {
        if !samples.is_empty() {
            ns[index] = Some(median(samples));
        }
    }
    Measured {
        size: row.size,
        operation: row.operation,
        ns,
        ratios,
        allocations,
    }
}

fn cell(value: Option<f64>, precision: usize) -> String {
    value.map_or_else(
        || "cannot".to_owned(),
        |value| format!("{value:.precision$}"),
    )
}

/// An allocation count: whole numbers as such, fractions (an allocation now and then) with
/// three decimals, so that they do not print as 0.
fn allocation_cell(count: Option<f64>) -> String {
    match count {
        Some(count) if count.fract() == 0.0 => format!("{count:.0}"),
        Some(count) => format!("{count:.3}"),
        None => "cannot".to_owned(),
    }
}

fn main() {
    let mut samples: usize = 41;
    let mut sample_ms: u64 = 5;
    let mut reconcile = false;
    let mut code_types = false;
    let mut locale = false;
    let mut integrations = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--reconcile" {
            reconcile = true;
            continue;
        }
        if arg == "--code-types" {
            code_types = true;
            continue;
        }
        if arg == "--locale" {
            locale = true;
            continue;
        }
        if arg == "--integrations" {
            integrations = true;
            continue;
        }
        let value: Option<u64> = args.next().and_then(|value| value.parse().ok());
        match (arg.as_str(), value) {
            ("--samples", Some(value)) if value > 0 => {
                samples = usize::try_from(value).unwrap_or(usize::MAX);
            }
            ("--sample-ms", Some(value)) => sample_ms = value,
            _ => {
                eprintln!(
                    "usage: bench [--samples N] [--sample-ms MS] [--reconcile | --code-types | --locale | --integrations]"
                );
                std::process::exit(2);
            }
        }
    }
    let sample_time = Duration::from_millis(sample_ms);
    let started = Instant::now();

    if locale || integrations {
        let mut rows = if locale {
            locale_rows()
        } else {
            integration_rows()
        };
        let measured: Vec<Measured> = rows
            .iter_mut()
            .map(|row| measure(row, samples, sample_time))
            .collect();
        report_pairs(&measured, samples, sample_ms, started);
        return;
    }

    if code_types {
        let mut all = code_type_rows::<
            sms::apicode::Sms,
            sms_i32::apicode::Sms,
            sms_i64::apicode::Sms,
            sms_i32::hand::Sms,
            sms_i64::hand::Sms,
        >("25 + Unknown", &apicode_bench::sms_codes());
        all.extend(code_type_rows::<
            big::apicode::Big,
            big_i32::apicode::Big,
            big_i64::apicode::Big,
            big_i32::hand::Big,
            big_i64::hand::Big,
        >("2,001 + Unknown", &apicode_bench::big_codes()));
        let measured: Vec<Measured> = all
            .iter_mut()
            .map(|row| measure(row, samples, sample_time))
            .collect();
        report_code_types(&measured, samples, sample_ms, started);
        return;
    }

    let sms = Inputs::new(&apicode_bench::sms_codes(), r#"{"code":104202}"#);
    let big = Inputs::new(&apicode_bench::big_codes(), r#"{"code":112304}"#);
    let mut all = rows::<
        sms::peer::Sms,
        sms::hand::Sms,
        sms::hand_repr::Sms,
        sms::apicode::Sms,
        sms::apicode_string::Sms,
        sms::sketch::Sms,
    >("25 + Unknown", &sms, reconcile);
    all.extend(rows::<
        big::peer::Big,
        big::hand::Big,
        big::hand_repr::Big,
        big::apicode::Big,
        big::apicode_string::Big,
        big::sketch::Big,
    >("2,001 + Unknown", &big, reconcile));

    let measured: Vec<Measured> = all
        .iter_mut()
        .map(|row| measure(row, samples, sample_time))
        .collect();

    report(&measured, samples, sample_ms, started, reconcile);
}

/// The first line of a report: the compiler, the machine and the method.
fn header(samples: usize, sample_ms: u64) {
    println!(
        "{} on {} cores; {samples} samples of ~{sample_ms} ms per cell; inputs: {MIX_LEN} codes, \
         3 in 4 declared; ns/op, medians\n",
        env!("BENCH_RUSTC_VERSION"),
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
    );
}

/// Prints the `--code-types` table: each column's median, and its median ratio to the `u32`
/// table's time in the same round; then the allocations.
fn report_code_types(measured: &[Measured], samples: usize, sample_ms: u64, started: Instant) {
    header(samples, sample_ms);
    println!(
        "| codes | operation | {} | i32 / u32 | i64 / u32 | hand i32 / u32 | hand i64 / u32 |",
        CODE_TYPE_STYLES.join(" | ")
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let none = |value: Option<f64>| value.map_or_else(|| String::from("-"), |v| format!("{v:.2}"));
    for row in measured {
        let ns: Vec<String> = row.ns.iter().map(|ns| none(*ns)).collect();
        let ratios: Vec<String> = row.ratios[1..].iter().map(|ratio| none(*ratio)).collect();
        println!(
            "| {} | {} | {} | {} |",
            row.size,
            row.operation,
            ns.join(" | "),
            ratios.join(" | ")
        );
    }
    println!("\nHeap allocations per operation\n");
    println!("| codes | operation | {} |", CODE_TYPE_STYLES.join(" | "));
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    for row in measured {
        let cells: Vec<String> = row
            .allocations
            .iter()
            .map(|count| count.map_or_else(|| String::from("-"), |c| allocation_cell(Some(c))))
            .collect();
        println!(
            "| {} | {} | {} |",
            row.size,
            row.operation,
            cells.join(" | ")
        );
    }
    println!("\nrun took {:.1} s", started.elapsed().as_secs_f64());
}

/// Prints the speed table and the allocation table.
fn report(
    measured: &[Measured],
    samples: usize,
    sample_ms: u64,
    started: Instant,
    reconcile: bool,
) {
    header(samples, sample_ms);
    println!(
        "| codes | operation | peer | hand | hand_repr | apicode | apicode / best other | target <= {TARGET}x | sketch | sketch / best other |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |");
    let mut missed = 0;
    for row in measured {
        let best = row.ns[..3]
            .iter()
            .flatten()
            .copied()
            .fold(f64::INFINITY, f64::min);
        let ratio = row.ns[3].map(|apicode| apicode / best);
        let sketch = row.ns[4].map(|sketch| sketch / best);
        let met = ratio.is_some_and(|ratio| ratio <= TARGET);
        if !met {
            missed += 1;
        }
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            row.size,
            row.operation,
            cell(row.ns[0], 2),
            cell(row.ns[1], 2),
            cell(row.ns[2], 2),
            cell(row.ns[3], 2),
            cell(ratio, 2),
            if met { "met" } else { "**missed**" },
            cell(row.ns[4], 2),
            cell(sketch, 2),
        );
    }
    println!("\nHeap allocations per operation (target: 0 everywhere)\n");
    println!("| codes | operation | {} |", STYLES.join(" | "));
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    let mut allocating = 0;
    for row in measured {
        allocating += row.allocations[3]
            .filter(|count| *count > 0.0)
            .map_or(0, |_| 1);
        let cells: Vec<String> = row
            .allocations
            .iter()
            .map(|count| allocation_cell(*count))
            .collect();
        println!(
            "| {} | {} | {} |",
            row.size,
            row.operation,
            cells.join(" | ")
        );
    }
    // The reconciling rows measure one operation in several ways: they are not targets.
    let rows_over = if reconcile {
        "ways of measuring over the target"
    } else {
        "speed targets missed by apicode"
    };
    println!(
        "\n{rows_over}: {missed} of {}; operations where apicode allocates: {allocating}; \
         run took {:.1} s",
        measured.len(),
        started.elapsed().as_secs_f64()
    );
}

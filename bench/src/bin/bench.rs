//! Run-time benchmark: every operation in every style, side by side, with 25 and 2,001 codes (plus `Unknown(u32)`).
//!
//! `cargo run --release --bin bench [-- --samples N --sample-ms MS]`
//!
//! Each measurement runs one operation over a fixed pseudo-random sequence of 16,384 inputs; a sample
//! repeats that for about `--sample-ms` milliseconds and gives ns per operation. The styles
//! of one row take their samples in turn (rotating who goes first), so that a burst of load
//! on the machine hits them all alike, and the table shows each one's median sample.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::{Duration, Instant};

use apicode_bench::{CountingAllocator, Table, big, sms};
use serde::{Deserialize, Serialize};

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Inputs per call of a measured closure. Long enough that the branch predictor cannot learn
/// the sequence by heart: a short loop replayed thousands of times would measure how well each
/// style's branches are memorised, not what a random mix costs.
const MIX_LEN: usize = 16_384;

/// Deserializations per call of a measured closure.
const DESERIALIZE_LEN: usize = 1_024;

/// The ratio to the best of the other styles that the targets allow.
const TARGET: f64 = 1.1;

const STYLES: [&str; 5] = ["peer", "hand", "hand_repr", "apicode", "sketch"];

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

#[inline(never)]
fn deserialize<T: Table>(input: &[u8]) -> usize {
    for _ in 0..DESERIALIZE_LEN {
        match serde_json::from_slice::<Response<T>>(black_box(input)) {
            Ok(response) => black_box(response),
            Err(error) => panic!("{}: {error}", String::from_utf8_lossy(input)),
        };
    }
    DESERIALIZE_LEN
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
    allocations: [Option<f64>; 5],
}

/// The values of a table that the codes make.
fn values<T: Table>(codes: &[u32]) -> Vec<T> {
    codes.iter().map(|&code| T::from(code)).collect()
}

/// The rows of one table, each style given by its types.
fn rows<
    Peer: Table,
    Hand: Table,
    HandRepr: Table,
    Apicode: Table,
    ApicodeString: Table,
    Sketch: Table,
>(
    size: &'static str,
    known: &[u32],
    number_input: &'static [u8],
    string_input: &'static [u8],
) -> Vec<Row> {
    let codes = apicode_bench::code_mix(known, MIX_LEN);
    macro_rules! per_style {
        (|$values:ident| $body:expr) => {
            [
                Some({
                    let $values = values::<Peer>(&codes);
                    Box::new($body) as Case
                }),
                Some({
                    let $values = values::<Hand>(&codes);
                    Box::new($body) as Case
                }),
                Some({
                    let $values = values::<HandRepr>(&codes);
                    Box::new($body) as Case
                }),
                Some({
                    let $values = values::<Apicode>(&codes);
                    Box::new($body) as Case
                }),
                Some({
                    let $values = values::<Sketch>(&codes);
                    Box::new($body) as Case
                }),
            ]
        };
    }
    let from = |codes: &[u32]| {
        fn case<T: Table>(codes: &[u32]) -> Case {
            let codes = codes.to_vec();
            Box::new(move || from_u32::<T>(&codes))
        }
        [
            Some(case::<Peer>(codes)),
            Some(case::<Hand>(codes)),
            Some(case::<HandRepr>(codes)),
            Some(case::<Apicode>(codes)),
            Some(case::<Sketch>(codes)),
        ]
    };
    let row = |operation, cases| Row {
        size,
        operation,
        cases,
    };
    vec![
        row("`From<u32>`, mixed codes", from(&codes)),
        row("`code()`", per_style!(|v| move || code(&v))),
        row("`message()`", per_style!(|v| move || message(&v))),
        row("`http_status()`", per_style!(|v| move || http_status(&v))),
        row(
            "Display into a reused `String`",
            per_style!(|v| {
                let mut buffer = String::with_capacity(256);
                move || display(&v, &mut buffer)
            }),
        ),
        row(
            "serde_json serialize `{\"code\":..}`",
            per_style!(|v| {
                let mut buffer = Vec::with_capacity(256);
                move || serialize(&v, &mut buffer)
            }),
        ),
        row(
            "deserialize `{\"code\":N}`",
            [
                Some(Box::new(move || deserialize::<Peer>(number_input)) as Case),
                Some(Box::new(move || deserialize::<Hand>(number_input))),
                Some(Box::new(move || deserialize::<HandRepr>(number_input))),
                Some(Box::new(move || deserialize::<Apicode>(number_input))),
                Some(Box::new(move || deserialize::<Sketch>(number_input))),
            ],
        ),
        row(
            "deserialize `{\"code\":\"N\"}`",
            [
                // `from = "u32"` accepts numbers only.
                None,
                Some(Box::new(move || deserialize::<Hand>(string_input)) as Case),
                Some(Box::new(move || deserialize::<HandRepr>(string_input))),
                Some(Box::new(move || deserialize::<ApicodeString>(string_input))),
                Some(Box::new(move || deserialize::<Sketch>(string_input))),
            ],
        ),
    ]
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
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value: Option<u64> = args.next().and_then(|value| value.parse().ok());
        match (arg.as_str(), value) {
            ("--samples", Some(value)) if value > 0 => {
                samples = usize::try_from(value).unwrap_or(usize::MAX);
            }
            ("--sample-ms", Some(value)) => sample_ms = value,
            _ => {
                eprintln!("usage: bench [--samples N] [--sample-ms MS]");
                std::process::exit(2);
            }
        }
    }
    let sample_time = Duration::from_millis(sample_ms);
    let started = Instant::now();

    let sms_known = apicode_bench::sms_codes();
    let big_known = apicode_bench::big_codes();
    let mut all = rows::<
        sms::peer::Sms,
        sms::hand::Sms,
        sms::hand_repr::Sms,
        sms::apicode::Sms,
        sms::apicode_string::Sms,
        sms::sketch::Sms,
    >(
        "25 + Unknown",
        &sms_known,
        br#"{"code":104202}"#,
        br#"{"code":"104202"}"#,
    );
    all.extend(rows::<
        big::peer::Big,
        big::hand::Big,
        big::hand_repr::Big,
        big::apicode::Big,
        big::apicode_string::Big,
        big::sketch::Big,
    >(
        "2,001 + Unknown",
        &big_known,
        br#"{"code":112304}"#,
        br#"{"code":"112304"}"#,
    ));

    let measured: Vec<Measured> = all
        .iter_mut()
        .map(|row| measure(row, samples, sample_time))
        .collect();

    report(&measured, samples, sample_ms, started);
}

/// Prints the speed table and the allocation table.
fn report(measured: &[Measured], samples: usize, sample_ms: u64, started: Instant) {
    println!(
        "{} on {} cores; {samples} samples of ~{sample_ms} ms per cell; inputs: {MIX_LEN} codes, \
         3 in 4 declared; ns/op, medians\n",
        env!("BENCH_RUSTC_VERSION"),
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
    );
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
    println!(
        "\nspeed targets missed by apicode: {missed} of {}; operations where apicode allocates: {allocating}; \
         run took {:.1} s",
        measured.len(),
        started.elapsed().as_secs_f64()
    );
}

//! `cargo run --release --bin code_types [-- --samples N]`
//!
//! The lookups of tables whose codes are not `u32`, against the same table with `u32` codes:
//! `From<C>` (the catch-all takes what the table does not hold) and `code()`, for the SMS table
//! (26 variants) and the synthetic large one (2,001), with the codes negated as `i32` (the
//! JSON-RPC case) and moved beyond `u32` as `i64` (the perfect hash then keys on the folded
//! code and compares the whole code), beside a hand-written `i32` `match`.
//!
//! Two inputs, as in the main benchmark: a learnt mix (25 known and 7 unknown codes replayed in
//! a fixed sequence of 1,024, which the branch predictor learns, as production traffic is) and
//! 16,384 random codes (`code_mix`: three in four declared). Every style runs once per round,
//! in one loop over the same codes mapped to its type; the figure is the median over the
//! rounds of each style's time per operation, and of its ratio to the `u32` table's time in
//! the same round.

use std::hint::black_box;
use std::time::Instant;

use apicode::ApiError;
use apicode_bench::{big, big_codes, code_mix, code_types, sms, sms_codes};

/// The learnt mix: up to 25 declared codes and 7 undeclared ones next to them, replayed.
fn learnt(known: &[u32]) -> Vec<u32> {
    let mut pool: Vec<u32> = known.iter().copied().take(25).collect();
    let mut next = known[0];
    while pool.len() < 32 {
        next = next.wrapping_add(1);
        if !known.contains(&next) {
            pool.push(next);
        }
    }
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    (0..1_024)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            pool[usize::try_from(state % 32).unwrap_or(0)]
        })
        .collect()
}

fn negated(codes: &[u32]) -> Vec<i32> {
    // Negated modulo 2^32: one-to-one, so the random input's undeclared codes beyond i32 stay
    // as many distinct undeclared codes.
    codes
        .iter()
        .map(|&code| code.cast_signed().wrapping_neg())
        .collect()
}

fn widened(codes: &[u32]) -> Vec<i64> {
    codes
        .iter()
        .map(|&code| i64::from(code) + (1 << 33))
        .collect()
}

/// Nanoseconds per operation of one pass of `run` over `len` codes.
fn time(len: usize, run: &mut dyn FnMut()) -> f64 {
    let started = Instant::now();
    run();
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    started.elapsed().as_secs_f64() * 1e9 / f64::from(len)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// One benchmark row: named styles measured round by round, the first being the reference.
fn measure(label: &str, len: usize, samples: usize, styles: &mut [(&str, &mut dyn FnMut())]) {
    let repeat = (200_000 / len).max(1);
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); styles.len()];
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); styles.len()];
    for _ in 0..samples {
        let mut round = Vec::with_capacity(styles.len());
        for (_, run) in styles.iter_mut() {
            let ns = time(len * repeat, &mut || {
                for _ in 0..repeat {
                    run();
                }
            });
            round.push(ns);
        }
        for (index, ns) in round.iter().enumerate() {
            times[index].push(*ns);
            ratios[index].push(ns / round[0]);
        }
    }
    for (index, (name, _)) in styles.iter().enumerate() {
        println!(
            "| {label} | {name} | {:.2} | {:.2}x |",
            median(&mut times[index]),
            median(&mut ratios[index])
        );
    }
}

macro_rules! lookups {
    ($label:literal, $codes:expr, $samples:expr, $u32:ty, $i32:ty, $hand:path, $i64:ty) => {{
        let codes: Vec<u32> = $codes;
        let signed = negated(&codes);
        let wide = widened(&codes);
        let len = codes.len();
        measure(
            concat!("`From<C>`, ", $label),
            len,
            $samples,
            &mut [
                ("u32", &mut || {
                    for &code in black_box(&codes) {
                        black_box(<$u32>::from(code));
                    }
                }),
                ("i32", &mut || {
                    for &code in black_box(&signed) {
                        black_box(<$i32>::from(code));
                    }
                }),
                ("i64", &mut || {
                    for &code in black_box(&wide) {
                        black_box(<$i64>::from(code));
                    }
                }),
                ("i32, hand-written match", &mut || {
                    for &code in black_box(&signed) {
                        black_box($hand(code));
                    }
                }),
            ],
        );
        let values_u32: Vec<$u32> = codes.iter().map(|&code| <$u32>::from(code)).collect();
        let values_i32: Vec<$i32> = signed.iter().map(|&code| <$i32>::from(code)).collect();
        let values_i64: Vec<$i64> = wide.iter().map(|&code| <$i64>::from(code)).collect();
        measure(
            concat!("`code()`, ", $label),
            len,
            $samples,
            &mut [
                ("u32", &mut || {
                    for value in black_box(&values_u32) {
                        black_box(value.code());
                    }
                }),
                ("i32", &mut || {
                    for value in black_box(&values_i32) {
                        black_box(value.code());
                    }
                }),
                ("i64", &mut || {
                    for value in black_box(&values_i64) {
                        black_box(value.code());
                    }
                }),
            ],
        );
    }};
}

fn main() {
    let mut samples = 41;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if let ("--samples", Some(value)) = (
            arg.as_str(),
            args.next().and_then(|value| value.parse().ok()),
        ) {
            samples = value;
        } else {
            eprintln!("usage: code_types [--samples N]");
            std::process::exit(2);
        }
    }
    println!("| operation, table, input | codes | ns/op | ratio to u32 |");
    println!("| --- | --- | ---: | ---: |");
    let sms_known = sms_codes();
    let big_known = big_codes();
    lookups!(
        "26 variants, learnt mix",
        learnt(&sms_known),
        samples,
        sms::apicode::Sms,
        code_types::sms_i32::apicode::Sms,
        code_types::sms_i32::hand::Sms::from,
        code_types::sms_i64::apicode::Sms
    );
    lookups!(
        "26 variants, random",
        code_mix(&sms_known, 16_384),
        samples,
        sms::apicode::Sms,
        code_types::sms_i32::apicode::Sms,
        code_types::sms_i32::hand::Sms::from,
        code_types::sms_i64::apicode::Sms
    );
    lookups!(
        "2,001 variants, learnt mix",
        learnt(&big_known),
        samples,
        big::apicode::Big,
        code_types::big_i32::apicode::Big,
        code_types::big_i32::hand::Big::from,
        code_types::big_i64::apicode::Big
    );
    lookups!(
        "2,001 variants, random",
        code_mix(&big_known, 16_384),
        samples,
        big::apicode::Big,
        code_types::big_i32::apicode::Big,
        code_types::big_i32::hand::Big::from,
        code_types::big_i64::apicode::Big
    );
}

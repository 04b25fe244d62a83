//! Writes the benchmarked tables into `OUT_DIR` with the benchmarks' own generator: the 25 SMS
//! codes from the reference TSV and the synthetic table of 2,001 codes, as apicode enums with
//! the code as a number and as a string.

#[path = "../src/codegen.rs"]
#[allow(dead_code)]
mod codegen;

use std::path::PathBuf;

use codegen::Style;

/// The size of the large table, as in the run-time benchmarks.
const BIG: usize = 2_001;

const TSV: &str = "../../sms/data/sms-codes.tsv";

fn main() {
    println!("cargo::rerun-if-changed={TSV}");
    println!("cargo::rerun-if-changed=../src/codegen.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let sms = codegen::rows_from_tsv(&std::fs::read_to_string(TSV).expect("the SMS table"));
    let big = codegen::synthetic_rows(BIG);
    for (table, name, rows) in [("sms", "Sms", &sms), ("big", "Big", &big)] {
        for (suffix, style) in [("number", Style::Apicode), ("string", Style::ApicodeString)] {
            let source = codegen::render(style, name, rows);
            std::fs::write(out.join(format!("{table}_{suffix}.rs")), source)
                .expect("OUT_DIR is writable");
        }
    }
}

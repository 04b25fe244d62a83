//! Writes the benchmarked tables, in every style, into `OUT_DIR`: the 25 SMS codes from the
//! reference TSV and a synthetic table of `BIG` codes. Nothing generated is committed.

#[path = "src/codegen.rs"]
#[allow(dead_code)]
mod codegen;

use std::fmt::Write as _;
use std::path::PathBuf;

use codegen::{CodeType, Style};

/// The size of the large table.
const BIG: usize = 2_001;

const TSV: &str = "../sms/data/sms-codes.tsv";

/// The SMS table's Simplified Chinese, which the hand-written localization of `bench --locale`
/// returns from a `match`.
const FTL: &str = "../sms/locales/zh-CN.ftl";

fn main() {
    println!("cargo::rerun-if-changed={TSV}");
    println!("cargo::rerun-if-changed=src/codegen.rs");
    println!("cargo::rerun-if-changed={FTL}");
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("-V")
        .output()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .unwrap_or_default();
    println!("cargo::rustc-env=BENCH_RUSTC_VERSION={version}");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let sms = codegen::rows_from_tsv(&std::fs::read_to_string(TSV).expect("the SMS table"));
    let big = codegen::synthetic_rows(BIG);
    // The same tables with codes of other types: negative `i32` codes, `i64` codes beyond
    // `u32`, each as the derive and as hand-written matches (`bench --code-types`).
    for (table, name, rows) in [("sms", "Sms", &sms), ("big", "Big", &big)] {
        for code_type in [CodeType::I32_NEGATED, CodeType::I64_BEYOND_U32] {
            for (style_name, style) in [("apicode", Style::Apicode), ("hand", Style::Hand)] {
                let source = codegen::render_typed(style, name, rows, code_type);
                let file = format!("{table}_{}_{style_name}.rs", code_type.name);
                std::fs::write(out.join(file), source).expect("OUT_DIR is writable");
            }
        }
    }
    let translations = std::fs::read_to_string(FTL).expect("the SMS translations");
    std::fs::write(out.join("sms_zh_cn.rs"), hand_translations(&translations))
        .expect("OUT_DIR is writable");
    for (style_name, style) in Style::ALL {
        if style == Style::Bare {
            continue;
        }
        for (table, name, rows) in [("sms", "Sms", &sms), ("big", "Big", &big)] {
            let source = codegen::render(style, name, rows);
            std::fs::write(out.join(format!("{table}_{style_name}.rs")), source)
                .expect("OUT_DIR is writable");
        }
    }
}

/// A hand-written `match` from each `apicode_sms::SmsError` variant to its text in `ftl`, a
/// Fluent file of one plain `Name = text` line per code (the variants are named as the
/// messages; the catch-all `Unknown` holds its code).
fn hand_translations(ftl: &str) -> String {
    let mut source = String::from(
        "/// The code's text in Simplified Chinese.\n\
         pub fn zh_cn(error: &SmsError) -> &'static str {\n    match error {\n",
    );
    for line in ftl.lines() {
        let Some((name, text)) = line.split_once(" = ") else {
            continue;
        };
        if name.starts_with('#') {
            continue;
        }
        let pattern = if name == "Unknown" {
            "Unknown(_)".to_owned()
        } else {
            name.to_owned()
        };
        let _ = writeln!(source, "        SmsError::{pattern} => {text:?},");
    }
    source.push_str("    }\n}\n");
    source
}

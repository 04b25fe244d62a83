//! Prints a code table in one style: `gen STYLE (sms TSV | COUNT) [NAME]`.
//!
//! `compile-times.sh` writes its fixture crates with it; `gen hand 2001` shows exactly what
//! the benchmark's hand-written large table looks like.

#[path = "../codegen.rs"]
#[allow(dead_code)]
mod codegen;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: gen STYLE (sms TSV | COUNT) [NAME]; STYLE: peer, hand, hand_repr, apicode, apicode_string, bare";
    let Some(style) = args
        .first()
        .and_then(|name| codegen::Style::from_name(name))
    else {
        eprintln!("{usage}");
        return ExitCode::FAILURE;
    };
    let (rows, rest) = match args.get(1).map(String::as_str) {
        Some("sms") => {
            let Some(path) = args.get(2) else {
                eprintln!("{usage}");
                return ExitCode::FAILURE;
            };
            match std::fs::read_to_string(path) {
                Ok(text) => (codegen::rows_from_tsv(&text), &args[3..]),
                Err(error) => {
                    eprintln!("{path}: {error}");
                    return ExitCode::FAILURE;
                }
            }
        }
        Some(count) => {
            let Ok(count) = count.parse() else {
                eprintln!("{usage}");
                return ExitCode::FAILURE;
            };
            (codegen::synthetic_rows(count), &args[2..])
        }
        None => {
            eprintln!("{usage}");
            return ExitCode::FAILURE;
        }
    };
    let name = rest.first().map_or("Codes", String::as_str);
    print!("{}", codegen::render(style, name, &rows));
    ExitCode::SUCCESS
}

//! No input makes the derive panic or emit something that is not Rust.
//!
//! A proc-macro crate exports nothing but its macros, so this test compiles the derive's own
//! modules and runs the derive's three stages (`derive` below: parse, validate, expand, as the
//! proc macro does) on many
//! thousands of generated enums: well-formed tables, which must expand without an error, and
//! broken or odd ones (bad literals, missing parts, attribute soup, odd identifiers, structs and
//! unions, huge tables), which may be refused. Whatever the input, the derive returns tokens
//! that parse as Rust items, refusals carry a `compile_error!`, the same input always gives the
//! same tokens, and nothing panics. A few more tests check expansions that parse but would not
//! compile cleanly: colliding generic parameters, `field: field` patterns (a rustc warning in
//! the user's crate), crate paths and format placeholders that rustc refuses.
//!
//! The inputs come from a small generator with a fixed seed, so a failure is reproducible.
//! `NO_PANIC_SEED` and `NO_PANIC_CASES` (the number of cases of each random test) explore other
//! seeds and longer runs.

// The derive's modules are compiled here for `derive` alone; the rest of their items
// are used by the proc macro only.
#![allow(dead_code)]

#[path = "../src/api_error.rs"]
mod api_error;
#[path = "../src/ast.rs"]
mod ast;
#[path = "../src/attr/mod.rs"]
mod attr;
#[path = "../src/bitmap.rs"]
mod bitmap;
#[path = "../src/code_expr.rs"]
mod code_expr;
#[path = "../src/code_table.rs"]
mod code_table;
#[path = "../src/code_type.rs"]
mod code_type;
#[path = "../src/convert.rs"]
mod convert;
#[path = "../src/ctxt.rs"]
mod ctxt;
#[path = "../src/display.rs"]
mod display;
#[path = "../src/expand.rs"]
mod expand;
#[path = "../src/fallback.rs"]
mod fallback;
#[path = "../src/fmt.rs"]
mod fmt;
#[path = "../src/locale.rs"]
mod locale;
#[path = "../src/model.rs"]
mod model;
#[path = "../src/pattern.rs"]
mod pattern;
#[path = "../src/phf.rs"]
mod phf;
#[path = "../src/rows.rs"]
mod rows;
#[path = "../src/serde.rs"]
mod serde;
#[path = "../src/symbol.rs"]
mod symbol;
#[path = "../src/valid.rs"]
mod valid;

use std::fmt::Write as _;
use std::panic::{self, AssertUnwindSafe};
use std::time::Instant;

use proc_macro2::{TokenStream, TokenTree};

// ---------------------------------------------------------------------------------------------
// Running one input

/// What the derive made of one input.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Outcome {
    /// Items without any `compile_error!`.
    Expanded,
    /// Items with at least one `compile_error!`.
    Refused,
    /// The source is not a `DeriveInput` at all: rustc would never call the derive on it.
    NotAnItem,
}

/// The counts of one test, and the inputs that broke a rule.
#[derive(Default)]
struct Report {
    expanded: usize,
    refused: usize,
    not_an_item: usize,
    failures: Vec<String>,
}

impl Report {
    fn total(&self) -> usize {
        self.expanded + self.refused + self.not_an_item + self.failures.len()
    }

    /// Runs one input; a panic, output that is not Rust items, or output that changes from
    /// one run to the next is recorded as a failure.
    fn run(&mut self, source: &str, check_determinism: bool) -> Option<Outcome> {
        match run(source, check_determinism) {
            Ok(outcome) => {
                match outcome {
                    Outcome::Expanded => self.expanded += 1,
                    Outcome::Refused => self.refused += 1,
                    Outcome::NotAnItem => self.not_an_item += 1,
                }
                Some(outcome)
            }
            Err(why) => {
                self.failures
                    .push(format!("{why}\n--- input ---\n{}", shorten(source)));
                None
            }
        }
    }

    /// Prints the counts and the time taken.
    fn print(&self, name: &str, started: Instant) {
        println!(
            "{name}: {} cases ({} expanded, {} refused with compile_error!, {} not a derive input) in {:.1?}",
            self.total(),
            self.expanded,
            self.refused,
            self.not_an_item,
            started.elapsed()
        );
    }

    /// Prints the counts, then fails the test with the first inputs that broke a rule.
    fn assert_no_failures(&self, name: &str, started: Instant) {
        self.print(name, started);
        if let Some(first) = self.failures.first() {
            let shown: Vec<&String> = self.failures.iter().take(5).collect();
            panic!(
                "{} of {} inputs broke the derive; the first {}:\n\n{}\n\n(first: {})",
                self.failures.len(),
                self.total(),
                shown.len(),
                shown
                    .iter()
                    .map(|failure| failure.as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n========\n\n"),
                first.lines().next().unwrap_or_default()
            );
        }
    }
}

fn shorten(source: &str) -> String {
    const LIMIT: usize = 3000;
    match source.char_indices().nth(LIMIT) {
        Some((end, _)) => format!("{}\n... ({} bytes in all)", &source[..end], source.len()),
        None => source.to_owned(),
    }
}

fn run(source: &str, check_determinism: bool) -> Result<Outcome, String> {
    let Ok(input) = syn::parse_str::<syn::DeriveInput>(source) else {
        return Ok(Outcome::NotAnItem);
    };
    let tokens = expand_caught(&input)?;
    if check_determinism {
        let again = expand_caught(&input)?;
        if again.to_string() != tokens.to_string() {
            return Err("the expansion differs from one run to the next".to_owned());
        }
    }
    let refused = has_compile_error(tokens.clone());
    if let Err(error) = syn::parse2::<syn::File>(tokens.clone()) {
        return Err(format!(
            "the expansion ({}) is not Rust items: {error}\n--- expansion ---\n{}",
            if refused { "refused" } else { "expanded" },
            shorten(&tokens.to_string())
        ));
    }
    Ok(if refused {
        Outcome::Refused
    } else {
        Outcome::Expanded
    })
}

/// What `#[derive(ApiError)]` does with its input, as in the macro crate's `lib.rs`.
fn derive(input: &syn::DeriveInput) -> TokenStream {
    let checked = valid::check(ast::Input::parse(input));
    expand::expand(input, checked)
}

fn expand_caught(input: &syn::DeriveInput) -> Result<TokenStream, String> {
    panic::catch_unwind(AssertUnwindSafe(|| derive(input))).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|text| (*text).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a non-string payload".to_owned());
        format!("the derive panicked: {message}")
    })
}

fn has_compile_error(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|token| match token {
        TokenTree::Ident(ident) => ident == "compile_error",
        TokenTree::Group(group) => has_compile_error(group.stream()),
        _ => false,
    })
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------------
// The generator

/// splitmix64 (tiny, fast, the same sequence on every platform), with a "wildness": the share
/// of choices that take an odd or broken branch, set per input so that the inputs range from
/// clean tables to pure noise.
struct Rng {
    state: u64,
    wild: u64,
}

impl Rng {
    fn new(seed: u64) -> Self {
        Rng {
            state: seed,
            wild: 100,
        }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n as u64)).unwrap_or(0)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// Whether to take an odd branch, as often as the current wildness says.
    fn odd(&mut self) -> bool {
        self.chance(self.wild)
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for index in (1..items.len()).rev() {
            let other = self.below(index + 1);
            items.swap(index, other);
        }
    }
}

/// Literals of every kind, for any place that takes one.
const ODD_LITERALS: &[&str] = &[
    "0",
    "1",
    "104202",
    "4294967295",
    "4294967296",
    "18446744073709551616",
    "340282366920938463463374607431768211456",
    "99999999999999999999999999999999999999999999999999",
    "00000000000000000000000000000000000000000000000007",
    "1.5",
    "1e3",
    "1.0e10",
    "1f32",
    "1u32",
    "1_u32",
    "1u64",
    "1i8",
    "1usize",
    "1u16",
    "1_000",
    "1__0_",
    "0x1F",
    "0xFFFF_FFFF",
    "0x1_0000_0000",
    "0xffffffffffffffffffffffffffffffffff",
    "0o17",
    "0b101",
    "0b1111_1111_1111_1111_1111_1111_1111_1111_1",
    "1suffix",
    "b\"1\"",
    "b'1'",
    "'1'",
    "'\\u{10FFFF}'",
    "\"1\"",
    "\"\"",
    "\"Message\"",
    "\"Message\"suffix",
    "r\"raw\"",
    "r#\"raw \"quoted\"\"#",
    "c\"cstr\"",
    "br\"raw bytes\"",
    "true",
    "false",
];

/// Tokens of every kind, for attribute soup.
const SOUP_TOKENS: &[&str] = &[
    "other",
    "transparent",
    "status",
    "detail",
    "description",
    "serde",
    "thiserror",
    "crate",
    "range",
    "grpc",
    "domain",
    "code",
    "error",
    "from",
    "source",
    "api_error",
    "self",
    "Self",
    "super",
    "r#type",
    "r#other",
    "Café",
    "日本",
    "_",
    "Type",
    "Type::Variant",
    "::apicode",
    "u32",
    ",",
    ",",
    ",",
    "=",
    "==",
    "..=",
    "..",
    "::",
    ":",
    ";",
    "#",
    "!",
    "-",
    "+",
    ".",
    "$",
    "@",
    "?",
    "'a",
    "&",
    "<",
    ">",
    "=>",
    "->",
    "|",
    "~",
    "*",
];

/// A sequence of random tokens with balanced groups, `depth` groups deep at most.
fn soup(rng: &mut Rng, depth: u32) -> String {
    let mut out = String::new();
    for _ in 0..rng.below(7) {
        if depth > 0 && rng.chance(15) {
            let inner = soup(rng, depth - 1);
            let (open, close) = rng.pick(&[("(", ")"), ("[", "]"), ("{", "}")]);
            let _ = write!(out, "{open}{inner}{close} ");
        } else if rng.chance(30) {
            out.push_str(rng.pick(ODD_LITERALS));
            out.push(' ');
        } else {
            out.push_str(rng.pick(SOUP_TOKENS));
            out.push(' ');
        }
    }
    out
}

/// Random text for a message, a detail or a doc line: printable, non-ASCII, escapes, braces.
fn text(rng: &mut Rng) -> String {
    const PIECES: &[&str] = &[
        "Invalid",
        "Signature",
        "Timestamp",
        " ",
        "  ",
        "0",
        "42",
        "é",
        "日本語",
        "🚀",
        "\\\"",
        "\\\\",
        "\\n",
        "\\t",
        "\\u{0}",
        "\\u{1F600}",
        "{",
        "}",
        "{}",
        "{0}",
        "*",
        "/",
        "|",
        "'",
        "#",
        "`",
        "\\r\\n",
    ];
    let mut out = String::new();
    for _ in 0..rng.below(6) {
        out.push_str(rng.pick(PIECES));
    }
    if rng.chance(2) {
        out.push_str(&"x".repeat(500));
    }
    out
}

fn string_literal(rng: &mut Rng) -> String {
    let body = text(rng);
    match rng.below(12) {
        0 => format!("r#\"{}\"#", body.replace(['\\', '"'], "/")),
        1 => format!("\"{body}\"suffix"),
        2 => format!(
            "b\"{}\"",
            body.replace(|c: char| !c.is_ascii() || c == '\\' || c == '"', "?")
        ),
        _ => format!("\"{body}\""),
    }
}

/// The code position of `#[code(CODE, ...)]`.
fn code_value(rng: &mut Rng, index: usize) -> String {
    if !rng.odd() {
        return (100_000 + index).to_string();
    }
    match rng.below(100) {
        0..=49 => (100_000 + index).to_string(),
        50..=64 => format!("{}", rng.next() % (u64::from(u32::MAX) + 1)),
        65..=87 => (100_000 + rng.below(4)).to_string(),
        88 => "-1".to_owned(),
        89 => "- 1".to_owned(),
        95 => "-9223372036854775809".to_owned(),
        96 => "18446744073709551616".to_owned(),
        90 => "u32::MAX".to_owned(),
        91 => "CODE".to_owned(),
        92 => "(1)".to_owned(),
        93 => "1 + 1".to_owned(),
        _ => (rng.pick(ODD_LITERALS)).to_owned(),
    }
}

fn message_value(rng: &mut Rng, index: usize) -> String {
    if !rng.odd() {
        return format!("\"Message{index}\"");
    }
    match rng.below(100) {
        0..=49 => format!("\"{} {index}\"", text(rng)),
        50..=69 => format!("\"Dup{}\"", rng.below(3)),
        70..=92 => string_literal(rng),
        93 => "Message".to_owned(),
        94 => "\"\"".to_owned(),
        95 => "\"12345\"".to_owned(),
        _ => (rng.pick(ODD_LITERALS)).to_owned(),
    }
}

fn status_value(rng: &mut Rng) -> String {
    const STATUSES: &[&str] = &[
        "200",
        "400",
        "404",
        "100",
        "599",
        "99",
        "600",
        "0",
        "65535",
        "65536",
        "4294967296",
        "-1",
        "\"400\"",
        "4e2",
        "400.0",
        "0x190",
        "400u16",
        "400u8",
        "400i32",
        "status",
        "(400)",
    ];
    if rng.odd() {
        rng.pick(STATUSES).to_owned()
    } else {
        rng.pick(&STATUSES[..5]).to_owned()
    }
}

/// The `key = value` pairs after the message, in any order, some broken.
fn code_keys(rng: &mut Rng) -> String {
    if !rng.odd() {
        let mut keys = Vec::new();
        if rng.chance(40) {
            keys.push(format!(", status = {}", status_value(rng)));
        }
        if rng.chance(30) {
            keys.push(format!(", detail = \"{}.\"", text(rng)));
        }
        if rng.chance(20) {
            keys.push(format!(", grpc = \"{}\"", rng.pick(GRPC_NAMES)));
        }
        rng.shuffle(&mut keys);
        return keys.concat();
    }
    let mut keys = Vec::new();
    for _ in 0..rng.below(4) {
        keys.push(match rng.below(17) {
            14 => format!("grpc = \"{}\"", rng.pick(GRPC_NAMES)),
            15 => format!("grpc = {}", rng.pick(ODD_LITERALS)),
            16 => format!("grpc = {}", string_literal(rng)),
            0..=4 => format!("status = {}", status_value(rng)),
            5..=8 => format!("detail = {}", string_literal(rng)),
            9 => "status".to_owned(),
            10 => format!("description = {}", string_literal(rng)),
            11 => format!(
                "{} = 1",
                rng.pick(&["stauts", "Status", "detial", "other", "r#status"])
            ),
            12 => format!("detail = {}", rng.pick(ODD_LITERALS)),
            _ => soup(rng, 2),
        });
    }
    let mut out = String::new();
    for key in keys {
        out.push_str(if rng.chance(95) { ", " } else { " " });
        out.push_str(&key);
    }
    if rng.chance(10) {
        out.push(',');
    }
    out
}

/// One `#[code...]` attribute.
fn code_attr(rng: &mut Rng, index: usize) -> String {
    if !rng.odd() {
        let code = code_value(rng, index);
        let message = message_value(rng, index);
        let keys = code_keys(rng);
        return format!("#[code({code}, {message}{keys})]");
    }
    let inner = match rng.below(100) {
        0..=69 => {
            let code = code_value(rng, index);
            let message = message_value(rng, index);
            let keys = code_keys(rng);
            match rng.below(40) {
                0 => code.clone(),
                1 => format!("{code},"),
                2 => format!("{message}, {code}{keys}"),
                3 => format!("{code} {message}{keys}"),
                4 => format!("{code}, {message}, {message}"),
                5 => format!(", {code}, {message}"),
                _ => format!("{code}, {message}{keys}"),
            }
        }
        70..=77 => format!("other{}", code_keys(rng)),
        78..=81 => {
            if rng.chance(80) {
                "transparent".to_owned()
            } else {
                format!("transparent{}", code_keys(rng))
            }
        }
        82..=86 => (rng.pick(&[
            "Other::Variant",
            "crate::Other::Variant",
            "::other::Table::Entry",
            "Other::r#type",
            "Other::Variant, status = 400",
            "Other",
            "Other<u8>::Variant",
            "<Other as Trait>::Variant",
            "Other::Variant::",
            "Self::Variant",
            "othre",
            "Transparent",
        ]))
        .to_owned(),
        87..=89 => String::new(),
        90..=92 => format!("code({})", code_value(rng, index)),
        _ => soup(rng, 3),
    };
    match rng.below(100) {
        0..=89 => format!("#[code({inner})]"),
        94 => "#[code]".to_owned(),
        95 => format!("#[code = {}]", code_value(rng, index)),
        96 => format!("#[code[{inner}]]"),
        97 => format!("#[code{{{inner}}}]"),
        98 => format!("#[code::nested({inner})]"),
        _ => format!("#[cfg_attr(all(), code({inner}))]"),
    }
}

/// A format string for `#[error("...")]`, with placeholders that may or may not name fields.
fn format_string(rng: &mut Rng, field_names: &[String]) -> String {
    const PIECES: &[&str] = &[
        "text ",
        "{}",
        "{0}",
        "{1}",
        "{5}",
        "{:?}",
        "{0:?}",
        "{0:>8}",
        "{:>1$}",
        "{0:.1$}",
        "{:width$}",
        "{{",
        "}}",
        "{",
        "}",
        "{ }",
        "{:}",
        "{ 0 }",
        "{+0}",
        "{-1}",
        "{0x1}",
        "{18446744073709551616}",
        "{é}",
        "{r#type}",
        "{:$}",
        "{:1$$}",
        "{:é$}",
        "{0:#?}",
        "{missing}",
        "{self}",
        "{Self}",
        "{__field_0}",
        "{{{0}}}",
        "日本語",
        "🚀",
        "\\u{7B}",
        "\\\"",
        "{:.*}",
        "{0:<5.2}",
        "{:+}",
    ];
    let mut out = String::new();
    if !rng.odd() {
        for _ in 0..rng.below(5) {
            let name = field_names[..].get(rng.below(field_names.len() + 1));
            match name {
                Some(name) if !name.starts_with("r#") => {
                    let spec = rng.pick(&["", ":?", ":>5", ":#?"]);
                    let _ = write!(out, "{{{name}{spec}}}");
                }
                _ => out.push_str(rng.pick(&["text ", "{{", "}}", "日本語 🚀", "\\\"", "50%"])),
            }
        }
        return out;
    }
    for _ in 0..rng.below(6) {
        if !field_names.is_empty() && rng.chance(35) {
            let name = field_names[rng.below(field_names.len())].trim_start_matches("r#");
            let spec = rng.pick(&["", "", ":?", ":>5", ":.2", ":#?", ":x"]);
            let _ = write!(out, "{{{name}{spec}}}");
        } else {
            out.push_str(rng.pick(PIECES));
        }
    }
    out
}

/// One `#[error...]` attribute.
fn error_attr(rng: &mut Rng, field_names: &[String]) -> String {
    let format = format_string(rng, field_names);
    if !rng.odd() {
        return format!("#[error(\"{format}\")]");
    }
    let args = match rng.below(12) {
        0 => ", width = 5".to_owned(),
        1 => ", .0".to_owned(),
        2 => field_names
            .first()
            .map(|name| format!(", .{name}"))
            .unwrap_or_default(),
        3 => ", a == b".to_owned(),
        4 => format!(", {}", soup(rng, 2)),
        5 => ", 1, 2, 3".to_owned(),
        _ => String::new(),
    };
    match rng.below(30) {
        0 => "#[error(transparent)]".to_owned(),
        1 => "#[error(transparent, extra)]".to_owned(),
        2 => "#[error]".to_owned(),
        3 => "#[error = \"text\"]".to_owned(),
        4 => format!("#[error({})]", rng.pick(ODD_LITERALS)),
        5 => format!(
            "#[error(r#\"{}\"#{args})]",
            format.replace(['\\', '"'], "/")
        ),
        6 => format!("#[error({})]", soup(rng, 3)),
        7 => "#[error(concat!(\"a\", \"b\"))]".to_owned(),
        _ => format!("#[error(\"{format}\"{args})]"),
    }
}

/// One `#[doc...]` attribute.
fn doc_attr(rng: &mut Rng) -> String {
    match rng.below(12) {
        0 => "#[doc = \"\"]".to_owned(),
        1 => "#[doc = \"first line\\n\\n second paragraph\"]".to_owned(),
        2 => "#[doc = \"\\n * block\\n * comment\\n \"]".to_owned(),
        3 => "#[doc(hidden)]".to_owned(),
        4 => "#[doc = 5]".to_owned(),
        5 => "#[doc = concat!(\"a\", \"b\")]".to_owned(),
        6 => "#[doc]".to_owned(),
        7 => format!("#[doc = r\"{}\"]", text(rng).replace(['"', '\\'], "/")),
        _ => format!("#[doc = \"{}\"]", text(rng)),
    }
}

const FIELD_TYPES: &[&str] = &[
    "u32",
    "u32",
    "u64",
    "String",
    "&'static str",
    "std::io::Error",
    "Box<dyn std::error::Error + Send + Sync>",
    "Option<std::io::Error>",
    "Option<u32>",
    "T",
    "Vec<T>",
    "&'a str",
    "[u8; 4]",
    "core::primitive::u32",
    "::std::primitive::u32",
    "Inner",
    "self::Inner",
    "()",
    "(u32, u32)",
    "fn() -> u32",
    "dyn Fn()",
    "impl Sized",
    "_",
    "!",
    "<T as Trait>::Assoc",
    "u32<u8>",
    "Café",
    "r#type",
];

const FIELD_NAMES: &[&str] = &[
    "number",
    "code",
    "source",
    "r#type",
    "r#fn",
    "é",
    "__field_0",
    "__formatter",
    "__code",
    "__inner",
    "__source",
    "__value",
    "count",
];

fn field_attrs(rng: &mut Rng) -> String {
    let mut out = String::new();
    if !rng.odd() || rng.chance(75) {
        return out;
    }
    for _ in 0..=rng.below(2) {
        out.push_str(rng.pick(&[
            "#[from] ",
            "#[source] ",
            "#[from(x)] ",
            "#[source = 1] ",
            "#[code(1, \"x\")] ",
            "#[error(\"x\")] ",
            "#[doc = \"x\"] ",
            "#[serde(default)] ",
            "#[api_error] ",
        ]));
    }
    out
}

/// The fields of one variant, and the names a format string may use.
fn fields(rng: &mut Rng) -> (String, Vec<String>) {
    let count = rng.pick(&[0, 1, 1, 1, 2, 3]);
    match rng.below(3) {
        0 => (String::new(), Vec::new()),
        1 => {
            let mut out = String::from("(");
            let mut names = Vec::new();
            for index in 0..count {
                let _ = write!(out, "{}{}, ", field_attrs(rng), rng.pick(FIELD_TYPES));
                names.push(index.to_string());
            }
            out.push(')');
            (out, names)
        }
        _ => {
            let mut out = String::from(" { ");
            let mut names = Vec::new();
            for index in 0..count {
                let name = if rng.chance(60) {
                    format!("field{index}")
                } else {
                    (rng.pick(FIELD_NAMES)).to_owned()
                };
                let _ = write!(
                    out,
                    "{}{name}: {}, ",
                    field_attrs(rng),
                    rng.pick(FIELD_TYPES)
                );
                names.push(name);
            }
            out.push('}');
            (out, names)
        }
    }
}

const VARIANT_NAMES: &[&str] = &[
    "Ok",
    "Err",
    "Some",
    "None",
    "Unknown",
    "Other",
    "r#type",
    "r#match",
    "Café",
    "Ünïcödé",
    "変数",
    "__APICODE_ROWS",
    "__apicode_row",
    "Default",
    "From",
];

fn variant_name(rng: &mut Rng, index: usize) -> String {
    if rng.chance(85) {
        format!("V{index}")
    } else {
        let name = rng.pick(VARIANT_NAMES);
        // Keep names unique most of the time; a duplicate is a rustc error, not ours.
        if name.starts_with("r#") || rng.chance(50) {
            name.to_owned()
        } else {
            format!("{name}{index}")
        }
    }
}

/// One variant: attributes in random order, a name, fields, maybe a discriminant.
fn variant(rng: &mut Rng, index: usize) -> String {
    let (fields, names) = fields(rng);
    let mut attrs = Vec::new();
    for _ in 0..rng.below(3) {
        attrs.push(doc_attr(rng));
    }
    match rng.below(100) {
        0..=9 if rng.odd() => {}
        10..=19 if rng.odd() => {
            attrs.push(code_attr(rng, index));
            attrs.push(code_attr(rng, index + 1_000_000));
        }
        _ => attrs.push(code_attr(rng, index)),
    }
    if rng.chance(30) {
        attrs.push(error_attr(rng, &names));
    }
    if rng.odd() && rng.chance(5) {
        attrs.push(error_attr(rng, &names));
    }
    if rng.odd() && rng.chance(8) {
        attrs.push(
            (rng.pick(&[
                "#[from]",
                "#[source]",
                "#[api_error(status = 400)]",
                "#[allow(dead_code)]",
                "#[serde(rename = \"x\")]",
                "#[cfg(all())]",
                "#[code::other]",
            ]))
            .to_owned(),
        );
    }
    rng.shuffle(&mut attrs);
    let discriminant = if rng.odd() && rng.chance(3) {
        format!(
            " = {}",
            rng.pick(&["1", "-1", "1 + 2", "\"x\"", "u32::MAX", "4294967296"])
        )
    } else {
        String::new()
    };
    format!(
        "    {}\n    {}{fields}{discriminant},\n",
        attrs.join("\n    "),
        variant_name(rng, index)
    )
}

/// gRPC code names, right and wrong.
const GRPC_NAMES: &[&str] = &[
    "unauthenticated",
    "invalid_argument",
    "not_found",
    "ok",
    "data_loss",
    "InvalidArgument",
    "INVALID_ARGUMENT",
    "unauthenticate",
    "",
    " ok",
    "teapot",
];

const ENUM_KEYS: &[&str] = &[
    "grpc = \"unavailable\"",
    "grpc = \"Unavailable\"",
    "grpc = \"\"",
    "grpc = 14",
    "grpc",
    "domain = \"sms.example.com\"",
    "domain = \"\"",
    "domain = \" padded \"",
    "domain = 1",
    "domain",
    "status = 400",
    "status = 200",
    "status = 99",
    "status = 600",
    "status = 65536",
    "status = -1",
    "status = \"400\"",
    "status",
    "status = 4e2",
    "serde = \"string\"",
    "serde = \"number\"",
    "serde = \"text\"",
    "serde = \"\"",
    "serde = 1",
    "serde",
    "serde(string)",
    "thiserror",
    "thiserror = true",
    "thiserror(x)",
    "crate = \"::apicode\"",
    "crate = \"apicode\"",
    "crate = \"my::path\"",
    "crate = \"\"",
    "crate = \"a b\"",
    "crate = \"::\"",
    "crate = crate",
    "crate = \"self\"",
    "crate = \"r#type\"",
    "crate = \"crate::apicode\"",
    "range = 100000..=199999",
    "range = 0..=4294967295",
    "range = 5..=1",
    "range = 1..10",
    "range = 1",
    "range = ..=5",
    "range = 1..=",
    "range = \"1..=5\"",
    "range = 1u64..=2",
    "range = 0x10..=0x20",
    "range = 4294967296..=4294967297",
    "range = -5..=5",
    "code = i32",
    "code = i64",
    "code = f32",
    "code = \"i32\"",
    "code = u128",
    "code = 5",
    "skip(axum)",
    "skip(axum, tonic, rmcp)",
    "skip(nope)",
    "skip",
    "skip()",
    "integrations(tonic)",
    "integrations = 1",
    "integrations(axum, axum)",
    "wire(code = \"errcode\", message = \"errmsg\", status = 200, success = 0)",
    "wire(nest = \"error\", data = flattened, code_required)",
    "wire(data = none, success = -1, content_type = \"application/vnd.x+json\")",
    "wire(problem)",
    "wire(problem, status = 200)",
    "wire(code = \"\", message = \"code\")",
    "wire(data = \"code\", success = 99999999999999999999999)",
    "wire(content_type = \"text/html\", status = 99)",
    "wire(stauts = 1, success = x, data = 1)",
    "wire(code)",
    "wire = 1",
    "wire()",
    "locales(\"zh-CN\")",
    "locales(\"zh_CN\", \"fr\", \"fr\")",
    "locales()",
    "locale_dir = \"nowhere\"",
    "language = \"english\"",
    "unknown = 1",
    "stauts = 400",
    "Status = 400",
    "a::b = 1",
    "code(1)",
    "api_error(status = 400)",
];

/// The attributes of the enum, in random order.
fn enum_attrs(rng: &mut Rng) -> String {
    let mut attrs = Vec::new();
    if !rng.odd() {
        if rng.chance(50) {
            let mut keys = Vec::new();
            if rng.chance(50) {
                keys.push(format!("status = {}", status_value(rng)));
            }
            if rng.chance(50) {
                keys.push(
                    rng.pick(&["serde = \"string\"", "serde = \"number\""])
                        .to_owned(),
                );
            }
            rng.shuffle(&mut keys);
            attrs.push(format!("#[api_error({})]", keys.join(", ")));
        }
        if rng.chance(30) {
            attrs.push(doc_attr(rng));
        }
        rng.shuffle(&mut attrs);
        return attrs.join("\n");
    }
    for _ in 0..rng.below(4) {
        attrs.push(match rng.below(20) {
            0..=11 => {
                let mut keys: Vec<String> = Vec::new();
                for _ in 0..rng.below(4) {
                    keys.push(if rng.chance(90) {
                        (rng.pick(ENUM_KEYS)).to_owned()
                    } else {
                        soup(rng, 2)
                    });
                }
                format!("#[api_error({})]", keys.join(", "))
            }
            12 => "#[api_error]".to_owned(),
            13 => "#[api_error = 1]".to_owned(),
            14 => code_attr(rng, 7),
            15 => error_attr(rng, &[]),
            16 => doc_attr(rng),
            17 => "#[repr(u8)]".to_owned(),
            18 => "#[non_exhaustive]".to_owned(),
            _ => format!("#[api_error({})]", soup(rng, 3)),
        });
    }
    rng.shuffle(&mut attrs);
    attrs.join("\n")
}

const GENERICS: &[&str] = &[
    "",
    "",
    "",
    "<T>",
    "<'a>",
    "<'a, T: core::fmt::Display + 'a>",
    "<T, const N: usize>",
    "<const N: u32 = 5>",
    "<T = u32>",
    "<'de>",
    "<__S, __D>",
    "<'a, 'b: 'a, T: ?Sized + 'b>",
];

const WHERE_CLAUSES: &[&str] = &[
    "",
    "",
    "",
    " where T: Clone",
    " where Self: Sized",
    " where",
];

const VISIBILITIES: &[&str] = &[
    "",
    "pub ",
    "pub(crate) ",
    "pub(super) ",
    "pub(in crate::a) ",
];

const ENUM_NAMES: &[&str] = &["E", "SmsError", "r#enum", "r#type", "Ünï", "エラー", "__E"];

/// An enum (or now and then a struct or a union) of `variants` variants, odd or broken in any
/// place.
fn odd_input(rng: &mut Rng, variants: usize) -> String {
    let mut out = enum_attrs(rng);
    out.push('\n');
    out.push_str(rng.pick(VISIBILITIES));
    let name = rng.pick(ENUM_NAMES);
    let generics = rng.pick(GENERICS);
    let where_clause = rng.pick(WHERE_CLAUSES);
    match rng.below(40) {
        0 if rng.odd() => {
            let (fields, _) = fields(rng);
            let fields = if fields.is_empty() { ";" } else { &fields };
            let semicolon = if fields.starts_with('(') { ";" } else { "" };
            let _ = write!(out, "struct {name}{generics}{fields}{semicolon}");
        }
        1 if rng.odd() => {
            let _ = write!(out, "union {name}{generics} {{ a: u32, b: f32 }}");
        }
        _ => {
            let _ = writeln!(out, "enum {name}{generics}{where_clause} {{");
            for index in 0..variants {
                out.push_str(&variant(rng, index));
            }
            out.push('}');
        }
    }
    out
}

/// The `#[code(other)]` attribute and the fields of a well-formed catch-all.
fn valid_catch_all(rng: &mut Rng, code_type: &str) -> (String, String) {
    let mut keys = String::new();
    if rng.chance(30) {
        let _ = write!(keys, ", status = {}", 100 + rng.below(500));
    }
    if rng.chance(30) {
        keys.push_str(", detail = \"Outside the table\"");
    }
    let fields = if rng.chance(50) {
        format!("({code_type})")
    } else {
        format!(" {{ code: {code_type} }}")
    };
    (format!("#[code(other{keys})]"), fields)
}

/// The attributes and fields of a well-formed row with the given code: a `#[code]` with
/// optional keys, maybe fields, maybe an `#[error]` that names one of them.
fn valid_row(
    rng: &mut Rng,
    index: usize,
    (code, code_type): (i128, &str),
    generic: bool,
    thiserror: bool,
) -> (Vec<String>, String) {
    let message = if rng.chance(80) {
        format!("Message{index}")
    } else {
        format!("{} {index}", text(rng).replace('"', "'"))
    };
    let mut keys = String::new();
    if rng.chance(40) {
        let _ = write!(keys, ", status = {}", 100 + rng.below(500));
    }
    if rng.chance(20) {
        keys.push_str(", detail = \"A sentence.\"");
    }
    let code = match rng.below(10) {
        0 => format!("{code}{code_type}"),
        1 if code >= 0 => format!("{code:#x}"),
        _ => code.to_string(),
    };
    let mut attrs = vec![format!("#[code({code}, \"{message}\"{keys})]")];
    let (fields, named) = match rng.below(4) {
        0 | 1 => (String::new(), None),
        2 => {
            let ty = rng.pick(&["u32", "String", "&'static str", "Option<u32>"]);
            let ty = if generic && rng.chance(50) { "T" } else { ty };
            (format!("({ty})"), Some(("0", ty)))
        }
        _ => {
            let ty = rng.pick(&["u32", "String", "std::io::Error"]);
            (
                format!(" {{ number: {ty}, r#type: u8 }}"),
                Some(("number", ty)),
            )
        }
    };
    if let Some((name, ty)) = named.filter(|_| !thiserror && rng.chance(50)) {
        let spec = if ty == "Option<u32>" { ":?" } else { "" };
        let tail = rng.pick(&["", "failed", "日本語 🚀", "\\\"quoted\\\"", "50%"]);
        attrs.push(format!(
            "#[error(\"{{{{braces}}}} {{{name}{spec}}} {tail}\")]"
        ));
    }
    (attrs, fields)
}

/// A table the derive must accept: unique codes and messages, well-formed attributes, formats
/// that name existing fields, one catch-all at most.
fn valid_input(rng: &mut Rng, variants: usize) -> String {
    let serde_string = rng.chance(50);
    let thiserror = rng.chance(10);
    let generic = rng.chance(20);
    let mut keys = Vec::new();
    if rng.chance(50) {
        keys.push(format!("status = {}", 100 + rng.below(500)));
    }
    if serde_string || rng.chance(20) {
        let mode = if serde_string { "string" } else { "number" };
        keys.push(format!("serde = \"{mode}\""));
    }
    if thiserror {
        keys.push("thiserror".to_owned());
    }
    if rng.chance(10) {
        keys.push("crate = \"::apicode\"".to_owned());
    }
    // Most tables keep the default u32; the others declare a code type, with codes of both
    // signs where it is signed, beyond u32 where it is 64-bit.
    let code_type = rng.pick(&[
        "u32", "u32", "u32", "u32", "u32", "i32", "i64", "u64", "i16",
    ]);
    if code_type != "u32" || rng.chance(5) {
        keys.push(format!("code = {code_type}"));
    }
    let base: i128 = match code_type {
        "i32" => -(i128::from(rng.next() % 1_000_000)) - 2_000_000,
        "i64" => -(1 << 40) - i128::from(rng.next() % 1_000_000),
        "u64" => (1 << 40) + i128::from(rng.next() % 1_000_000),
        "i16" => -30_000,
        _ => i128::from(rng.next() % 1_000_000),
    };
    let step: u64 = if code_type == "i16" { 10 } else { 1000 };
    let mut code: i128 = if code_type == "u32" && rng.chance(50) {
        0
    } else {
        base
    };
    let start = code;
    let mut body = String::new();
    let mut catch_all = false;
    for index in 0..variants {
        let name = if rng.chance(90) {
            format!("V{index}")
        } else {
            format!(
                "{}{index}",
                rng.pick(&["Café", "Ünï", "変数", "Ok", "None"])
            )
        };
        let mut attrs = Vec::new();
        if rng.chance(60) {
            attrs.push(format!("#[doc = \" {}\"]", text(rng)));
        }
        if rng.chance(20) {
            attrs.push(format!("#[doc = \" {}\"]", text(rng)));
        }
        let fields = if !catch_all && rng.chance(5) {
            catch_all = true;
            let (attr, fields) = valid_catch_all(rng, code_type);
            attrs.push(attr);
            fields
        } else {
            code += 1 + i128::from(rng.next() % step);
            let (row_attrs, fields) = valid_row(rng, index, (code, code_type), generic, thiserror);
            attrs.extend(row_attrs);
            fields
        };
        rng.shuffle(&mut attrs);
        let _ = writeln!(body, "    {}\n    {name}{fields},", attrs.join("\n    "));
    }
    if rng.chance(10) {
        keys.push(format!("range = {start}..={code}"));
    }
    rng.shuffle(&mut keys);
    let generics = if generic { "<T>" } else { "" };
    format!(
        "#[api_error({})]\npub enum Table{generics} {{\n{body}}}",
        keys.join(", ")
    )
}

// ---------------------------------------------------------------------------------------------
// The tests

#[test]
fn well_formed_tables_expand_without_errors() {
    let started = Instant::now();
    let seed = env_number("NO_PANIC_SEED", 0x00A9_1C0D);
    let cases = env_number("NO_PANIC_CASES", 1_000);
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    let mut wrongly_refused = Vec::new();
    for case in 0..cases {
        let variants = 1 + rng.below(12);
        let source = valid_input(&mut rng, variants);
        let outcome = report.run(&source, case % 20 == 0);
        if outcome != Some(Outcome::Expanded) && outcome.is_some() {
            wrongly_refused.push(source);
        }
    }
    report.assert_no_failures("well-formed tables", started);
    assert!(
        wrongly_refused.is_empty(),
        "{} well-formed tables were refused; the first:\n{}",
        wrongly_refused.len(),
        wrongly_refused[0]
    );
}

#[test]
fn broken_and_odd_inputs_never_panic() {
    let started = Instant::now();
    let seed = env_number("NO_PANIC_SEED", 0x5EED_0001);
    let cases = env_number("NO_PANIC_CASES", 5_000);
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    for case in 0..cases {
        rng.wild = rng.pick(&[0, 3, 10, 30, 100, 100]);
        let variants = rng.pick(&[0, 1, 1, 2, 3, 4, 6, 10]);
        let source = odd_input(&mut rng, variants);
        report.run(&source, case % 20 == 0);
    }
    report.assert_no_failures("broken and odd inputs", started);
    // The generator must exercise both paths and mostly produce real derive inputs, or this
    // test proves nothing.
    let total = report.total();
    assert!(
        report.not_an_item * 10 < total,
        "too many generated inputs are not derive inputs: {} of {total}",
        report.not_an_item
    );
    assert!(
        report.expanded * 20 > total && report.refused * 4 > total,
        "the generator lost its balance: {} expanded, {} refused of {total}",
        report.expanded,
        report.refused
    );
}

#[test]
fn attribute_soup_never_panics() {
    let started = Instant::now();
    let seed = env_number("NO_PANIC_SEED", 0x5EED_0002);
    let cases = env_number("NO_PANIC_CASES", 2_000);
    let mut rng = Rng::new(seed);
    let mut report = Report::default();
    for _ in 0..cases {
        let mut source = String::new();
        for _ in 0..rng.below(3) {
            let name = rng.pick(&["api_error", "code", "error", "doc"]);
            let _ = writeln!(source, "#[{name}({})]", soup(&mut rng, 4));
        }
        source.push_str("enum E {\n");
        for _ in 0..rng.below(5) {
            for _ in 0..rng.below(4) {
                let name = rng.pick(&[
                    "code",
                    "code",
                    "error",
                    "from",
                    "source",
                    "api_error",
                    "doc",
                ]);
                let _ = write!(source, "#[{name}({})] ", soup(&mut rng, 4));
            }
            let name = rng.pick(&["A", "B", "C", "r#type", "Ünï"]);
            let fields = rng.pick(&[
                "",
                "(u32)",
                "(#[from] std::io::Error)",
                " { source: Inner }",
                "(T, u32)",
            ]);
            let _ = writeln!(source, "{name}{fields},");
        }
        source.push('}');
        report.run(&source, false);
    }
    report.assert_no_failures("attribute soup", started);
}

#[test]
fn huge_tables_expand() {
    let started = Instant::now();
    let mut rng = Rng::new(0x5EED_0003);
    let mut report = Report::default();
    // Unit rows with docs and statuses, and a catch-all.
    let mut source = String::from("#[api_error(status = 400)]\nenum Huge {\n");
    for index in 0..5_000 {
        let code = 100_000 + index * 7;
        let _ = writeln!(
            source,
            "    #[doc = \" Entry {index}\"]\n    #[code({code}, \"Entry{index}\", status = {})]\n    Entry{index},",
            200 + index % 400
        );
    }
    source.push_str("    #[code(other)]\n    Unknown(u32),\n}");
    assert_eq!(report.run(&source, false), Some(Outcome::Expanded));
    // Codes as strings; fields, formats and sources on every row.
    let mut source = String::from("#[api_error(serde = \"string\")]\nenum HugeFields<T> {\n");
    for index in 0..5_000 {
        let _ = writeln!(
            source,
            "    #[code({index}, \"E{index}\")]\n    #[error(\"row {{number}} of {{{{table}}}}\")]\n    E{index} {{ number: T, #[source] source: std::io::Error }},"
        );
    }
    source.push_str("    #[code(other)]\n    Unknown { code: u32 },\n}");
    assert_eq!(report.run(&source, false), Some(Outcome::Expanded));
    // Every row broken: one compile error each, folded into one expansion.
    let mut source = String::from("enum HugeBroken {\n");
    for index in 0..5_000 {
        let attr = match index % 5 {
            0 => String::new(),
            1 => "#[code(1, \"Same\")]".to_owned(),
            2 => format!(
                "#[code({}, \"M{index}\", status = 9000)]",
                u64::from(u32::MAX) + 1
            ),
            3 => "#[code(other)]".to_owned(),
            _ => code_attr(&mut rng, index),
        };
        let _ = writeln!(source, "    {attr}\n    B{index},");
    }
    source.push('}');
    assert_eq!(report.run(&source, false), Some(Outcome::Refused));
    report.assert_no_failures("huge tables (5,000 variants)", started);
}

/// Hand-picked inputs at the edges, each with the outcome a user expects.
#[test]
fn edge_cases_have_the_expected_outcome() {
    let started = Instant::now();
    let cases: &[(&str, Outcome)] = &[
        ("enum E {}", Outcome::Refused),
        ("struct S;", Outcome::Refused),
        ("union U { a: u32 }", Outcome::Refused),
        (
            r#"enum r#enum { #[code(1, "A")] r#type }"#,
            Outcome::Expanded,
        ),
        (
            r#"enum Ünï { #[code(1, "Ä")] Ä, #[code(2, "日本")] 日本 }"#,
            Outcome::Expanded,
        ),
        (
            r#"enum E { #[code(4294967295, "Max")] Max }"#,
            Outcome::Expanded,
        ),
        (
            r#"enum E { #[code(4294967296, "Over")] Over }"#,
            Outcome::Refused,
        ),
        (
            r#"enum E { #[code(0xFFFF_FFFF, "Hex")] Hex }"#,
            Outcome::Expanded,
        ),
        (r#"enum E { #[code(1u64, "A")] A }"#, Outcome::Refused),
        (r#"enum E { #[code(1.0, "A")] A }"#, Outcome::Refused),
        (r#"enum E { #[code(-1, "A")] A }"#, Outcome::Refused),
        (r#"enum E { #[code(b"1", "A")] A }"#, Outcome::Refused),
        (r#"enum E { #[code(1, b"A")] A }"#, Outcome::Refused),
        ("enum E { #[code(1, 'A')] A }", Outcome::Refused),
        (
            r#"enum E { #[code(1, "A", status = 65536)] A }"#,
            Outcome::Refused,
        ),
        (
            r#"enum E { #[code(1, "A")] #[error("{")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"enum E { #[code(1, "A")] #[error("}")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"enum E { #[code(1, "A")] #[error("{0}")] A { x: u32 } }"#,
            Outcome::Refused,
        ),
        (
            r#"enum E { #[code(1, "A")] #[error("{x:>width$}", width = 5)] A { x: u32 } }"#,
            Outcome::Expanded,
        ),
        (
            r#"enum E { #[code(1, "A")] #[error("{0} {0:?}")] A(u32) }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(crate = "::apicode")] enum E { #[code(1, "A")] A }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(crate = "crate::rt")] enum E { #[code(1, "A")] A }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(crate = "a b")] enum E { #[code(1, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"enum E<'a, T: 'a> { #[code(1, "A")] A(&'a T), #[code(other)] B(u32) }"#,
            Outcome::Expanded,
        ),
        (
            "enum E { #[code(transparent)] Inner(Inner), #[code(Other::Entry)] Reused }",
            Outcome::Expanded,
        ),
    ];
    assert_outcomes("edge cases", cases, started);
}

/// Runs each input and checks its outcome; fails with every input that broke a rule or had
/// another outcome.
#[test]
fn code_type_edge_cases_have_the_expected_outcome() {
    let started = Instant::now();
    let cases: &[(&str, Outcome)] = &[
        (
            r#"#[api_error(code = i32)] enum E { #[code(-1, "A")] A, #[code(other)] B(i32) }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(code = i64)] enum E { #[code(-9223372036854775808, "A")] A }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(code = u64)] enum E { #[code(18446744073709551615, "A")] A }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(range = -5..=5, code = i8)] enum E { #[code(-5i8, "A")] A }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(code = i32)] enum E { #[code(3000000000, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(code = i64)] enum E { #[code(-9223372036854775809, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(code = u8)] enum E { #[code(256, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(code = i32)] enum E { #[code(1, "A")] A, #[code(other)] B(u32) }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(code = f32)] enum E { #[code(1, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(code = i32)] enum E { #[code(1u32, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(code = i32)] enum E { #[code(- 1, "A")] A }"#,
            Outcome::Expanded,
        ),
        (
            r#"#[api_error(code = i32)] enum E { #[code(--1, "A")] A }"#,
            Outcome::Refused,
        ),
    ];
    assert_outcomes("code type edge cases", cases, started);
}

fn assert_outcomes(name: &str, cases: &[(&str, Outcome)], started: Instant) {
    let mut report = Report::default();
    let mut unexpected = Vec::new();
    for (source, expected) in cases {
        if let Some(outcome) = report.run(source, true) {
            if outcome != *expected {
                unexpected.push(format!(
                    "{source}\n  expected {expected:?}, got {outcome:?}"
                ));
            }
        }
    }
    report.print(name, started);
    unexpected.extend(report.failures.iter().cloned());
    assert!(
        unexpected.is_empty(),
        "{name}:\n{}",
        unexpected.join("\n\n")
    );
}

/// `crate = "..."` takes a module path: one with generic arguments would make the derive emit
/// tokens rustc cannot parse ("proc-macro derive produced unparsable tokens").
#[test]
fn crate_paths_with_generic_arguments_are_refused() {
    let started = Instant::now();
    let cases: &[(&str, Outcome)] = &[
        (
            r#"#[api_error(crate = "Vec<u8>")] enum E { #[code(1, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(crate = "a::<b>")] enum E { #[code(1, "A")] A }"#,
            Outcome::Refused,
        ),
        (
            r#"#[api_error(crate = "a::b<'c>")] enum E { #[code(1, "A")] A }"#,
            Outcome::Refused,
        ),
    ];
    assert_outcomes("crate paths", cases, started);
}

/// `{+0}` is no placeholder that `format_args!` accepts; the derive must not rewrite it into
/// one (`{__field_0}`) and so accept a format that thiserror and rustc refuse.
#[test]
fn placeholders_rustc_refuses_are_refused() {
    let started = Instant::now();
    let cases: &[(&str, Outcome)] = &[
        (
            r#"enum E { #[code(1, "A")] #[error("{+0}")] A(u32) }"#,
            Outcome::Refused,
        ),
        (
            r#"enum E { #[code(1, "A")] #[error("{+0:?}")] A(u32) }"#,
            Outcome::Refused,
        ),
    ];
    assert_outcomes("format placeholders", cases, started);
}

/// The generic parameters the expansion declares on each impl and on each of its methods,
/// with their duplicates.
fn colliding_generics(items: &[syn::Item], out: &mut Vec<String>) {
    fn names(generics: &syn::Generics) -> Vec<String> {
        generics
            .params
            .iter()
            .map(|param| match param {
                syn::GenericParam::Lifetime(param) => param.lifetime.to_string(),
                syn::GenericParam::Type(param) => param.ident.to_string(),
                syn::GenericParam::Const(param) => param.ident.to_string(),
            })
            .collect()
    }
    for item in items {
        match item {
            syn::Item::Impl(block) => {
                let outer = names(&block.generics);
                for (index, name) in outer.iter().enumerate() {
                    if outer[..index].contains(name) {
                        out.push(format!("`{name}` twice on one impl"));
                    }
                }
                for inner in &block.items {
                    if let syn::ImplItem::Fn(function) = inner {
                        for name in names(&function.sig.generics) {
                            if outer.contains(&name) {
                                out.push(format!(
                                    "`{name}` on `fn {}` and on its impl",
                                    function.sig.ident
                                ));
                            }
                        }
                    }
                }
            }
            syn::Item::Const(constant) => {
                if let syn::Expr::Block(block) = &*constant.expr {
                    let nested: Vec<syn::Item> = block
                        .block
                        .stmts
                        .iter()
                        .filter_map(|stmt| match stmt {
                            syn::Stmt::Item(item) => Some(item.clone()),
                            _ => None,
                        })
                        .collect();
                    colliding_generics(&nested, out);
                }
            }
            syn::Item::Mod(module) => {
                if let Some((_, nested)) = &module.content {
                    colliding_generics(nested, out);
                }
            }
            _ => {}
        }
    }
}

/// The enum's own generic parameters never clash with those the impls add (`'de` of
/// `Deserialize`): such an expansion would not compile.
#[test]
fn generic_parameters_never_collide() {
    let started = Instant::now();
    let generics = [
        "<'a>",
        "<T>",
        "<'a, T: 'a>",
        "<'de>",
        "<'de, T>",
        "<'a, 'de: 'a>",
    ];
    let mut report = Report::default();
    let mut collisions = Vec::new();
    for generics in generics {
        for catch_all in ["", "#[code(other)] Unknown(u32),"] {
            let source = format!(
                r#"enum E{generics} {{ #[code(1, "A")] A(::core::marker::PhantomData<&'static ()>), {catch_all} }}"#
            );
            let Ok(input) = syn::parse_str::<syn::DeriveInput>(&source) else {
                continue;
            };
            if report.run(&source, false) != Some(Outcome::Expanded) {
                continue;
            }
            let Ok(tokens) = expand_caught(&input) else {
                continue;
            };
            let Ok(file) = syn::parse2::<syn::File>(tokens) else {
                continue;
            };
            let mut found = Vec::new();
            colliding_generics(&file.items, &mut found);
            collisions.extend(found.into_iter().map(|what| format!("{source}: {what}")));
        }
    }
    report.assert_no_failures("generic parameters", started);
    assert!(
        collisions.is_empty(),
        "generic parameters collide:\n{}",
        collisions.join("\n")
    );
}

/// The struct patterns of an expansion that bind a field under its own name in the long form
/// `field: field`: rustc warns about each one (`non_shorthand_field_patterns`, on by default),
/// at the user's field.
fn long_form_field_patterns(file: &syn::File) -> Vec<String> {
    struct Finder(Vec<String>);
    impl<'ast> syn::visit::Visit<'ast> for Finder {
        fn visit_field_pat(&mut self, field: &'ast syn::FieldPat) {
            if let (syn::Member::Named(member), syn::Pat::Ident(binding), Some(_)) =
                (&field.member, &*field.pat, &field.colon_token)
            {
                if binding.ident == *member && binding.subpat.is_none() {
                    self.0.push(format!("`{member}: {}`", binding.ident));
                }
            }
            syn::visit::visit_field_pat(self, field);
        }
    }
    let mut finder = Finder(Vec::new());
    syn::visit::Visit::visit_file(&mut finder, file);
    finder.0
}

/// An expansion adds no warning to the user's crate: a struct variant's fields are bound in
/// shorthand, or under other names.
#[test]
fn field_patterns_raise_no_warning() {
    let started = Instant::now();
    let mut rng = Rng::new(0x5EED_0004);
    let mut sources = vec![
        r#"enum E { #[code(1, "A")] #[error("battery at {percent}%")] A { percent: u32 } }"#
            .to_owned(),
        r#"enum E { #[code(1, "A")] A { #[source] source: std::io::Error, id: u32 } }"#.to_owned(),
    ];
    sources.extend((0..200).map(|_| {
        let variants = 1 + rng.below(8);
        valid_input(&mut rng, variants)
    }));
    let mut report = Report::default();
    let mut found = Vec::new();
    for source in &sources {
        if report.run(source, false) != Some(Outcome::Expanded) {
            continue;
        }
        let Ok(input) = syn::parse_str::<syn::DeriveInput>(source) else {
            continue;
        };
        let Ok(file) = expand_caught(&input)
            .and_then(|tokens| syn::parse2::<syn::File>(tokens).map_err(|error| error.to_string()))
        else {
            continue;
        };
        let patterns = long_form_field_patterns(&file);
        if !patterns.is_empty() {
            found.push(format!("{source}\n  binds {}", patterns.join(", ")));
        }
    }
    report.assert_no_failures("field patterns", started);
    assert!(
        found.is_empty(),
        "{} of {} expansions bind fields as `field: field`; the first:\n{}",
        found.len(),
        sources.len(),
        found[0]
    );
}

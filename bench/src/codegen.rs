//! Writes the same code table in each of the benchmarked styles.
//!
//! Used by `build.rs` (the tables the run-time benchmark measures) and by the `gen` binary
//! (the fixture crates of `compile-times.sh`), so that every measurement compares the same
//! table, written once per style, the way a user of that style would write it.

use std::fmt::Write as _;

/// One code of a table.
#[derive(Clone, Debug)]
pub struct Row {
    pub code: u32,
    /// The table's name for the code, also the variant's name.
    pub message: String,
    /// The human sentence (`Display`).
    pub detail: String,
    pub status: u16,
}

/// The status of every variant that names none; the catch-all's is 500.
pub const DEFAULT_STATUS: u16 = 400;

/// How a table is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `thiserror` (`Display`, `Error`), `num_enum` (`FromPrimitive` with a catch-all,
    /// `IntoPrimitive`), `strum` (`IntoStaticStr`, `EnumString`), serde `from/into = "u32"`,
    /// and a hand-written status match.
    Peer,
    /// Hand-written matches; rustc's dense enum layout.
    Hand,
    /// Hand-written matches; `#[repr(u32)]` with discriminant = code.
    HandRepr,
    /// `#[derive(ApiError)]`, codes serialized as numbers.
    Apicode,
    /// `#[derive(ApiError)]` with `serde = "string"`.
    ApicodeString,
    /// The enum alone, without attributes or impls: the input of the expansion-time driver.
    Bare,
    /// A sketch of what the derive could generate instead (see BENCHMARKS.md): rustc's dense
    /// layout, one static array per column with a row for the catch-all, a variant-to-row
    /// match that compiles to the tag itself, and `From<u32>` by a perfect hash.
    Sketch,
}

impl Style {
    /// Every style, with its command-line name.
    pub const ALL: [(&'static str, Style); 7] = [
        ("peer", Style::Peer),
        ("hand", Style::Hand),
        ("hand_repr", Style::HandRepr),
        ("apicode", Style::Apicode),
        ("apicode_string", Style::ApicodeString),
        ("bare", Style::Bare),
        ("sketch", Style::Sketch),
    ];

    /// The style named `name`.
    pub fn from_name(name: &str) -> Option<Style> {
        Style::ALL
            .iter()
            .find(|(known, _)| *known == name)
            .map(|(_, style)| *style)
    }
}

/// The rows of a tab-separated file with the columns code, message, status, description
/// (the SMS reference table's format), header line first.
pub fn rows_from_tsv(text: &str) -> Vec<Row> {
    text.lines()
        .skip(1)
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut columns = line.split('\t');
            let mut next = || columns.next().unwrap_or_default().trim().to_owned();
            let code = next().parse().expect("a u32 code");
            let message = next();
            let status = next().parse().expect("a u16 status");
            let detail = next();
            Row {
                code,
                message,
                detail,
                status,
            }
        })
        .collect()
}

const ADJECTIVES: [&str; 16] = [
    "Invalid",
    "Missing",
    "Restricted",
    "Expired",
    "Duplicate",
    "Unknown",
    "Malformed",
    "Locked",
    "Pending",
    "Rejected",
    "Disabled",
    "Exhausted",
    "Stale",
    "Forbidden",
    "Oversized",
    "Unsigned",
];

const NOUNS: [&str; 16] = [
    "Signature",
    "Template",
    "Account",
    "PhoneNumber",
    "Channel",
    "Balance",
    "Token",
    "Session",
    "Message",
    "Quota",
    "Region",
    "Sender",
    "Webhook",
    "Attachment",
    "Contact",
    "Campaign",
];

/// Spread over the table so that about half the variants use the default status.
const STATUSES: [u16; 10] = [400, 400, 400, 401, 403, 404, 409, 429, 500, 503];

/// The code of the `index`-th synthetic row: clustered like real API tables (blocks of ten
/// consecutive codes, ten blocks per thousand), with gaps between the clusters.
pub fn synthetic_code(index: usize) -> u32 {
    let index = u32::try_from(index).expect("fewer than 2^32 rows");
    let group = index / 100;
    let block = index % 100 / 10;
    let offset = index % 10;
    100_000 + group * 1_000 + block * 100 + offset
}

/// A synthetic table of `count` codes.
pub fn synthetic_rows(count: usize) -> Vec<Row> {
    (0..count)
        .map(|index| {
            let code = synthetic_code(index);
            let adjective = ADJECTIVES[index % 16];
            let noun = NOUNS[index / 16 % 16];
            Row {
                code,
                message: format!("{adjective}{noun}{code}"),
                detail: format!(
                    "{adjective} {} (code {code}). Please check the request and try again",
                    noun.to_lowercase()
                ),
                status: STATUSES[index * 7 % STATUSES.len()],
            }
        })
        .collect()
}

/// The source of enum `name` holding `rows` and an `Unknown(u32)` catch-all, written in `style`.
///
/// Every style offers the same operations: `code`, `message`, `http_status`, `Display`,
/// `Error`, `From<u32>`, `From<Enum> for u32`, a lookup by message, `Serialize` and
/// `Deserialize`. The hand-written styles also have `detail`; the peer stack's detail is its
/// `Display`.
pub fn render(style: Style, name: &str, rows: &[Row]) -> String {
    let mut out = String::with_capacity(rows.len() * 400 + 4096);
    match style {
        Style::Peer => peer(&mut out, name, rows),
        Style::Hand => hand_typed(&mut out, name, rows, false, CodeType::U32),
        Style::HandRepr => hand_typed(&mut out, name, rows, true, CodeType::U32),
        Style::Apicode => apicode(&mut out, name, rows, false),
        Style::ApicodeString => apicode(&mut out, name, rows, true),
        Style::Bare => bare(&mut out, name, rows),
        Style::Sketch => sketch(&mut out, name, rows),
    }
    out
}

fn apicode(out: &mut String, name: &str, rows: &[Row], as_string: bool) {
    let serde = if as_string {
        ", serde = \"string\""
    } else {
        ""
    };
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, ::apicode::ApiError)]"
    );
    let _ = writeln!(out, "#[api_error(status = {DEFAULT_STATUS}{serde})]");
    let _ = writeln!(out, "pub enum {name} {{");
    for row in rows {
        let _ = writeln!(out, "    /// {}", row.detail);
        let status = if row.status == DEFAULT_STATUS {
            String::new()
        } else {
            format!(", status = {}", row.status)
        };
        let _ = writeln!(out, "    #[code({}, {:?}{status})]", row.code, row.message);
        let _ = writeln!(out, "    {},", row.message);
    }
    let _ = writeln!(
        out,
        "    #[code(other, status = 500)]\n    Unknown(u32),\n}}"
    );
}

/// A code type other than `u32`, and how the benchmark's `u32` codes map into it.
#[derive(Clone, Copy, Debug)]
pub struct CodeType {
    /// The type as Rust writes it: `"i32"`.
    pub name: &'static str,
    /// A declared code of the `u32` table, as a code of this type.
    pub map: fn(u32) -> i128,
    /// Whether the type has negative values (a decimal string may start with `-`).
    pub signed: bool,
}

impl CodeType {
    /// The default: the codes as they are.
    pub const U32: CodeType = CodeType {
        name: "u32",
        map: as_is,
        signed: false,
    };
    /// `i32`, each code negated: every code below zero, as JSON-RPC's are.
    pub const I32_NEGATED: CodeType = CodeType {
        name: "i32",
        map: negated,
        signed: true,
    };
    /// `i64`, each code plus 2^33: every code beyond `u32`, so that the lookups fold the key
    /// and compare the whole code.
    pub const I64_BEYOND_U32: CodeType = CodeType {
        name: "i64",
        map: beyond_u32,
        signed: true,
    };
}

fn as_is(code: u32) -> i128 {
    i128::from(code)
}

fn negated(code: u32) -> i128 {
    -i128::from(code)
}

fn beyond_u32(code: u32) -> i128 {
    i128::from(code) + (1 << 33)
}

/// The table of `rows` in `style` (`Apicode` or `Hand`) with its codes of `code_type`, and a
/// catch-all of that type.
pub fn render_typed(style: Style, name: &str, rows: &[Row], code_type: CodeType) -> String {
    let mut out = String::with_capacity(rows.len() * 400 + 4096);
    match style {
        Style::Apicode => apicode_typed(&mut out, name, rows, code_type),
        Style::Hand => hand_typed(&mut out, name, rows, false, code_type),
        _ => unimplemented!("{style:?} tables are u32 tables only"),
    }
    out
}

fn apicode_typed(out: &mut String, name: &str, rows: &[Row], code_type: CodeType) {
    let ty = code_type.name;
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, ::apicode::ApiError)]"
    );
    let _ = writeln!(out, "#[api_error(code = {ty}, status = {DEFAULT_STATUS})]");
    let _ = writeln!(out, "pub enum {name} {{");
    for row in rows {
        let _ = writeln!(out, "    /// {}", row.detail);
        let status = if row.status == DEFAULT_STATUS {
            String::new()
        } else {
            format!(", status = {}", row.status)
        };
        let code = (code_type.map)(row.code);
        let _ = writeln!(out, "    #[code({code}, {:?}{status})]", row.message);
        let _ = writeln!(out, "    {},", row.message);
    }
    let _ = writeln!(
        out,
        "    #[code(other, status = 500)]\n    Unknown({ty}),\n}}"
    );
}

fn bare(out: &mut String, name: &str, rows: &[Row]) {
    let _ = writeln!(out, "#[derive(Debug, Clone, Copy, PartialEq, Eq)]");
    let _ = writeln!(out, "pub enum {name} {{");
    for row in rows {
        let _ = writeln!(out, "    /// {}", row.detail);
        let _ = writeln!(out, "    {},", row.message);
    }
    let _ = writeln!(out, "    Unknown(u32),\n}}");
}

/// `Self::A | Self::B => 401,` arms for every non-default status, the way a hand-written
/// status match groups them.
fn status_arms(out: &mut String, rows: &[Row]) {
    let mut statuses: Vec<u16> = rows
        .iter()
        .map(|row| row.status)
        .filter(|status| *status != DEFAULT_STATUS)
        .collect();
    statuses.sort_unstable();
    statuses.dedup();
    for status in statuses {
        let variants: Vec<String> = rows
            .iter()
            .filter(|row| row.status == status)
            .map(|row| format!("Self::{}", row.message))
            .collect();
        let _ = writeln!(out, "            {} => {status},", variants.join(" | "));
    }
    let _ = writeln!(out, "            Self::Unknown(_) => 500,");
    let _ = writeln!(out, "            _ => {DEFAULT_STATUS},");
}

/// The hand-written style, its codes of `code_type` (`repr`: `#[repr]` of that type with
/// discriminant = code).
fn hand_typed(out: &mut String, name: &str, rows: &[Row], repr: bool, code_type: CodeType) {
    let ty = code_type.name;
    let _ = writeln!(out, "#[derive(Debug, Clone, Copy, PartialEq, Eq)]");
    if repr {
        let _ = writeln!(out, "#[repr({ty})]");
    }
    let _ = writeln!(out, "pub enum {name} {{");
    for row in rows {
        if repr {
            let _ = writeln!(out, "    {} = {},", row.message, (code_type.map)(row.code));
        } else {
            let _ = writeln!(out, "    {},", row.message);
        }
    }
    let _ = writeln!(out, "    Unknown({ty}),\n}}\n");
    hand_methods(out, name, rows, code_type);
    hand_traits(out, name, rows, code_type);
}

fn hand_methods(out: &mut String, name: &str, rows: &[Row], code_type: CodeType) {
    let ty = code_type.name;
    let _ = writeln!(out, "impl {name} {{");
    let _ = writeln!(
        out,
        "    pub const fn code(&self) -> {ty} {{\n        match self {{"
    );
    for row in rows {
        let code = (code_type.map)(row.code);
        let _ = writeln!(out, "            Self::{} => {code},", row.message);
    }
    let _ = writeln!(
        out,
        "            Self::Unknown(code) => *code,\n        }}\n    }}\n"
    );
    let _ = writeln!(
        out,
        "    pub const fn message(&self) -> &'static str {{\n        match self {{"
    );
    for row in rows {
        let _ = writeln!(out, "            Self::{0} => {0:?},", row.message);
    }
    let _ = writeln!(
        out,
        "            Self::Unknown(_) => \"Unknown\",\n        }}\n    }}\n"
    );
    let _ = writeln!(
        out,
        "    pub const fn detail(&self) -> &'static str {{\n        match self {{"
    );
    for row in rows {
        let _ = writeln!(
            out,
            "            Self::{} => {:?},",
            row.message, row.detail
        );
    }
    let _ = writeln!(
        out,
        "            Self::Unknown(_) => \"Unknown\",\n        }}\n    }}\n"
    );
    let _ = writeln!(
        out,
        "    pub const fn http_status(&self) -> u16 {{\n        match self {{"
    );
    status_arms(out, rows);
    let _ = writeln!(out, "        }}\n    }}\n");
    let _ = writeln!(
        out,
        "    pub fn from_message(message: &str) -> Option<Self> {{\n        match message {{"
    );
    for row in rows {
        let _ = writeln!(out, "            {0:?} => Some(Self::{0}),", row.message);
    }
    let _ = writeln!(out, "            _ => None,\n        }}\n    }}\n}}\n");
}

fn hand_traits(out: &mut String, name: &str, rows: &[Row], code_type: CodeType) {
    let ty = code_type.name;
    let _ = writeln!(out, "impl From<{ty}> for {name} {{");
    let _ = writeln!(
        out,
        "    fn from(code: {ty}) -> Self {{\n        match code {{"
    );
    for row in rows {
        let code = (code_type.map)(row.code);
        let _ = writeln!(out, "            {code} => Self::{},", row.message);
    }
    let _ = writeln!(
        out,
        "            other => Self::Unknown(other),\n        }}\n    }}\n}}\n"
    );
    hand_traits_after_from(out, name, code_type);
}

/// `From<Enum> for u32` (or the code type), `Display`, `Error`, `Serialize` and `Deserialize`,
/// written by hand.
fn hand_traits_after_from(out: &mut String, name: &str, code_type: CodeType) {
    let ty = code_type.name;
    // A decimal string of a signed type may start with its sign (the `u32` text is left as
    // it was measured).
    let (sign, digits) = if code_type.signed {
        (
            "let digits = value.strip_prefix('-').unwrap_or(value);\n                ",
            "digits",
        )
    } else {
        ("", "value")
    };
    // Every `i64` is an `i64` code: no conversion to fail.
    let from_i64 = if ty == "i64" {
        format!("Ok({name}::from(value))")
    } else {
        format!(
            "{ty}::try_from(value)\n                    .map({name}::from)\n                    \
             .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(value), &self))"
        )
    };
    let _ = write!(
        out,
        r#"impl From<{name}> for {ty} {{
    fn from(value: {name}) -> {ty} {{
        value.code()
    }}
}}

impl core::fmt::Display for {name} {{
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {{
        match self {{
            Self::Unknown(code) => write!(f, "unknown error code {{code}}"),
            known => f.write_str(known.detail()),
        }}
    }}
}}

impl core::error::Error for {name} {{}}

impl serde::Serialize for {name} {{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {{
        serializer.serialize_{ty}(self.code())
    }}
}}

impl<'de> serde::Deserialize<'de> for {name} {{
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {{
        struct CodeVisitor;

        impl serde::de::Visitor<'_> for CodeVisitor {{
            type Value = {name};

            fn expecting(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {{
                f.write_str("an error code: an integer, a decimal string or a message")
            }}

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<{name}, E> {{
                {ty}::try_from(value)
                    .map({name}::from)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(value), &self))
            }}

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<{name}, E> {{
                {from_i64}
            }}

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<{name}, E> {{
                {sign}if !{digits}.is_empty() && {digits}.bytes().all(|byte| byte.is_ascii_digit()) {{
                    value
                        .parse::<{ty}>()
                        .map({name}::from)
                        .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(value), &self))
                }} else {{
                    {name}::from_message(value)
                        .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(value), &self))
                }}
            }}
        }}

        deserializer.deserialize_any(CodeVisitor)
    }}
}}
"#
    );
}

fn peer(out: &mut String, name: &str, rows: &[Row]) {
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, num_enum::FromPrimitive, \
         num_enum::IntoPrimitive, strum::IntoStaticStr, strum::EnumString, serde::Serialize, \
         serde::Deserialize)]"
    );
    let _ = writeln!(
        out,
        "#[serde(from = \"u32\", into = \"u32\")]\n#[repr(u32)]"
    );
    let _ = writeln!(out, "pub enum {name} {{");
    for row in rows {
        let _ = writeln!(out, "    #[error({:?})]", row.detail);
        let _ = writeln!(out, "    {} = {},", row.message, row.code);
    }
    let _ = writeln!(
        out,
        "    #[error(\"unknown error code {{0}}\")]\n    #[num_enum(catch_all)]\n    Unknown(u32),\n}}\n"
    );
    let _ = writeln!(
        out,
        "impl {name} {{\n    pub fn code(&self) -> u32 {{\n        u32::from(*self)\n    }}\n"
    );
    let _ = writeln!(
        out,
        "    pub fn message(&self) -> &'static str {{\n        self.into()\n    }}\n"
    );
    let _ = writeln!(
        out,
        "    pub const fn http_status(&self) -> u16 {{\n        match self {{"
    );
    status_arms(out, rows);
    let _ = writeln!(out, "        }}\n    }}\n");
    let _ = writeln!(
        out,
        "    pub fn from_message(message: &str) -> Option<Self> {{\n        message.parse().ok()\n    }}\n}}"
    );
}

/// The multiplicative hash of the perfect hash: the top `bits` bits of `code * φ`.
fn hash(code: u32, bits: u32) -> usize {
    (code.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}

/// A perfect hash of `codes` (hash and displace): `codes` fall into `2^bucket_bits` buckets by
/// `hash(code, bucket_bits)`; each bucket gets the smallest displacement `d` that sends all its
/// codes to free slots `hash(code ^ d, slot_bits)`. Returns the bit counts, the displacements
/// and the slots (a row index, or `codes.len()` for an empty slot).
fn perfect_hash(codes: &[u32]) -> (u32, u32, Vec<u32>, Vec<usize>) {
    let count = codes.len();
    let bucket_bits = (usize::BITS - (count / 4).leading_zeros()).max(1);
    let mut slot_bits = (usize::BITS - count.saturating_sub(1).leading_zeros()) + 1;
    'grow: loop {
        let mut buckets = vec![Vec::new(); 1 << bucket_bits];
        for (row, &code) in codes.iter().enumerate() {
            buckets[hash(code, bucket_bits)].push(row);
        }
        let mut order: Vec<usize> = (0..buckets.len()).collect();
        order.sort_by_key(|&bucket| std::cmp::Reverse(buckets[bucket].len()));
        let mut displacements = vec![0u32; buckets.len()];
        let mut slots = vec![count; 1 << slot_bits];
        for bucket in order {
            let rows = &buckets[bucket];
            if rows.is_empty() {
                continue;
            }
            let found = (0..1u32 << 16).find(|&displacement| {
                let mut taken: Vec<usize> = rows
                    .iter()
                    .map(|&row| hash(codes[row] ^ displacement, slot_bits))
                    .collect();
                let free = taken.iter().all(|&slot| slots[slot] == count);
                taken.sort_unstable();
                taken.dedup();
                free && taken.len() == rows.len()
            });
            let Some(displacement) = found else {
                slot_bits += 1;
                continue 'grow;
            };
            for &row in rows {
                slots[hash(codes[row] ^ displacement, slot_bits)] = row;
            }
            displacements[bucket] = displacement;
        }
        return (bucket_bits, slot_bits, displacements, slots);
    }
}

fn join<T: std::fmt::Display>(values: impl IntoIterator<Item = T>) -> String {
    values
        .into_iter()
        .map(|value| value.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn sketch(out: &mut String, name: &str, rows: &[Row]) {
    let count = rows.len();
    let codes: Vec<u32> = rows.iter().map(|row| row.code).collect();
    let (bucket_bits, slot_bits, displacements, slots) = perfect_hash(&codes);
    let _ = writeln!(out, "#[derive(Debug, Clone, Copy, PartialEq, Eq)]");
    let _ = writeln!(out, "pub enum {name} {{");
    for row in rows {
        let _ = writeln!(out, "    {},", row.message);
    }
    let _ = writeln!(out, "    Unknown(u32),\n}}\n");
    sketch_columns(out, rows, &displacements, &slots);
    let _ = writeln!(
        out,
        "#[inline]\nfn row(value: &{name}) -> usize {{\n    match value {{"
    );
    for (index, row) in rows.iter().enumerate() {
        let _ = writeln!(out, "        {name}::{} => {index},", row.message);
    }
    let _ = writeln!(out, "        {name}::Unknown(_) => {count},\n    }}\n}}\n");
    let _ = writeln!(
        out,
        "#[inline]\nfn variant(row: usize, code: u32) -> {name} {{\n    match row {{"
    );
    for (index, row) in rows.iter().enumerate() {
        let _ = writeln!(out, "        {index} => {name}::{},", row.message);
    }
    let _ = writeln!(out, "        _ => {name}::Unknown(code),\n    }}\n}}\n");
    let _ = write!(
        out,
        r"#[inline]
fn hash(code: u32, bits: u32) -> usize {{
    (code.wrapping_mul(0x9E37_79B1) >> (32 - bits)) as usize
}}

/// The row of a declared code, else {count}.
#[inline]
fn lookup(code: u32) -> usize {{
    let displacement = DISPLACEMENTS[hash(code, {bucket_bits})];
    let row = usize::from(SLOTS[hash(code ^ displacement, {slot_bits})]);
    if CODES[row] == code {{ row }} else {{ {count} }}
}}

impl {name} {{
    #[inline]
    pub fn code(&self) -> u32 {{
        let row = row(self);
        match self {{
            Self::Unknown(code) => *code,
            _ => CODES[row],
        }}
    }}

    #[inline]
    pub fn message(&self) -> &'static str {{
        MESSAGES[row(self)]
    }}

    #[inline]
    pub fn detail(&self) -> &'static str {{
        DETAILS[row(self)]
    }}

    #[inline]
    pub fn http_status(&self) -> u16 {{
        STATUSES[row(self)]
    }}

    pub fn from_message(message: &str) -> Option<Self> {{
        MESSAGES[..{count}].iter().position(|known| *known == message).map(|row| variant(row, 0))
    }}
}}

impl From<u32> for {name} {{
    #[inline]
    fn from(code: u32) -> Self {{
        variant(lookup(code), code)
    }}
}}
"
    );
    // Display, Error and the serde impls as the hand-written style has them.
    hand_traits_after_from(out, name, CodeType::U32);
}

/// The static columns of the sketch, and the perfect hash's tables.
fn sketch_columns(out: &mut String, rows: &[Row], displacements: &[u32], slots: &[usize]) {
    let count = rows.len();
    // One row more than the table: the catch-all's, so that every variant has a row and the
    // variant-to-row match has a constant in every arm.
    let _ = writeln!(
        out,
        "static CODES: [u32; {}] = [{}, 0];",
        count + 1,
        join(rows.iter().map(|row| row.code))
    );
    let _ = writeln!(
        out,
        "static MESSAGES: [&str; {}] = [{}, \"Unknown\"];",
        count + 1,
        join(rows.iter().map(|row| format!("{:?}", row.message)))
    );
    let _ = writeln!(
        out,
        "static DETAILS: [&str; {}] = [{}, \"Unknown\"];",
        count + 1,
        join(rows.iter().map(|row| format!("{:?}", row.detail)))
    );
    let _ = writeln!(
        out,
        "static STATUSES: [u16; {}] = [{}, 500];",
        count + 1,
        join(rows.iter().map(|row| row.status))
    );
    let _ = writeln!(
        out,
        "static DISPLACEMENTS: [u32; {}] = [{}];",
        displacements.len(),
        join(displacements)
    );
    let _ = writeln!(
        out,
        "static SLOTS: [u16; {}] = [{}];\n",
        slots.len(),
        join(slots)
    );
}

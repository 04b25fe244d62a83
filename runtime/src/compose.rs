//! Tables made of other tables, at compile time: the flattened `ENTRIES` of a table with
//! `#[code(transparent)]` variants, the rows other tables reuse with `#[code(Type::Variant)]`,
//! and the checks that fail the build when the composed table has a duplicate code or message
//! or overlapping ranges. Support for generated code: hidden, not covered by semver.

use crate::code::Code;
use crate::entry::Entry;

/// The rows of a derived table, for `#[code(Type::Variant)]` in other tables.
///
/// `Rows` is a unit-only enum with one variant per row, named as the table's variants and whose
/// discriminant is the row's index in `ROWS`: a reference to a missing variant is then reported
/// by the compiler as a missing variant, with its "similar name" suggestion.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not an apicode table",
    label = "`#[code(Type::Variant)]` reuses a variant of a type that derives `ApiError`"
)]
pub trait Rows {
    /// The table's code type.
    type Code: Code;
    /// The enum mirroring the table's row variants.
    type Rows;
    /// The table's own rows.
    const ROWS: &'static [Entry<Self::Code>];
}

/// One module of compile-time composition per code type, the same code for each: a trait's
/// methods cannot be called in a `const fn` on stable Rust, so the comparisons of codes are
/// written for each concrete type. The derive names the module of its table's code type
/// (`__private::compose::i32`).
macro_rules! composition {
    ($($ty:ident),*) => {$(
    #[doc = concat!("The composition of tables whose code type is `", stringify!($ty), "`.")]
    #[allow(clippy::cast_lossless, clippy::cast_possible_wrap)]
    pub mod $ty {
        use crate::entry::{CodeRange, Entry};
        use crate::compose::{Label, Message, Report, same_str};

        /// One piece of a table being composed.
        pub enum Segment {
            /// A row of the table itself.
            Row {
                /// The row.
                entry: Entry<$ty>,
                /// The variant holding it.
                variant: &'static str,
                /// Whether the row is reused from another table (`#[code(Type::Variant)]`).
                reused: bool,
            },
            /// The entries of a `#[code(transparent)]` variant's table.
            Table {
                /// The inner table's `ENTRIES`.
                entries: &'static [Entry<$ty>],
                /// Codes listed elsewhere: in the place of the row that reuses them.
                except: &'static [$ty],
                /// The transparent variant.
                variant: &'static str,
                /// The inner table's name.
                table: &'static str,
                /// The inner table's reserved range.
                range: Option<CodeRange<$ty>>,
            },
        }

        const fn contains(codes: &[$ty], code: $ty) -> bool {
            let mut index = 0;
            while index < codes.len() {
                if codes[index] == code {
                    return true;
                }
                index += 1;
            }
            false
        }

        impl Segment {
            /// How many entries the segment adds to the flattened table.
            const fn len(&self) -> usize {
                match self {
                    Segment::Row { .. } => 1,
                    Segment::Table {
                        entries, except, ..
                    } => {
                        let mut count = 0;
                        let mut index = 0;
                        while index < entries.len() {
                            if !contains(except, entries[index].code) {
                                count += 1;
                            }
                            index += 1;
                        }
                        count
                    }
                }
            }

            /// The `nth` entry the segment adds (`nth < self.len()`).
            const fn get(&self, nth: usize) -> &Entry<$ty> {
                match self {
                    Segment::Row { entry, .. } => entry,
                    Segment::Table {
                        entries, except, ..
                    } => {
                        let mut seen = 0;
                        let mut index = 0;
                        while index < entries.len() {
                            if !contains(except, entries[index].code) {
                                if seen == nth {
                                    return &entries[index];
                                }
                                seen += 1;
                            }
                            index += 1;
                        }
                        panic!("apicode: segment index out of range")
                    }
                }
            }

            const fn is_inline(&self) -> bool {
                matches!(self, Segment::Row { reused: false, .. })
            }
        }

        /// The rows followed by one more: the row table of a derived enum, whose catch-all (and
        /// transparent variants) read the extra row. `M` is `N + 1`.
        #[must_use]
        pub const fn append_row<const N: usize, const M: usize>(
            rows: [Entry<$ty>; N],
            extra: Entry<$ty>,
        ) -> [Entry<$ty>; M] {
            let mut out = [extra; M];
            let mut index = 0;
            while index < N && index < M {
                out[index] = rows[index];
                index += 1;
            }
            out
        }

        /// The number of entries `flatten` gives.
        #[must_use]
        pub const fn flat_len(segments: &[Segment]) -> usize {
            let mut total = 0;
            let mut index = 0;
            while index < segments.len() {
                total += segments[index].len();
                index += 1;
            }
            total
        }

        /// The segments' entries in order, as one array; `N` is `flat_len(segments)`.
        #[must_use]
        pub const fn flatten<const N: usize>(segments: &[Segment]) -> [Entry<$ty>; N] {
            let mut out = [Entry::new(0, "", "", 0); N];
            let mut filled = 0;
            let mut index = 0;
            while index < segments.len() {
                let segment = &segments[index];
                let mut nth = 0;
                while nth < segment.len() {
                    out[filled] = *segment.get(nth);
                    filled += 1;
                    nth += 1;
                }
                index += 1;
            }
            out
        }

        /// Checks segment `index` of the table `name` against the segments before it, so that a
        /// collision is reported at its second occurrence: a code or message already present, a
        /// nested table's range overlapping the table's own (`range`) or an earlier nested table's, an
        /// inline code inside an earlier nested table's range, or a nested table whose range holds an
        /// earlier inline code. Inline rows are compared with each other by the derive itself.
        #[must_use]
        pub const fn check_segment(
            name: &str,
            segments: &[Segment],
            index: usize,
            range: Option<CodeRange<$ty>>,
        ) -> Report {
            let segment = &segments[index];
            let mut nth = 0;
            while nth < segment.len() {
                let entry = segment.get(nth);
                let mut other = 0;
                while other < index {
                    let earlier = &segments[other];
                    if !(segment.is_inline() && earlier.is_inline()) {
                        let mut other_nth = 0;
                        while other_nth < earlier.len() {
                            let existing = earlier.get(other_nth);
                            if existing.code == entry.code {
                                return Report(
                                    Message::new()
                                        .text("duplicate code ")
                                        .code(entry.code as i128)
                                        .text(" in ")
                                        .text(name)
                                        .text(": ")
                                        .label(label(segment, entry))
                                        .text(" repeats ")
                                        .label(label(earlier, existing)),
                                );
                            }
                            if same_str(existing.message, entry.message) {
                                return Report(
                                    Message::new()
                                        .text("duplicate message \"")
                                        .text(entry.message)
                                        .text("\" in ")
                                        .text(name)
                                        .text(": ")
                                        .label(label(segment, entry))
                                        .text(" (code ")
                                        .code(entry.code as i128)
                                        .text(") repeats ")
                                        .label(label(earlier, existing))
                                        .text(" (code ")
                                        .code(existing.code as i128)
                                        .text(")"),
                                );
                            }
                            other_nth += 1;
                        }
                    }
                    other += 1;
                }
                nth += 1;
            }
            check_range(name, segments, index, range)
        }

        const fn check_range(
            name: &str,
            segments: &[Segment],
            index: usize,
            range: Option<CodeRange<$ty>>,
        ) -> Report {
            let segment = &segments[index];
            let mut other = 0;
            while other < index {
                let earlier = &segments[other];
                match (segment, earlier) {
                    // An inline code inside an earlier nested table's range, or a nested table whose
                    // range holds an earlier inline code.
                    (
                        Segment::Row {
                            entry,
                            variant,
                            reused: false,
                        },
                        Segment::Table {
                            range: Some(reserved),
                            table,
                            variant: through,
                            ..
                        },
                    )
                    | (
                        Segment::Table {
                            range: Some(reserved),
                            table,
                            variant: through,
                            ..
                        },
                        Segment::Row {
                            entry,
                            variant,
                            reused: false,
                        },
                    ) if reserved.start <= entry.code && entry.code <= reserved.end => {
                        return in_reserved_range(name, variant, entry.code, *reserved, table, through);
                    }
                    // Two nested tables whose ranges overlap.
                    (
                        Segment::Table {
                            range: Some(reserved),
                            table,
                            ..
                        },
                        Segment::Table {
                            range: Some(earlier_range),
                            table: earlier_table,
                            ..
                        },
                    ) if earlier_range.start <= reserved.end && reserved.start <= earlier_range.end => {
                        return Report(
                            Message::new()
                                .text("the ranges of ")
                                .text(earlier_table)
                                .text(" (")
                                .range(earlier_range.start as i128, earlier_range.end as i128)
                                .text(") and ")
                                .text(table)
                                .text(" (")
                                .range(reserved.start as i128, reserved.end as i128)
                                .text("), both nested in ")
                                .text(name)
                                .text(", overlap"),
                        );
                    }
                    _ => {}
                }
                other += 1;
            }
            if let (
                Some(own),
                Segment::Table {
                    range: Some(reserved),
                    table,
                    variant,
                    ..
                },
            ) = (range, segment)
            {
                if own.start <= reserved.end && reserved.start <= own.end {
                    return Report(
                        Message::new()
                            .text("the range ")
                            .range(own.start as i128, own.end as i128)
                            .text(" of ")
                            .text(name)
                            .text(" overlaps the range ")
                            .range(reserved.start as i128, reserved.end as i128)
                            .text(" that ")
                            .text(table)
                            .text(" reserves (nested through `")
                            .text(variant)
                            .text("`)"),
                    );
                }
            }
            Report(Message::new())
        }

        const fn in_reserved_range(
            name: &str,
            variant: &str,
            code: $ty,
            reserved: CodeRange<$ty>,
            table: &str,
            through: &str,
        ) -> Report {
            Report(
                Message::new()
                    .text("code ")
                    .code(code as i128)
                    .text(" of `")
                    .text(variant)
                    .text("` in ")
                    .text(name)
                    .text(" lies in the range ")
                    .range(reserved.start as i128, reserved.end as i128)
                    .text(" that ")
                    .text(table)
                    .text(" reserves (nested through `")
                    .text(through)
                    .text("`)"),
            )
        }


        /// Checks that every message of the table `name` has a `google.rpc.ErrorInfo` reason
        /// form: the compile-time check the derive emits over `ENTRIES` (reused and nested
        /// entries included) for a table that declares itself meant for gRPC with a `domain`
        /// or `grpc` key.
        #[must_use]
        pub const fn check_reasons(name: &str, entries: &[Entry<$ty>]) -> Report {
            let mut index = 0;
            while index < entries.len() {
                let entry = &entries[index];
                if let Err(error) = crate::reason::reason(entry.message) {
                    return Report(
                        Message::new()
                            .text("the message \"")
                            .text(entry.message)
                            .text("\" of code ")
                            .code(entry.code as i128)
                            .text(" in ")
                            .text(name)
                            .text(" has no google.rpc.ErrorInfo reason form: ")
                            .text(error.as_str())
                            .text("; a table with a `domain` or `grpc` key needs one for every message"),
                    );
                }
                index += 1;
            }
            Report(Message::new())
        }

        /// How a message names an entry: "`Variant`" for a row, "`Message` of Table (through
        /// `Variant`)" for a nested table's entry.
        const fn label<'a>(segment: &'a Segment, entry: &'a Entry<$ty>) -> Label<'a> {
            match segment {
                Segment::Row { variant, .. } => Label::Row(variant),
                Segment::Table { variant, table, .. } => Label::Table {
                    message: entry.message,
                    table,
                    variant,
                },
            }
        }

    }
    )*};
}

composition!(u8, u16, u32, u64, i8, i16, i32, i64);

/// The outcome of a compile-time check: empty when the table is sound, else the message the
/// generated constant panics with (from the user's crate, so that the error is reported at the
/// variant that brings the problem, with no frame inside this crate).
pub struct Report(pub(crate) Message);

impl Report {
    /// The problem found, if any.
    #[must_use]
    pub const fn problem(&self) -> Option<&str> {
        if self.0.len == 0 {
            return None;
        }
        let (written, _) = self.0.bytes.split_at(self.0.len);
        match core::str::from_utf8(written) {
            Ok(message) => Some(message),
            Err(_) => Some("apicode: the composed code table is not valid"),
        }
    }
}

pub(crate) const fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut index = 0;
    while index < a.len() {
        if a[index] != b[index] {
            return false;
        }
        index += 1;
    }
    true
}

/// A compile-time error message, written without allocation.
pub(crate) struct Message {
    bytes: [u8; 512],
    len: usize,
}

impl Message {
    pub(crate) const fn new() -> Self {
        Message {
            bytes: [0; 512],
            len: 0,
        }
    }

    pub(crate) const fn text(mut self, text: &str) -> Self {
        let text = text.as_bytes();
        let mut index = 0;
        while index < text.len() && self.len < self.bytes.len() {
            self.bytes[self.len] = text[index];
            self.len += 1;
            index += 1;
        }
        if index < text.len() {
            // Truncated: never end inside a UTF-8 sequence.
            while self.len > 0 && self.bytes[self.len - 1] & 0xC0 == 0x80 {
                self.len -= 1;
            }
            if self.len > 0 && self.bytes[self.len - 1] >= 0xC0 {
                self.len -= 1;
            }
        }
        self
    }

    pub(crate) const fn code(self, code: i128) -> Self {
        let decimal = crate::code::Decimal::wide(code);
        match core::str::from_utf8(decimal.digits()) {
            Ok(digits) => self.text(digits),
            Err(_) => self,
        }
    }

    const fn range(self, start: i128, end: i128) -> Self {
        self.code(start).text("..=").code(end)
    }

    const fn label(self, label: Label<'_>) -> Self {
        match label {
            Label::Row(variant) => self.text("`").text(variant).text("`"),
            Label::Table {
                message,
                table,
                variant,
            } => self
                .text("`")
                .text(message)
                .text("` of ")
                .text(table)
                .text(" (through `")
                .text(variant)
                .text("`)"),
        }
    }
}

/// How a message names an entry of a composed table.
#[derive(Clone, Copy)]
enum Label<'a> {
    /// A row of the table itself, by its variant.
    Row(&'a str),
    /// An entry of a nested table: its message, the table, the variant nesting it.
    Table {
        message: &'a str,
        table: &'a str,
        variant: &'a str,
    },
}

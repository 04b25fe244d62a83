//! A perfect hash of a table's codes, and one of its messages, computed at expansion time:
//! `from_code` and `from_message` find a row without a chain of unpredictable branches, and
//! the expansion holds one or two short arrays instead of a `match` arm per row.
//!
//! A small table (up to `MULTIPLY_MAX` codes) looks for one multiplier that sends every code to
//! its own slot of a table of 2^bits slots (`slot = (code * multiplier) >> (64 - bits)`): a
//! lookup is one multiplication, one load and one comparison, about as cheap as a `match`
//! whose branches the processor has learnt, and as cheap again on codes it has not.
//! Larger tables, or a small one for which no multiplier is found, hash and displace: a code
//! falls into one of `buckets` by a multiplicative hash; each bucket gets the smallest
//! displacement `d` that sends all its codes, hashed again as `code ^ d`, to free slots of a
//! table of `slots` entries. Looking a code up is then: its bucket's displacement, its slot, and
//! one comparison with the code stored there.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::code_type::CodeType;

/// Below this many codes, a literal `match` is as fast and smaller.
const MIN_CODES: usize = 8;
/// How many displacements to try for one bucket before growing the slot table.
const MAX_TRIES: u32 = 1 << 16;
const BUCKET_KEY: u32 = 0x9E37_79B1;
const SLOT_KEY: u32 = 0x85EB_CA6B;
/// Up to this many codes, a table looks for a single multiplier first.
const MULTIPLY_MAX: usize = 64;
/// How many multipliers to try for each table size.
const MULTIPLY_TRIES: u32 = 1 << 13;

/// The hash tables of a set of codes.
pub struct Table {
    shape: Shape,
    /// For each slot, the row it holds (`empty` for none) and that row's code.
    slots: Vec<(usize, u32)>,
    empty: usize,
}

/// How a key finds its slot.
enum Shape {
    /// `(key * multiplier) >> (64 - bits)`, over 2^bits slots.
    Multiply { multiplier: u64, bits: u32 },
    /// The bucket's displacement, then the slot under it.
    Displaced { displacements: Vec<u32> },
}

/// The slot of `key` under one multiplier, over 2^bits slots.
fn multiply_slot(key: u32, multiplier: u64, bits: u32) -> usize {
    usize::try_from(u64::from(key).wrapping_mul(multiplier) >> (64 - bits)).unwrap_or(0)
}

/// The multipliers tried, in order: odd numbers from a fixed `SplitMix64` sequence, so that an
/// expansion is the same on every build.
fn multipliers() -> impl Iterator<Item = u64> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    std::iter::repeat_with(move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) | 1
    })
}

/// `hash` scaled to `0..len` without a division.
fn reduce(hash: u32, len: usize) -> usize {
    // `len` is at most a few times the number of codes, far below 2^32.
    let len = u64::try_from(len).unwrap_or(u64::MAX);
    usize::try_from((u64::from(hash) * len) >> 32).unwrap_or(0)
}

// These two are computed again at run time by `apicode::__private::{bucket_hash, slot_hash}`:
// keep them identical.
fn bucket(code: u32, buckets: usize) -> usize {
    reduce(code.wrapping_mul(BUCKET_KEY), buckets)
}

/// A multiply, an xor-shift and a multiply: with the multiply alone, codes that differ by a
/// constant keep their slots a constant apart whatever the displacement, and dense runs of
/// codes (104200, 104201, ...) could not be placed.
fn slot(code: u32, displacement: u32, slots: usize) -> usize {
    let mixed = (code ^ displacement).wrapping_mul(SLOT_KEY);
    reduce((mixed ^ (mixed >> 16)).wrapping_mul(BUCKET_KEY), slots)
}

/// The 32-bit FNV-1a hash of a message. Computed again at run time by
/// `apicode::__private::message_hash`: keep them identical.
pub fn message_hash(message: &str) -> u32 {
    message.bytes().fold(0x811C_9DC5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

impl Table {
    /// The tables for `messages` (row index, message), keyed by their hashes; `None` as for
    /// codes, and when two messages share a hash (then a literal match serves).
    pub fn build_messages(messages: &[(usize, &str)]) -> Option<Table> {
        let keys: Vec<(usize, u32)> = messages
            .iter()
            .map(|&(row, message)| (row, message_hash(message)))
            .collect();
        Self::build(&keys)
    }

    /// The tables for `codes` (row index, 32-bit key of the code), or `None` when there are too
    /// few codes to be worth it, two share a key, or no displacement is found (then a literal
    /// match serves).
    pub fn build(codes: &[(usize, u32)]) -> Option<Table> {
        if codes.len() < MIN_CODES {
            return None;
        }
        // Folded 64-bit codes may share a key, which no displacement separates.
        let mut keys: Vec<u32> = codes.iter().map(|&(_, key)| key).collect();
        keys.sort_unstable();
        if keys.windows(2).any(|pair| pair[0] == pair[1]) {
            return None;
        }
        if codes.len() <= MULTIPLY_MAX {
            if let Some(table) = Self::try_multiply(codes) {
                return Some(table);
            }
        }
        let buckets = codes.len().div_ceil(4);
        let mut slots = codes.len() * 2;
        for _ in 0..4 {
            if let Some(table) = Self::try_build(codes, buckets, slots) {
                return Some(table);
            }
            slots *= 2;
        }
        None
    }

    /// A table of 2^bits slots, from twice to eight times the codes, under the first
    /// multiplier that gives each code a slot of its own.
    fn try_multiply(codes: &[(usize, u32)]) -> Option<Table> {
        let least = (codes.len() * 2).next_power_of_two().trailing_zeros();
        let empty = usize::MAX;
        let mut taken = Vec::new();
        for bits in least..least + 3 {
            let size = 1_usize << bits;
            let found = multipliers()
                .take(MULTIPLY_TRIES as usize)
                .find(|&multiplier| {
                    taken.clear();
                    taken.resize(size, false);
                    codes.iter().all(|&(_, key)| {
                        let at = multiply_slot(key, multiplier, bits);
                        !std::mem::replace(&mut taken[at], true)
                    })
                });
            if let Some(multiplier) = found {
                let mut slots = vec![(empty, 0); size];
                for &(row, key) in codes {
                    slots[multiply_slot(key, multiplier, bits)] = (row, key);
                }
                return Some(Table {
                    shape: Shape::Multiply { multiplier, bits },
                    slots,
                    empty,
                });
            }
        }
        None
    }

    /// The slot `key` is looked up in.
    #[cfg(test)]
    fn slot_of(&self, key: u32) -> usize {
        match &self.shape {
            Shape::Multiply { multiplier, bits } => multiply_slot(key, *multiplier, *bits),
            Shape::Displaced { displacements } => {
                let displacement = displacements[bucket(key, displacements.len())];
                slot(key, displacement, self.slots.len())
            }
        }
    }

    /// The statics and the expression that give the slot of `key` (a `u32`) at run time.
    fn slot_expr(&self, private: &TokenStream, key: &TokenStream) -> (TokenStream, TokenStream) {
        match &self.shape {
            Shape::Multiply { multiplier, bits } => {
                let multiplier = Literal::u64_unsuffixed(*multiplier);
                let shift = Literal::u32_unsuffixed(64 - bits);
                let slot = quote! {
                    ((#key as ::core::primitive::u64).wrapping_mul(#multiplier) >> #shift)
                        as ::core::primitive::usize
                };
                (TokenStream::new(), slot)
            }
            Shape::Displaced { displacements } => {
                let buckets = displacements.len();
                let slots = self.slots.len();
                let values = displacements.iter().map(|d| Literal::u32_unsuffixed(*d));
                let statics = quote! {
                    static __APICODE_DISPLACEMENTS: [::core::primitive::u32; #buckets] = [#(#values),*];
                };
                let slot = quote! {
                    #private::slot_hash(
                        #key,
                        __APICODE_DISPLACEMENTS[#private::bucket_hash(#key, #buckets)],
                        #slots,
                    )
                };
                (statics, slot)
            }
        }
    }

    fn try_build(codes: &[(usize, u32)], buckets: usize, slots: usize) -> Option<Table> {
        let mut members: Vec<Vec<(usize, u32)>> = vec![Vec::new(); buckets];
        for &(row, code) in codes {
            members[bucket(code, buckets)].push((row, code));
        }
        let mut order: Vec<usize> = (0..buckets).collect();
        order.sort_by_key(|&index| std::cmp::Reverse(members[index].len()));
        let empty = usize::MAX;
        let mut displacements = vec![0; buckets];
        let mut table_slots = vec![(empty, 0); slots];
        let mut taken: Vec<usize> = Vec::new();
        for index in order {
            let bucket = &members[index];
            if bucket.is_empty() {
                continue;
            }
            let found = (0..MAX_TRIES).find(|&displacement| {
                taken.clear();
                bucket.iter().all(|&(_, code)| {
                    let at = slot(code, displacement, slots);
                    let free = table_slots[at].0 == empty && !taken.contains(&at);
                    taken.push(at);
                    free
                })
            })?;
            displacements[index] = found;
            for &(row, code) in bucket {
                table_slots[slot(code, found, slots)] = (row, code);
            }
        }
        Some(Table {
            shape: Shape::Displaced { displacements },
            slots: table_slots,
            empty,
        })
    }

    /// The function `__apicode_lookup(code)`: the row of a hashed code, else `missing` (an index
    /// no row has). The table was built over the codes' 32-bit keys (`CodeType::key`). Each
    /// slot holds its key and its row in one `u64` (key above, row below), so that finding a
    /// row is one load and one comparison; a key is the code itself for 32 bits or fewer, and
    /// a 64-bit code, whose key is folded, is compared whole with its row's code.
    pub fn expand_codes(
        &self,
        private: &TokenStream,
        missing: usize,
        code_type: CodeType,
    ) -> TokenStream {
        let slots = self.slots.len();
        let (statics, slot) = self.slot_expr(private, &quote!(__key));
        let missing64 = u64::try_from(missing).unwrap_or(u64::MAX);
        let entries = self.slots.iter().map(|&(row, code)| {
            let row = if row == self.empty {
                missing64
            } else {
                u64::try_from(row).unwrap_or(u64::MAX)
            };
            Literal::u64_unsuffixed(u64::from(code) << 32 | row)
        });
        let code_ty = code_type.tokens();
        let key = code_type.key_expr(&quote!(__code));
        let found = if code_type.wide() {
            quote! {{
                let __row = __slot as ::core::primitive::u32 as ::core::primitive::usize;
                if __row < #missing && __APICODE_ROWS[__row].code == __code { __row } else { #missing }
            }}
        } else {
            quote!(__slot as ::core::primitive::u32 as ::core::primitive::usize)
        };
        quote! {
            /// The row of a declared inline code, else the row count.
            #[inline]
            fn __apicode_lookup(__code: #code_ty) -> ::core::primitive::usize {
                #statics
                static __APICODE_SLOTS: [::core::primitive::u64; #slots] = [#(#entries),*];
                let __key = #key;
                let __slot = __APICODE_SLOTS[#slot];
                if (__slot >> 32) as ::core::primitive::u32 == __key {
                    #found
                } else {
                    #missing
                }
            }
        }
    }

    /// The function `__apicode_message_row(message)`: the row of a hashed message, else
    /// `missing`. A slot holds a row; the row's own message confirms the match.
    pub fn expand_messages(&self, private: &TokenStream, missing: usize) -> TokenStream {
        let slots = self.slots.len();
        let (statics, slot) = self.slot_expr(private, &quote!(__hash));
        let rows = self.slots.iter().map(|&(row, _)| {
            Literal::usize_unsuffixed(if row == self.empty { missing } else { row })
        });
        let row_type = if u16::try_from(missing).is_ok() {
            quote!(::core::primitive::u16)
        } else {
            quote!(::core::primitive::u32)
        };
        quote! {
            /// The row of a declared inline message, else the row count.
            fn __apicode_message_row(__message: &::core::primitive::str) -> ::core::primitive::usize {
                #statics
                static __APICODE_SLOT_ROWS: [#row_type; #slots] = [#(#rows),*];
                let __hash = #private::message_hash(__message);
                let __row = __APICODE_SLOT_ROWS[#slot] as ::core::primitive::usize;
                if __row < #missing && __APICODE_ROWS[__row].message == __message {
                    __row
                } else {
                    #missing
                }
            }
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::{Shape, Table};

    /// Codes clustered as real API codes are (and as the benchmark's large table): runs of ten
    /// consecutive codes, ten runs per thousand. The bitmap's tests use them too.
    pub(crate) fn clustered(count: usize) -> Vec<(usize, u32)> {
        (0..count)
            .map(|row| {
                let row32 = u32::try_from(row).unwrap_or(u32::MAX);
                (row, 100_000 + row32 / 10 * 100 + row32 % 10)
            })
            .collect()
    }

    #[test]
    fn dense_runs_of_codes_fit_in_twice_as_many_slots() {
        for count in [65, 2_001, 10_000] {
            let codes = clustered(count);
            let table = Table::build(&codes).expect("a perfect hash is found");
            assert!(
                matches!(table.shape, Shape::Displaced { .. }),
                "{count} codes"
            );
            assert_eq!(table.slots.len(), 2 * count, "{count} codes");
            for &(row, code) in &codes {
                assert_eq!(table.slots[table.slot_of(code)], (row, code));
            }
        }
    }

    #[test]
    fn small_tables_find_one_multiplier() {
        // Clustered, sparse as the SMS table's codes, and multiples of a power of two, which
        // a multiplicative hash spreads worst.
        let sparse: Vec<(usize, u32)> = [
            0, 101_000, 101_301, 101_303, 104_001, 104_002, 104_003, 104_110, 104_111, 104_200,
            104_201, 104_202, 105_001, 105_002, 105_300, 106_101, 107_111, 107_120, 107_121,
            107_122, 107_123, 107_141, 107_143, 107_144, 107_145,
        ]
        .into_iter()
        .enumerate()
        .collect();
        let strided: Vec<(usize, u32)> = (0..64_u32)
            .map(|step| (usize::try_from(step).unwrap_or(0), step << 16))
            .collect();
        for codes in [clustered(8), clustered(25), clustered(64), sparse, strided] {
            let table = Table::build(&codes).expect("a perfect hash is found");
            let Shape::Multiply { bits, .. } = table.shape else {
                panic!("{} codes are displaced", codes.len());
            };
            assert!(
                table.slots.len() <= 8 * codes.len().next_power_of_two(),
                "{bits} bits"
            );
            for &(row, code) in &codes {
                assert_eq!(table.slots[table.slot_of(code)], (row, code));
            }
        }
    }

    #[test]
    fn message_hash_is_fnv_1a() {
        // The published FNV-1a 32-bit test vectors, as the runtime's copy is tested against.
        assert_eq!(super::message_hash(""), 0x811C_9DC5);
        assert_eq!(super::message_hash("a"), 0xE40C_292C);
        assert_eq!(super::message_hash("foobar"), 0xBF9C_F968);
    }

    #[test]
    fn messages_that_share_a_hash_keep_a_literal_match() {
        let messages: Vec<(usize, &str)> = (0..10).map(|row| (row, "Same")).collect();
        assert!(Table::build_messages(&messages).is_none());
    }

    #[test]
    fn small_tables_keep_a_literal_match() {
        assert!(Table::build(&clustered(7)).is_none());
    }
}

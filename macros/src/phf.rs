//! A perfect hash of a table's codes, and one of its messages, computed at expansion time (hash
//! and displace): `from_code` and `from_message` find a row without a chain of unpredictable
//! branches, and the expansion holds two short arrays instead of a `match` arm per row.
//!
//! A code falls into one of `buckets` by a multiplicative hash; each bucket gets the smallest
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

/// The hash tables of a set of codes.
pub struct Table {
    displacements: Vec<u32>,
    /// For each slot, the row it holds (`empty` for none) and that row's code.
    slots: Vec<(usize, u32)>,
    empty: usize,
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

    fn try_build(codes: &[(usize, u32)], buckets: usize, slots: usize) -> Option<Table> {
        let mut members: Vec<Vec<(usize, u32)>> = vec![Vec::new(); buckets];
        for &(row, code) in codes {
            members[bucket(code, buckets)].push((row, code));
        }
        let mut order: Vec<usize> = (0..buckets).collect();
        order.sort_by_key(|&index| std::cmp::Reverse(members[index].len()));
        let empty = usize::MAX;
        let mut table = Table {
            displacements: vec![0; buckets],
            slots: vec![(empty, 0); slots],
            empty,
        };
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
                    let free = table.slots[at].0 == empty && !taken.contains(&at);
                    taken.push(at);
                    free
                })
            })?;
            table.displacements[index] = found;
            for &(row, code) in bucket {
                table.slots[slot(code, found, slots)] = (row, code);
            }
        }
        Some(table)
    }

    /// The displacements, as a static array.
    fn displacements(&self) -> TokenStream {
        let buckets = self.displacements.len();
        let displacements = self
            .displacements
            .iter()
            .map(|d| Literal::u32_unsuffixed(*d));
        quote! {
            static __APICODE_DISPLACEMENTS: [::core::primitive::u32; #buckets] = [#(#displacements),*];
        }
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
        let buckets = self.displacements.len();
        let slots = self.slots.len();
        let displacements = self.displacements();
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
                #displacements
                static __APICODE_SLOTS: [::core::primitive::u64; #slots] = [#(#entries),*];
                let __key = #key;
                let __displacement = __APICODE_DISPLACEMENTS[#private::bucket_hash(__key, #buckets)];
                let __slot = __APICODE_SLOTS[#private::slot_hash(__key, __displacement, #slots)];
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
        let buckets = self.displacements.len();
        let slots = self.slots.len();
        let displacements = self.displacements();
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
                #displacements
                static __APICODE_SLOT_ROWS: [#row_type; #slots] = [#(#rows),*];
                let __hash = #private::message_hash(__message);
                let __displacement = __APICODE_DISPLACEMENTS[#private::bucket_hash(__hash, #buckets)];
                let __row = __APICODE_SLOT_ROWS[#private::slot_hash(__hash, __displacement, #slots)]
                    as ::core::primitive::usize;
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
    use super::{Table, bucket, slot};

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
        for count in [8, 25, 2_001, 10_000] {
            let codes = clustered(count);
            let table = Table::build(&codes).expect("a perfect hash is found");
            assert_eq!(table.slots.len(), 2 * count, "{count} codes");
            for &(row, code) in &codes {
                let displacement = table.displacements[bucket(code, table.displacements.len())];
                assert_eq!(
                    table.slots[slot(code, displacement, table.slots.len())],
                    (row, code)
                );
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

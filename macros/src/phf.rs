//! A perfect hash of a table's codes, computed at expansion time (hash and displace): `from_code`
//! finds a code's row without a chain of unpredictable branches.
//!
//! A code falls into one of `buckets` by a multiplicative hash; each bucket gets the smallest
//! displacement `d` that sends all its codes, hashed again as `code ^ d`, to free slots of a
//! table of `slots` entries. Looking a code up is then: its bucket's displacement, its slot, and
//! one comparison with the code stored there.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

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

impl Table {
    /// The tables for `codes` (row index, code), or `None` when there are too few codes to be
    /// worth it or no displacement is found (then a literal match serves).
    pub fn build(codes: &[(usize, u32)]) -> Option<Table> {
        if codes.len() < MIN_CODES {
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

    /// The function `__apicode_lookup(code)`: the row of a hashed code, else `missing` (an index
    /// no row has). Its statics hold the displacements and, per slot, the row and its code.
    pub fn expand(&self, private: &TokenStream, missing: usize) -> TokenStream {
        let buckets = self.displacements.len();
        let slots = self.slots.len();
        let displacements = self
            .displacements
            .iter()
            .map(|d| Literal::u32_unsuffixed(*d));
        let rows = self.slots.iter().map(|&(row, _)| {
            Literal::usize_unsuffixed(if row == self.empty { missing } else { row })
        });
        let codes = self
            .slots
            .iter()
            .map(|&(_, code)| Literal::u32_unsuffixed(code));
        let row_type = if u16::try_from(missing).is_ok() {
            quote!(::core::primitive::u16)
        } else {
            quote!(::core::primitive::u32)
        };
        quote! {
            /// The row of a declared inline code, else the row count.
            #[inline]
            fn __apicode_lookup(__code: ::core::primitive::u32) -> ::core::primitive::usize {
                static __APICODE_DISPLACEMENTS: [::core::primitive::u32; #buckets] = [#(#displacements),*];
                static __APICODE_SLOT_ROWS: [#row_type; #slots] = [#(#rows),*];
                static __APICODE_SLOT_CODES: [::core::primitive::u32; #slots] = [#(#codes),*];
                let __displacement = __APICODE_DISPLACEMENTS[#private::bucket_hash(__code, #buckets)];
                let __slot = #private::slot_hash(__code, __displacement, #slots);
                // Both loads before the comparison, so that it selects rather than branches.
                let __candidate = __APICODE_SLOT_ROWS[__slot] as ::core::primitive::usize;
                if __APICODE_SLOT_CODES[__slot] == __code {
                    __candidate
                } else {
                    #missing
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Table, bucket, slot};

    /// Codes clustered as real API codes are: runs of ten consecutive codes.
    fn clustered(count: usize) -> Vec<(usize, u32)> {
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
    fn small_tables_keep_a_literal_match() {
        assert!(Table::build(&clustered(7)).is_none());
    }
}

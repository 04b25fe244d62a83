//! A rank bitmap of a table's codes, for tables whose codes are clustered (runs of consecutive
//! codes, as real APIs number them): one bit per code of the range, and for each 64-bit word
//! the number of codes before it. Finding a code's row is a subtraction, one load of its word,
//! a popcount and an add, a shorter chain than the perfect hash's two rounds of multiplications
//! and two dependent loads. Sparse tables keep the perfect hash: their bitmap would be mostly
//! zeros.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::code_type::CodeType;

/// Below this many codes, a literal `match` is as fast and smaller (as for the perfect hash).
const MIN_CODES: usize = 8;
/// The largest bitmap, in 64-bit words per code, worth emitting.
const MAX_WORDS_PER_CODE: usize = 1;

/// The bitmap of a set of codes.
pub struct Table {
    /// The lowest code: bit 0 of word 0.
    base: i128,
    words: Vec<u64>,
    /// The number of codes in the words before each word.
    ranks: Vec<usize>,
    /// For each code in ascending order, its row; `None` when that is the identity.
    rows: Option<Vec<usize>>,
}

impl Table {
    /// The bitmap for `codes` (row index, code), or `None` when there are too few codes or
    /// they are too sparse for one.
    pub fn build(codes: &[(usize, i128)]) -> Option<Table> {
        if codes.len() < MIN_CODES {
            return None;
        }
        let mut sorted: Vec<(i128, usize)> = codes.iter().map(|&(row, code)| (code, row)).collect();
        sorted.sort_unstable();
        let base = sorted.first()?.0;
        let span = usize::try_from(sorted.last()?.0 - base).ok()? + 1;
        let word_count = span.div_ceil(64);
        if word_count > codes.len() * MAX_WORDS_PER_CODE {
            return None;
        }
        let mut words = vec![0_u64; word_count];
        for &(code, _) in &sorted {
            let offset = usize::try_from(code - base).ok()?;
            words[offset / 64] |= 1 << (offset % 64);
        }
        let mut ranks = Vec::with_capacity(word_count);
        let mut total = 0;
        for word in &words {
            ranks.push(total);
            total += word.count_ones() as usize;
        }
        let order: Vec<usize> = sorted.iter().map(|&(_, row)| row).collect();
        let identity = order.iter().enumerate().all(|(rank, &row)| rank == row);
        Some(Table {
            base,
            words,
            ranks,
            rows: (!identity).then_some(order),
        })
    }

    /// The row of `code` in a table of `u32` codes, as the emitted `__apicode_lookup` finds it
    /// (for tests).
    #[cfg(test)]
    fn find(&self, code: u32, missing: usize) -> usize {
        let base = u32::try_from(self.base).unwrap_or(u32::MAX);
        let offset = code.wrapping_sub(base) as usize;
        let index = (offset >> 6).min(self.words.len());
        let word = self.words.get(index).copied().unwrap_or(0);
        let bit = 1_u64 << (offset & 63);
        if word & bit == 0 {
            return missing;
        }
        let rank = self.ranks[index] + (word & (bit - 1)).count_ones() as usize;
        self.rows.as_ref().map_or(rank, |rows| rows[rank])
    }

    /// The function `__apicode_lookup(code)`: the row of a declared inline code, else
    /// `missing`. A code below the base wraps to a large offset and, like one above the range,
    /// reads the zero word after the last; no branch but the final select. Codes of 32 bits or
    /// fewer are offset as their 32-bit keys (`CodeType::key`: the same difference, modulo
    /// 2^32, for every code of the type), 64-bit codes as `u64`s.
    pub fn expand(&self, missing: usize, code_type: CodeType) -> TokenStream {
        let count = self.words.len();
        let padded = count + 1;
        let code_ty = code_type.tokens();
        let offset = if code_type.wide() {
            // Two's complement bits of the base, so that the subtraction wraps as the key's.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let base = Literal::u64_unsuffixed(self.base as u64);
            quote! {
                let __wide = (__code as ::core::primitive::u64).wrapping_sub(#base);
                let __offset = if __wide >> 6 < #count as ::core::primitive::u64 {
                    __wide as ::core::primitive::usize
                } else {
                    #count << 6
                };
            }
        } else {
            let base = Literal::u32_unsuffixed(code_type.key(self.base));
            let key = code_type.key_expr(&quote!(__code));
            quote! {
                let __offset = (#key).wrapping_sub(#base) as ::core::primitive::usize;
            }
        };
        let words = self
            .words
            .iter()
            .map(|word| Literal::u64_unsuffixed(*word))
            .chain(std::iter::once(Literal::u64_unsuffixed(0)));
        let small = u16::try_from(missing).is_ok();
        let index_type = if small {
            quote!(::core::primitive::u16)
        } else {
            quote!(::core::primitive::u32)
        };
        let ranks = self
            .ranks
            .iter()
            .chain(std::iter::once(&0))
            .map(|rank| Literal::usize_unsuffixed(*rank));
        let (rows, row) = match &self.rows {
            None => (TokenStream::new(), quote!(__rank)),
            Some(rows) => {
                let total = rows.len();
                let rows = rows.iter().map(|row| Literal::usize_unsuffixed(*row));
                (
                    quote! {
                        static __APICODE_ORDER: [#index_type; #total] = [#(#rows),*];
                    },
                    quote!(__APICODE_ORDER[__rank] as ::core::primitive::usize),
                )
            }
        };
        quote! {
            /// The row of a declared inline code, else the row count.
            #[inline]
            fn __apicode_lookup(__code: #code_ty) -> ::core::primitive::usize {
                static __APICODE_WORDS: [::core::primitive::u64; #padded] = [#(#words),*];
                static __APICODE_RANKS: [#index_type; #padded] = [#(#ranks),*];
                #rows
                #offset
                let __index = if (__offset >> 6) < #count { __offset >> 6 } else { #count };
                let __word = __APICODE_WORDS[__index];
                let __bit = 1_u64 << (__offset & 63);
                let __rank = __APICODE_RANKS[__index] as ::core::primitive::usize
                    + (__word & (__bit - 1)).count_ones() as ::core::primitive::usize;
                if __word & __bit == 0 {
                    #missing
                } else {
                    #row
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Table;
    use crate::phf::tests::clustered;

    #[test]
    fn every_code_finds_its_row_and_no_other_code_does() {
        for count in [8, 25, 2_001] {
            let codes = clustered(count);
            let table = Table::build(&wide(&codes)).expect("clustered codes make a bitmap");
            let missing = count;
            for &(row, code) in &codes {
                assert_eq!(table.find(code, missing), row, "code {code}");
            }
            let declared: Vec<u32> = codes.iter().map(|&(_, code)| code).collect();
            for probe in (0..250_000).chain([u32::MAX, u32::MAX - 1, 99_999]) {
                if !declared.contains(&probe) {
                    assert_eq!(table.find(probe, missing), missing, "code {probe}");
                }
            }
        }
    }

    #[test]
    fn rows_out_of_code_order_are_mapped() {
        let mut codes = clustered(20);
        codes.reverse();
        let codes: Vec<(usize, u32)> = codes
            .iter()
            .enumerate()
            .map(|(row, &(_, code))| (row, code))
            .collect();
        let table = Table::build(&wide(&codes)).expect("a bitmap");
        assert!(table.rows.is_some());
        for &(row, code) in &codes {
            assert_eq!(table.find(code, 20), row);
        }
    }

    #[test]
    fn sparse_or_small_tables_keep_the_perfect_hash() {
        let sparse: Vec<(usize, u32)> = (0..20_u32)
            .map(|code| (code as usize, code * 1_000))
            .collect();
        assert!(Table::build(&wide(&sparse)).is_none());
        assert!(Table::build(&wide(&clustered(7))).is_none());
    }

    fn wide(codes: &[(usize, u32)]) -> Vec<(usize, i128)> {
        codes
            .iter()
            .map(|&(row, code)| (row, i128::from(code)))
            .collect()
    }
}

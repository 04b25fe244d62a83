//! `from_code` on tables large enough for the perfect hash the derive computes at expansion
//! time: every declared code is found, and no other code is, whatever its bits.

use apicode::{ApiError, CodeTable};
use apicode_sms::SmsError;

/// Codes chosen to stress a multiplicative hash: extremes, runs of consecutive codes, powers
/// of two, and codes that differ only in their high bits.
#[derive(Debug, PartialEq, ApiError)]
enum Edges {
    #[code(0, "Zero")]
    Zero,
    #[code(1, "One")]
    One,
    #[code(2, "Two")]
    Two,
    #[code(3, "Three")]
    Three,
    #[code(4_294_967_295, "Max")]
    Max,
    #[code(4_294_967_294, "MaxMinusOne")]
    MaxMinusOne,
    #[code(2_147_483_648, "HighBit")]
    HighBit,
    #[code(1_073_741_824, "Bit30")]
    Bit30,
    #[code(65_536, "Bit16")]
    Bit16,
    #[code(65_537, "Bit16PlusOne")]
    Bit16PlusOne,
    #[code(104_200, "A")]
    A,
    #[code(104_201, "B")]
    B,
    #[code(104_202, "C")]
    C,
    #[code(2_147_587_848, "CWithHighBit")]
    CWithHighBit,
    #[code(1_000_000, "Million")]
    Million,
    #[code(999_999, "BelowMillion")]
    BelowMillion,
    #[code(other)]
    Unknown(u32),
}

fn declared<T: CodeTable>() -> Vec<u32> {
    T::ENTRIES.iter().map(|entry| entry.code).collect()
}

/// A small deterministic generator, so that the sweep is the same on every run.
fn codes(seed: u64, count: usize) -> impl Iterator<Item = u32> {
    let mut state = seed;
    (0..count).map(move |_| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        u32::try_from(state >> 32).unwrap_or(0)
    })
}

#[test]
fn every_declared_code_is_found_and_its_neighbours_are_not() {
    let declared = declared::<Edges>();
    for &code in &declared {
        let found = Edges::from_code(code).expect("a declared code is found");
        assert_eq!(found.code(), code);
        for neighbour in [
            code.wrapping_sub(1),
            code.wrapping_add(1),
            code ^ 0x8000_0000,
        ] {
            assert_eq!(
                Edges::from_code(neighbour).is_some(),
                declared.contains(&neighbour),
                "code {neighbour}"
            );
        }
    }
}

#[test]
fn random_codes_are_found_exactly_when_declared() {
    for (table, declared, lookup) in [
        (
            "Edges",
            declared::<Edges>(),
            (|code| Edges::from_code(code).map(|found| found.code())) as fn(u32) -> Option<u32>,
        ),
        ("SmsError", declared::<SmsError>(), |code| {
            SmsError::from_code(code).map(|found| found.code())
        }),
    ] {
        for code in codes(0x5EED, 200_000) {
            let expected = declared.contains(&code).then_some(code);
            assert_eq!(lookup(code), expected, "{table} code {code}");
        }
    }
    assert_eq!(Edges::from(12_345), Edges::Unknown(12_345));
    assert_eq!(Edges::from(0), Edges::Zero);
}

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

/// Codes in runs, as APIs number them, declared out of order: the derive finds these through a
/// rank bitmap of the code range rather than the perfect hash.
#[derive(Debug, PartialEq, ApiError)]
enum Runs {
    #[code(104_210, "Ten")]
    Ten,
    #[code(104_200, "Zero")]
    Zero,
    #[code(104_201, "One")]
    One,
    #[code(104_202, "Two")]
    Two,
    #[code(104_263, "SixtyThree")]
    SixtyThree,
    #[code(104_264, "SixtyFour")]
    SixtyFour,
    #[code(104_265, "SixtyFive")]
    SixtyFive,
    #[code(104_300, "Hundred")]
    Hundred,
    #[code(104_327, "HundredTwentySeven")]
    HundredTwentySeven,
    #[code(104_328, "HundredTwentyEight")]
    HundredTwentyEight,
    #[code(other)]
    Unknown(u32),
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
        ("Runs", declared::<Runs>(), |code| {
            Runs::from_code(code).map(|found| found.code())
        }),
    ] {
        // Random codes, and every code around the declared ones.
        let near = declared
            .iter()
            .flat_map(|&code| code.saturating_sub(200)..=code.saturating_add(200));
        for code in codes(0x5EED, 200_000).chain(near).chain([0, u32::MAX]) {
            let expected = declared.contains(&code).then_some(code);
            assert_eq!(lookup(code), expected, "{table} code {code}");
        }
    }
    assert_eq!(Edges::from(12_345), Edges::Unknown(12_345));
    assert_eq!(Edges::from(0), Edges::Zero);
    assert_eq!(Runs::from(104_264), Runs::SixtyFour);
    assert_eq!(Runs::from(104_210), Runs::Ten);
    assert_eq!(Runs::from(104_203), Runs::Unknown(104_203));
    assert_eq!(Runs::from(104_199), Runs::Unknown(104_199));
}

#[test]
fn every_declared_message_is_found_and_near_misses_are_not() {
    for entry in Edges::ENTRIES {
        let found = Edges::from_message(entry.message).expect("a declared message is found");
        assert_eq!(found.code(), entry.code);
        let lower = entry.message.to_lowercase();
        let longer = format!("{} ", entry.message);
        let shorter = &entry.message[..entry.message.len() - 1];
        for near in [lower.as_str(), longer.as_str(), shorter] {
            let declared = Edges::ENTRIES.iter().any(|other| other.message == near);
            assert_eq!(
                Edges::from_message(near).is_some(),
                declared,
                "message {near:?}"
            );
        }
    }
    for other in ["", "Unknown", "InvalidPhoneNumbers", "Zero\0", "ZERO"] {
        assert_eq!(Edges::from_message(other), None, "message {other:?}");
    }
}

/// A field type without `Default`: its variant cannot be built from a code alone.
#[derive(Debug, PartialEq)]
struct Token(String);

/// Large enough for the perfect hashes, but not a table of unit variants only: the lookups
/// build a row's variant (defaulting fields where they can), reused entries are compared
/// after the hashed rows, and one variant has the enum's own name.
#[derive(Debug, PartialEq, ApiError)]
#[allow(clippy::enum_variant_names)]
enum Mixed {
    #[code(10, "Mixed")]
    Mixed,
    #[code(11, "WithDefault")]
    WithDefault { attempts: u32 },
    #[code(12, "WithoutDefault")]
    WithoutDefault(Token),
    #[code(13, "Thirteen")]
    Thirteen,
    #[code(14, "Fourteen")]
    Fourteen,
    #[code(15, "Fifteen")]
    Fifteen,
    #[code(16, "Sixteen")]
    Sixteen,
    #[code(17, "Seventeen")]
    Seventeen,
    #[code(18, "Eighteen")]
    Eighteen,
    #[code(SmsError::InvalidPhoneNumbers)]
    Phone,
}

#[test]
fn mixed_tables_find_rows_by_code_and_by_message() {
    for (code, message, expected) in [
        (10, "Mixed", Some(Mixed::Mixed)),
        (11, "WithDefault", Some(Mixed::WithDefault { attempts: 0 })),
        (12, "WithoutDefault", None),
        (13, "Thirteen", Some(Mixed::Thirteen)),
        (18, "Eighteen", Some(Mixed::Eighteen)),
    ] {
        assert_eq!(Mixed::from_code(code), expected, "code {code}");
        assert_eq!(Mixed::from_message(message), expected, "message {message}");
    }
    let reused = SmsError::InvalidPhoneNumbers;
    assert_eq!(Mixed::from_code(reused.code()), Some(Mixed::Phone));
    assert_eq!(Mixed::from_message(reused.message()), Some(Mixed::Phone));
    assert_eq!(Mixed::Mixed.code(), 10);
    assert_eq!(Mixed::Phone.message(), reused.message());
    for code in [0, 9, 19, 20, 104_202] {
        assert_eq!(Mixed::from_code(code), None, "code {code}");
        assert!(Mixed::try_from(code).is_err(), "code {code}");
    }
    for message in ["", "mixed", "Nineteen", "InvalidSignatureTimestamp"] {
        assert_eq!(Mixed::from_message(message), None, "message {message:?}");
    }
}

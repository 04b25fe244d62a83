//! The bounds inferred for generic fields follow the format trait each placeholder uses, as
//! thiserror's do: `{0:x}` needs `LowerHex`, not `Display`.

use core::fmt;

use apicode::ApiError;

#[derive(Debug, ApiError)]
enum Encoded<T> {
    /// Bad checksum
    #[code(1, "Checksum")]
    #[error("bad checksum {0:#x}")]
    Checksum(T),

    /// Bad flags
    #[code(2, "Flags")]
    #[error("bad flags {flags:08b}, expected {expected:o}")]
    Flags { flags: T, expected: T },

    /// Bad scale
    #[code(3, "Scale")]
    #[error("bad scale {0:e}")]
    Scale(T),
}

/// A type with the numeric format traits and without Display.
#[derive(Debug, Clone, Copy)]
struct Bits(u8);

impl fmt::LowerHex for Bits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerHex::fmt(&self.0, f)
    }
}

impl fmt::Binary for Bits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Binary::fmt(&self.0, f)
    }
}

impl fmt::Octal for Bits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Octal::fmt(&self.0, f)
    }
}

impl fmt::LowerExp for Bits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::LowerExp::fmt(&self.0, f)
    }
}

#[test]
fn hex_binary_and_octal_placeholders_of_generic_fields() {
    assert_eq!(Encoded::Checksum(255_u32).to_string(), "bad checksum 0xff");
    assert_eq!(
        Encoded::Flags {
            flags: 5_u8,
            expected: 8
        }
        .to_string(),
        "bad flags 00000101, expected 10"
    );
    assert_eq!(Encoded::Scale(1500_u32).to_string(), "bad scale 1.5e3");
}

#[test]
fn a_generic_field_needs_only_the_trait_its_placeholder_uses() {
    assert_eq!(Encoded::Checksum(Bits(16)).to_string(), "bad checksum 0x10");
    assert_eq!(
        Encoded::Flags {
            flags: Bits(3),
            expected: Bits(9)
        }
        .to_string(),
        "bad flags 00000011, expected 11"
    );
    assert_eq!(Encoded::Scale(Bits(20)).to_string(), "bad scale 2e1");
    assert_eq!(Encoded::Checksum(Bits(0)).code(), 1);
}

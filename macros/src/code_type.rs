//! The table's code type, `#[api_error(code = i32)]`: its bounds, its tokens, and the 32-bit
//! key that the lookups (`bitmap`, `phf`) compute from a code.

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::quote;

/// One of the integer types a table's codes can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum CodeType {
    U8,
    U16,
    #[default]
    U32,
    U64,
    I8,
    I16,
    I32,
    I64,
}

impl CodeType {
    /// Every code type, in the order an error message lists them.
    pub const ALL: [CodeType; 8] = [
        CodeType::U32,
        CodeType::I32,
        CodeType::I64,
        CodeType::U64,
        CodeType::U16,
        CodeType::I16,
        CodeType::U8,
        CodeType::I8,
    ];

    /// The type named `name` (`"i32"`).
    pub fn from_name(name: &str) -> Option<CodeType> {
        CodeType::ALL
            .into_iter()
            .find(|code_type| code_type.name() == name)
    }

    /// The type's name as Rust writes it.
    pub fn name(self) -> &'static str {
        match self {
            CodeType::U8 => "u8",
            CodeType::U16 => "u16",
            CodeType::U32 => "u32",
            CodeType::U64 => "u64",
            CodeType::I8 => "i8",
            CodeType::I16 => "i16",
            CodeType::I32 => "i32",
            CodeType::I64 => "i64",
        }
    }

    /// The smallest code.
    pub fn min(self) -> i128 {
        match self {
            CodeType::U8 | CodeType::U16 | CodeType::U32 | CodeType::U64 => 0,
            CodeType::I8 => i128::from(i8::MIN),
            CodeType::I16 => i128::from(i16::MIN),
            CodeType::I32 => i128::from(i32::MIN),
            CodeType::I64 => i128::from(i64::MIN),
        }
    }

    /// The largest code.
    pub fn max(self) -> i128 {
        match self {
            CodeType::U8 => i128::from(u8::MAX),
            CodeType::U16 => i128::from(u16::MAX),
            CodeType::U32 => i128::from(u32::MAX),
            CodeType::U64 => i128::from(u64::MAX),
            CodeType::I8 => i128::from(i8::MAX),
            CodeType::I16 => i128::from(i16::MAX),
            CodeType::I32 => i128::from(i32::MAX),
            CodeType::I64 => i128::from(i64::MAX),
        }
    }

    /// Whether the type has negative values.
    pub fn signed(self) -> bool {
        self.min() < 0
    }

    /// Whether a code has more bits than the lookups' 32-bit key: the key is then folded, and
    /// a lookup compares the whole code once it has found a row.
    pub fn wide(self) -> bool {
        matches!(self, CodeType::U64 | CodeType::I64)
    }

    /// Whether `code` is a value of the type.
    pub fn holds(self, code: i128) -> bool {
        (self.min()..=self.max()).contains(&code)
    }

    /// The 32-bit key of a code, as the generated lookup computes it from the code (see
    /// `key_expr`): the code's own bits for types of 32 bits or fewer (`-1_i32` is
    /// `0xFFFF_FFFF`, a signed type's value sign-extended), the two halves folded together
    /// for 64-bit types.
    pub fn key(self, code: i128) -> u32 {
        // Truncation is the point: these are the low bits of the code's two's complement.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        if self.wide() {
            let bits = code as u64;
            (bits ^ (bits >> 32)) as u32
        } else {
            code as u32
        }
    }

    /// The expression of the key of `code`, a value of this type, in generated code.
    pub fn key_expr(self, code: &TokenStream) -> TokenStream {
        match self {
            CodeType::U32 => code.clone(),
            CodeType::U64 | CodeType::I64 => quote! {{
                let __bits = #code as ::core::primitive::u64;
                (__bits ^ (__bits >> 32)) as ::core::primitive::u32
            }},
            _ => quote!(#code as ::core::primitive::u32),
        }
    }

    /// `::core::primitive::i32`.
    pub fn tokens(self) -> TokenStream {
        let ident = self.ident();
        quote!(::core::primitive::#ident)
    }

    /// `i32`, for paths such as `__private::compose::i32`.
    pub fn ident(self) -> Ident {
        Ident::new(self.name(), Span::call_site())
    }

    /// A code as a literal of this type, with its sign: `-32601`, `104202`.
    pub fn literal(code: i128) -> TokenStream {
        let magnitude = Literal::u128_unsuffixed(code.unsigned_abs());
        if code < 0 {
            quote!(-#magnitude)
        } else {
            quote!(#magnitude)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CodeType;

    #[test]
    // The casts are the point: the key is what the generated code's casts give.
    #[allow(clippy::cast_sign_loss, clippy::cast_possible_truncation)]
    fn keys_are_the_bits_a_cast_gives() {
        assert_eq!(CodeType::I32.key(-1), 0xFFFF_FFFF);
        assert_eq!(CodeType::I32.key(-32601), (-32601_i32).cast_unsigned());
        assert_eq!(CodeType::I8.key(-1), (-1_i8) as u32);
        assert_eq!(CodeType::I16.key(-300), (-300_i16) as u32);
        assert_eq!(CodeType::U32.key(104_202), 104_202);
        let wide = -5_000_000_000_i64;
        let bits = wide.cast_unsigned();
        assert_eq!(
            CodeType::I64.key(i128::from(wide)),
            (bits ^ (bits >> 32)) as u32
        );
        assert_eq!(CodeType::U64.key(i128::from(u64::MAX)), 0);
    }

    #[test]
    fn bounds_and_names() {
        for code_type in CodeType::ALL {
            assert_eq!(CodeType::from_name(code_type.name()), Some(code_type));
            assert!(code_type.holds(code_type.min()) && code_type.holds(code_type.max()));
            assert!(!code_type.holds(code_type.max() + 1));
            assert!(!code_type.holds(code_type.min() - 1));
        }
        assert_eq!(CodeType::from_name("f32"), None);
        assert_eq!(CodeType::default(), CodeType::U32);
    }
}

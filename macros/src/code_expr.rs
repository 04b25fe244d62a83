//! A code written as something other than an integer literal: a constant (`MY_CODE`,
//! `u32::MAX`) or an expression (`100_000 + 202`). The derive computes the table's lookup (its
//! perfect hash, the decimal strings) while it expands, before any constant or expression has a
//! value, so a code must be a literal. This module says so at the tokens, with the literal to
//! write wherever it can be computed from the tokens alone.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::code_type::CodeType;

/// The error for a code written as `tokens`, which are not one integer literal.
pub fn not_a_literal(tokens: &TokenStream, code_type: CodeType) -> syn::Error {
    let written = render(tokens);
    let name = code_type.name();
    let why = "the derive computes the table's lookup while it expands, before constants and \
               expressions have values";
    let message = match evaluate(tokens) {
        Some(code) if code_type.holds(code) => {
            format!("a code must be an integer literal, not `{written}`: write `{code}` ({why})")
        }
        Some(value) => format!(
            "a code must be an integer literal, not `{written}`, whose value {value} does not \
             fit in {name} anyway ({why})"
        ),
        None => format!(
            "a code must be an integer literal, not `{written}`: write its value ({why}; other \
             code can read the code back with `{name}::from(...)` or `CodeTable::ENTRIES`)"
        ),
    };
    syn::Error::new_spanned(tokens, message)
}

/// True for a path that names an associated constant of a primitive integer type, such as
/// `u32::MAX` or `core::u16::MAX`: never a table's variant.
pub fn is_primitive_constant(path: &syn::Path) -> bool {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    matches!(segments.len(), 2..=3)
        && integer_bits(&segments[segments.len() - 2]).is_some()
        && (segments.len() == 2 || matches!(segments[0].as_str(), "core" | "std"))
}

/// True for a name in screaming snake case (`MY_CODE`), the way constants are named.
pub fn is_constant_name(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && name.len() > 1
}

/// The tokens as a user would write them (`u32::MAX`, not `u32 :: MAX`).
fn render(tokens: &TokenStream) -> String {
    tokens.to_string().replace(" :: ", "::")
}

/// `(bits, signed)` of a primitive integer type's name.
fn integer_bits(name: &str) -> Option<(u32, bool)> {
    Some(match name {
        "u8" => (8, false),
        "u16" => (16, false),
        "u32" => (32, false),
        "u64" | "usize" => (64, false),
        "u128" => (128, false),
        "i8" => (8, true),
        "i16" => (16, true),
        "i32" => (32, true),
        "i64" | "isize" => (64, true),
        "i128" => (128, true),
        _ => return None,
    })
}

/// The value of an integer expression made of literals, parentheses, `<int>::MAX`/`MIN`/`BITS`,
/// `as` casts to integer types and the binary operators `* / % + - << >> & ^ |` with Rust's
/// precedence; `None` for anything else (a named constant, a call) or on overflow.
fn evaluate(tokens: &TokenStream) -> Option<i128> {
    let trees: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut parser = Expr {
        trees: &trees,
        at: 0,
    };
    let value = parser.binary(0)?;
    (parser.at == trees.len()).then_some(value)
}

struct Expr<'a> {
    trees: &'a [TokenTree],
    at: usize,
}

/// The binary operators, loosest first; each level binds tighter than the one before.
const LEVELS: &[&[&str]] = &[
    &["|"],
    &["^"],
    &["&"],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

impl Expr<'_> {
    fn binary(&mut self, level: usize) -> Option<i128> {
        if level == LEVELS.len() {
            return self.cast();
        }
        let mut value = self.binary(level + 1)?;
        while let Some(op) = self.operator(LEVELS[level]) {
            let rhs = self.binary(level + 1)?;
            value = match op {
                "|" => value | rhs,
                "^" => value ^ rhs,
                "&" => value & rhs,
                "<<" => value.checked_shl(u32::try_from(rhs).ok()?)?,
                ">>" => value.checked_shr(u32::try_from(rhs).ok()?)?,
                "+" => value.checked_add(rhs)?,
                "-" => value.checked_sub(rhs)?,
                "*" => value.checked_mul(rhs)?,
                "/" => value.checked_div(rhs)?,
                _ => value.checked_rem(rhs)?,
            };
        }
        Some(value)
    }

    /// An operand, then any number of `as <integer type>`.
    fn cast(&mut self) -> Option<i128> {
        let value = self.operand()?;
        while matches!(self.trees.get(self.at), Some(TokenTree::Ident(ident)) if ident == "as") {
            let Some(TokenTree::Ident(ty)) = self.trees.get(self.at + 1) else {
                return None;
            };
            let (bits, signed) = integer_bits(&ty.to_string())?;
            if !in_range(value, bits, signed) {
                return None;
            }
            self.at += 2;
        }
        Some(value)
    }

    fn operand(&mut self) -> Option<i128> {
        match self.trees.get(self.at)? {
            TokenTree::Literal(literal) => {
                self.at += 1;
                let lit: syn::LitInt = syn::parse_str(&literal.to_string()).ok()?;
                lit.base10_parse::<i128>().ok()
            }
            TokenTree::Group(group) if group.delimiter() == Delimiter::Parenthesis => {
                self.at += 1;
                evaluate(&group.stream())
            }
            TokenTree::Punct(punct) if punct.as_char() == '-' => {
                self.at += 1;
                self.cast()?.checked_neg()
            }
            TokenTree::Ident(_) => self.associated_constant(),
            _ => None,
        }
    }

    /// `[core::|std::]<int>::MAX`, `MIN` or `BITS`.
    fn associated_constant(&mut self) -> Option<i128> {
        let mut names = Vec::new();
        loop {
            let TokenTree::Ident(ident) = self.trees.get(self.at)? else {
                return None;
            };
            names.push(ident.to_string());
            self.at += 1;
            if !self.path_separator() {
                break;
            }
        }
        let (ty, constant) = match names.as_slice() {
            [ty, constant] => (ty, constant),
            [krate, ty, constant] if matches!(krate.as_str(), "core" | "std") => (ty, constant),
            _ => return None,
        };
        let (bits, signed) = integer_bits(ty)?;
        Some(match (constant.as_str(), signed, bits) {
            ("MAX", false, 128) => return None,
            ("MAX", false, _) => (1i128 << bits) - 1,
            ("MAX", true, 128) => i128::MAX,
            ("MAX", true, _) => (1i128 << (bits - 1)) - 1,
            ("MIN", false, _) => 0,
            ("MIN", true, 128) => i128::MIN,
            ("MIN", true, _) => -(1i128 << (bits - 1)),
            ("BITS", _, _) => i128::from(bits),
            _ => return None,
        })
    }

    fn path_separator(&mut self) -> bool {
        let is_colon = |tree: Option<&TokenTree>| matches!(tree, Some(TokenTree::Punct(p)) if p.as_char() == ':');
        if is_colon(self.trees.get(self.at)) && is_colon(self.trees.get(self.at + 1)) {
            self.at += 2;
            true
        } else {
            false
        }
    }

    /// One of `ops` at the cursor (a two-character operator is two joint puncts).
    fn operator(&mut self, ops: &[&'static str]) -> Option<&'static str> {
        let TokenTree::Punct(first) = self.trees.get(self.at)? else {
            return None;
        };
        let second = match (first.spacing(), self.trees.get(self.at + 1)) {
            (proc_macro2::Spacing::Joint, Some(TokenTree::Punct(punct))) => Some(punct.as_char()),
            _ => None,
        };
        let op = ops.iter().copied().find(|op| {
            let mut chars = op.chars();
            chars.next() == Some(first.as_char()) && chars.next() == second
        })?;
        // `-` joint with `=`, or `|` joint with `|`, is another operator: not an integer one.
        if op.len() == 1 && second.is_some() {
            return None;
        }
        self.at += op.len();
        Some(op)
    }
}

fn in_range(value: i128, bits: u32, signed: bool) -> bool {
    if bits >= 127 {
        return signed || value >= 0;
    }
    if signed {
        let half = 1i128 << (bits - 1);
        (-half..half).contains(&value)
    } else {
        (0..(1i128 << bits)).contains(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::evaluate;

    fn value(source: &str) -> Option<i128> {
        evaluate(&source.parse().unwrap())
    }

    #[test]
    fn evaluates_literals_constants_and_operators_with_rust_precedence() {
        assert_eq!(value("u32::MAX"), Some(4_294_967_295));
        assert_eq!(value("core::u16::MAX"), Some(65_535));
        assert_eq!(value("i8::MIN"), Some(-128));
        assert_eq!(value("u32::BITS"), Some(32));
        assert_eq!(value("104_000 + 202"), Some(104_202));
        assert_eq!(value("1 + 2 * 3"), Some(7));
        assert_eq!(value("(1 + 2) * 3"), Some(9));
        assert_eq!(value("1 << 4 | 1"), Some(17));
        assert_eq!(value("0x10 - 1"), Some(15));
        assert_eq!(value("7u8 as u32"), Some(7));
        assert_eq!(value("i128::MAX"), Some(i128::MAX));
    }

    #[test]
    fn gives_up_on_names_calls_overflow_and_lossy_casts() {
        assert_eq!(value("MY_CODE"), None);
        assert_eq!(value("MY_CODE + 1"), None);
        assert_eq!(value("code()"), None);
        assert_eq!(value("u128::MAX"), None);
        assert_eq!(value("i128::MAX + 1"), None);
        assert_eq!(value("1 << 200"), None);
        assert_eq!(value("1 / 0"), None);
        assert_eq!(value("300 as u8"), None);
        assert_eq!(value("1 && 2"), None);
        assert_eq!(value("1 2"), None);
    }
}

//! The tables and operations that the `bench` binary measures.
//!
//! Each table exists in four styles with the same codes, messages, details and statuses:
//! `peer` (`thiserror` + `num_enum` + `strum` + serde `from/into = "u32"` + a hand-written status
//! match), `hand` (hand-written matches, rustc's dense layout), `hand_repr` (the same with
//! `#[repr(u32)]`, discriminant = code) and `apicode` (`#[derive(ApiError)]`), plus
//! `apicode_string` (`serde = "string"`) and `sketch` (hand-written code in the shape that
//! BENCHMARKS.md proposes for the derive). `build.rs` writes them from `src/codegen.rs`.

pub mod integrations;
pub mod locale;

use core::fmt;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

/// What every style offers to the benchmark, each through its own natural API.
pub trait Table: Copy + fmt::Display + 'static + From<u32> + Serialize + DeserializeOwned {
    /// The numeric code.
    fn code(&self) -> u32;
    /// The table's name for the code.
    fn message(&self) -> &'static str;
    /// The HTTP status.
    fn http_status(&self) -> u16;
}

macro_rules! tables {
    ($table:literal) => {
        /// `thiserror` + `num_enum` + `strum` + serde `from/into = "u32"` + a hand-written status match.
        pub mod peer {
            include!(concat!(env!("OUT_DIR"), "/", $table, "_peer.rs"));
        }
        /// Hand-written matches, dense layout.
        pub mod hand {
            include!(concat!(env!("OUT_DIR"), "/", $table, "_hand.rs"));
        }
        /// Hand-written matches, `#[repr(u32)]` with discriminant = code.
        pub mod hand_repr {
            include!(concat!(env!("OUT_DIR"), "/", $table, "_hand_repr.rs"));
        }
        /// `#[derive(ApiError)]`, the code serialized as a number.
        pub mod apicode {
            include!(concat!(env!("OUT_DIR"), "/", $table, "_apicode.rs"));
        }
        /// `#[derive(ApiError)]` with `serde = "string"`.
        pub mod apicode_string {
            include!(concat!(env!("OUT_DIR"), "/", $table, "_apicode_string.rs"));
        }
        /// A sketch of another expansion for the derive: dense layout, column arrays with a
        /// row for the catch-all, `From<u32>` by a perfect hash.
        pub mod sketch {
            include!(concat!(env!("OUT_DIR"), "/", $table, "_sketch.rs"));
        }
    };
}

/// The 25 codes of the SMS reference table and `Unknown(u32)`, as `Sms` in each style.
#[allow(missing_docs, clippy::pedantic)] // generated, as a user of each style would write it
pub mod sms {
    tables!("sms");
}

/// A synthetic table of 2,001 codes and `Unknown(u32)`, as `Big` in each style.
#[allow(missing_docs, clippy::pedantic)] // generated, as a user of each style would write it
pub mod big {
    tables!("big");
}

macro_rules! inherent_table {
    ($($ty:ty),*) => {$(
        impl Table for $ty {
            #[inline]
            fn code(&self) -> u32 {
                <$ty>::code(self)
            }
            #[inline]
            fn message(&self) -> &'static str {
                <$ty>::message(self)
            }
            #[inline]
            fn http_status(&self) -> u16 {
                <$ty>::http_status(self)
            }
        }
    )*};
}

macro_rules! api_error_table {
    ($($ty:ty),*) => {$(
        impl Table for $ty {
            #[inline]
            fn code(&self) -> u32 {
                ::apicode::ApiError::code(self)
            }
            #[inline]
            fn message(&self) -> &'static str {
                ::apicode::ApiError::message(self)
            }
            #[inline]
            fn http_status(&self) -> u16 {
                ::apicode::ApiError::http_status(self)
            }
        }
    )*};
}

inherent_table!(
    sms::peer::Sms,
    sms::hand::Sms,
    sms::hand_repr::Sms,
    sms::sketch::Sms,
    big::peer::Big,
    big::hand::Big,
    big::hand_repr::Big,
    big::sketch::Big
);
api_error_table!(
    sms::apicode::Sms,
    sms::apicode_string::Sms,
    big::apicode::Big,
    big::apicode_string::Big
);

/// The tables of `sms` and `big` with codes of other types, each as the derive (`apicode`)
/// and as hand-written matches (`hand`): `i32` (each code negated) and `i64` (each code plus
/// 2^33). `as_i32` and `as_i64` map any `u32` code the same way.
pub mod code_types {
    macro_rules! typed {
        ($($module:ident: $file:literal, $what:literal;)*) => {$(
            #[doc = $what]
            #[allow(missing_docs, clippy::pedantic)] // generated, as a user would write it
            pub mod $module {
                /// `#[derive(ApiError)]` with `#[api_error(code = ..)]`.
                pub mod apicode {
                    include!(concat!(env!("OUT_DIR"), "/", $file, "_apicode.rs"));
                }
                /// Hand-written matches, dense layout.
                pub mod hand {
                    include!(concat!(env!("OUT_DIR"), "/", $file, "_hand.rs"));
                }
            }
        )*};
    }

    typed! {
        sms_i32: "sms_i32", "The SMS table's codes negated, as `i32`.";
        sms_i64: "sms_i64", "The SMS table's codes plus 2^33, as `i64`.";
        big_i32: "big_i32", "The large table's codes negated, as `i32`.";
        big_i64: "big_i64", "The large table's codes plus 2^33, as `i64`.";
    }
}

/// A `u32` code as a code of the `i32` tables: negated, modulo 2^32, so that the mapping is
/// one-to-one and an undeclared code stays undeclared (for declared codes, below 2^31, it is
/// the plain negation that `codegen` writes).
pub fn as_i32(code: u32) -> i32 {
    code.cast_signed().wrapping_neg()
}

/// A `u32` code as a code of the `i64` tables: plus 2^33, beyond every `u32`.
pub fn as_i64(code: u32) -> i64 {
    i64::from(code) + (1 << 33)
}

/// What `bench --code-types` measures of a table whose codes are of any type.
pub trait Coded: Copy + fmt::Display + 'static + From<Self::Code> + DeserializeOwned {
    /// The table's code type.
    type Code: Copy + fmt::Display + PartialEq + fmt::Debug + 'static;
    /// The numeric code.
    fn code(&self) -> Self::Code;
    /// The table's name for the code.
    fn message(&self) -> &'static str;
}

macro_rules! coded {
    (api_error: $code:ty => $($ty:ty),*) => {$(
        impl Coded for $ty {
            type Code = $code;
            #[inline]
            fn code(&self) -> $code {
                ::apicode::ApiError::<$code>::code(self)
            }
            #[inline]
            fn message(&self) -> &'static str {
                ::apicode::ApiError::<$code>::message(self)
            }
        }
    )*};
    (inherent: $code:ty => $($ty:ty),*) => {$(
        impl Coded for $ty {
            type Code = $code;
            #[inline]
            fn code(&self) -> $code {
                <$ty>::code(self)
            }
            #[inline]
            fn message(&self) -> &'static str {
                <$ty>::message(self)
            }
        }
    )*};
}

coded!(api_error: u32 => sms::apicode::Sms, big::apicode::Big);
coded!(api_error: i32 => code_types::sms_i32::apicode::Sms, code_types::big_i32::apicode::Big);
coded!(api_error: i64 => code_types::sms_i64::apicode::Sms, code_types::big_i64::apicode::Big);
coded!(inherent: i32 => code_types::sms_i32::hand::Sms, code_types::big_i32::hand::Big);
coded!(inherent: i64 => code_types::sms_i64::hand::Sms, code_types::big_i64::hand::Big);

/// The declared codes of the SMS table, in declaration order.
pub fn sms_codes() -> Vec<u32> {
    <sms::apicode::Sms as apicode::CodeTable>::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .collect()
}

/// The declared codes of the large table, in declaration order.
pub fn big_codes() -> Vec<u32> {
    <big::apicode::Big as apicode::CodeTable>::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .collect()
}

/// `declared` codes of `known`, spread over it, and `undeclared` codes next to them, in a
/// fixed shuffled order: the few codes that real traffic repeats.
pub fn learnt_codes(known: &[u32], declared: usize, undeclared: usize) -> Vec<u32> {
    let step = (known.len() / declared).max(1);
    let mut codes: Vec<u32> = known.iter().step_by(step).take(declared).copied().collect();
    let mut next = codes.clone().into_iter().cycle();
    while codes.len() < declared + undeclared {
        let Some(near) = next.next() else { break };
        let mut code = near.wrapping_add(1);
        while known.contains(&code) || codes.contains(&code) {
            code = code.wrapping_add(1);
        }
        codes.push(code);
    }
    // A fixed permutation (multiplying the index by a number prime to the length), so that
    // declared and undeclared codes alternate as they would in traffic.
    let len = codes.len();
    let stride = (1..len)
        .rev()
        .find(|stride| gcd(*stride, len) == 1 && *stride > len / 3)
        .unwrap_or(1);
    (0..len).map(|index| codes[index * stride % len]).collect()
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// A fixed pseudo-random sequence of `len` codes: three in four declared, one in eight an
/// undeclared code next to the declared ones, one in eight any `u32`.
pub fn code_mix(known: &[u32], len: usize) -> Vec<u32> {
    // xorshift64*, fixed seed: every run and every style sees the same sequence.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let pick = |random: u64, len: usize| usize::try_from(random % len as u64).unwrap_or(0);
    (0..len)
        .map(|_| {
            let random = next();
            match random % 8 {
                0..=5 => known[pick(next(), known.len())],
                6 => {
                    // Walk up from a declared code to the next undeclared one.
                    let mut code = known[pick(next(), known.len())].wrapping_add(1);
                    while known.contains(&code) {
                        code = code.wrapping_add(1);
                    }
                    code
                }
                _ => loop {
                    let code = (next() >> 32) as u32;
                    if !known.contains(&code) {
                        break code;
                    }
                },
            }
        })
        .collect()
}

/// The JSON document `{"code":N}` (`as_string`: `{"code":"N"}`) of each code, as a client
/// receives one per response.
pub fn documents<C: fmt::Display>(codes: &[C], as_string: bool) -> Vec<String> {
    codes
        .iter()
        .map(|code| {
            if as_string {
                format!(r#"{{"code":"{code}"}}"#)
            } else {
                format!(r#"{{"code":{code}}}"#)
            }
        })
        .collect()
}

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

/// The system allocator, counting allocations and reallocations.
pub struct CountingAllocator;

// SAFETY: every call is forwarded unchanged to the system allocator.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract is `System`'s.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as above.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocations and reallocations so far, when `CountingAllocator` is the global allocator.
pub fn allocations() -> u64 {
    ALLOCATIONS.load(Ordering::Relaxed)
}

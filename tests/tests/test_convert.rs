//! Conversions between codes and variants: `u32::from`, `From<u32>` with a catch-all,
//! `TryFrom<u32>` without one, `CodeTable::{from_code, from_message}`, and building variants
//! with fields from a code alone.

use std::io;

use apicode::{ApiError, CodeTable, UnknownCode};

/// With a catch-all: `From<u32>`.
#[derive(Debug, PartialEq, Eq, ApiError)]
enum Open {
    /// Ok
    #[code(0, "Ok", status = 200)]
    Ok,
    /// Busy
    #[code(104202, "Busy")]
    Busy,
    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone number: {number:?}")]
    InvalidPhoneNumbers { number: String },
    /// Too many
    #[code(107112, "TooMany")]
    #[error("{0} recipients, at most {1:?}")]
    TooMany(usize, Option<usize>),
    #[code(other)]
    Unknown(u32),
}

/// Without a catch-all: `TryFrom<u32>`.
#[derive(Debug, PartialEq, Eq, ApiError)]
enum Closed {
    /// First
    #[code(1, "First")]
    First,
    /// Last
    #[code(4_294_967_295, "Last")]
    Last,
    /// With a field
    #[code(2, "Counted")]
    #[error("counted {count}")]
    Counted { count: u64 },
}

/// Variants whose fields cannot all be made from `Default::default()`.
#[derive(Debug, ApiError)]
enum Partial {
    /// Ready
    #[code(10, "Ready")]
    Ready,
    /// I/O failed
    #[code(11, "Io")]
    Io(#[from] io::Error),
    /// I/O failed, with a path
    #[code(12, "IoAt")]
    #[error("cannot read {path}")]
    IoAt {
        path: String,
        #[source]
        source: io::Error,
    },
    /// Maybe I/O failed
    #[code(13, "MaybeIo")]
    MaybeIo(#[source] Option<io::Error>),
    #[code(other)]
    Unknown(u32),
}

/// The same without a catch-all.
#[derive(Debug, ApiError)]
enum PartialClosed {
    /// Ready
    #[code(20, "Ready")]
    Ready,
    /// I/O failed
    #[code(21, "Io")]
    Io(#[source] io::Error),
}

#[test]
fn u32_from_a_variant_is_its_code() {
    assert_eq!(u32::from(Open::Ok), 0);
    assert_eq!(u32::from(Open::Busy), 104_202);
    assert_eq!(
        u32::from(Open::InvalidPhoneNumbers { number: "1".into() }),
        107_111
    );
    assert_eq!(u32::from(Closed::Last), u32::MAX);
    let code: u32 = Closed::Counted { count: 3 }.into();
    assert_eq!(code, 2);
}

#[test]
fn u32_from_the_catch_all_is_the_code_it_holds() {
    assert_eq!(u32::from(Open::Unknown(999)), 999);
    assert_eq!(u32::from(Partial::Unknown(u32::MAX)), u32::MAX);
}

#[test]
fn from_u32_gives_the_declared_variant() {
    assert_eq!(Open::from(0), Open::Ok);
    assert_eq!(Open::from(104_202), Open::Busy);
    let error: Open = 104_202.into();
    assert_eq!(error, Open::Busy);
}

#[test]
fn from_u32_keeps_an_unknown_code_in_the_catch_all() {
    assert_eq!(Open::from(7), Open::Unknown(7));
    assert_eq!(Open::from(u32::MAX), Open::Unknown(u32::MAX));
    let error = Open::from(104_203);
    assert_eq!(error.code(), 104_203);
    assert_eq!(error.message(), "Unknown");
}

#[test]
fn try_from_u32_gives_the_declared_variant() {
    assert_eq!(Closed::try_from(1), Ok(Closed::First));
    assert_eq!(Closed::try_from(u32::MAX), Ok(Closed::Last));
    let converted: Result<Closed, _> = 1.try_into();
    assert_eq!(converted, Ok(Closed::First));
}

#[test]
fn try_from_u32_refuses_an_unknown_code() {
    let error: UnknownCode = Closed::try_from(7).unwrap_err();
    assert_eq!(error.code(), 7);
    assert_eq!(error.table(), "Closed");
    assert_eq!(error.to_string(), "unknown Closed code 7");
    assert_eq!(error, UnknownCode::new(7, "Closed"));
    assert_eq!(
        Closed::try_from(0).unwrap_err().to_string(),
        "unknown Closed code 0"
    );
}

#[test]
fn unknown_code_is_an_error_that_travels_in_a_box() {
    let error: Box<dyn core::error::Error + Send + Sync> = Closed::try_from(3).unwrap_err().into();
    assert_eq!(error.to_string(), "unknown Closed code 3");
    assert!(error.source().is_none());
}

#[test]
fn from_code_gives_declared_codes_only() {
    assert_eq!(Open::from_code(104_202), Some(Open::Busy));
    assert_eq!(Open::from_code(7), None);
    assert_eq!(Closed::from_code(u32::MAX), Some(Closed::Last));
    assert_eq!(Closed::from_code(3), None);
}

#[test]
fn from_code_never_gives_the_catch_all() {
    for code in [5, 999, u32::MAX] {
        assert_eq!(Open::from_code(code), None, "code {code}");
    }
}

#[test]
fn from_message_finds_a_variant_by_its_exact_message() {
    assert_eq!(Open::from_message("Busy"), Some(Open::Busy));
    assert_eq!(Closed::from_message("Last"), Some(Closed::Last));
    assert_eq!(Open::from_message("busy"), None);
    assert_eq!(Open::from_message(" Busy"), None);
    assert_eq!(Open::from_message(""), None);
    assert_eq!(Open::from_message("104202"), None);
}

#[test]
fn from_message_never_gives_the_catch_all() {
    assert_eq!(Open::from_message("Unknown"), None);
}

#[test]
fn fields_are_defaulted_when_every_field_type_has_a_default() {
    assert_eq!(
        Open::from_code(107_111),
        Some(Open::InvalidPhoneNumbers {
            number: String::new()
        })
    );
    assert_eq!(Open::from(107_112), Open::TooMany(0, None));
    assert_eq!(Open::from_message("TooMany"), Some(Open::TooMany(0, None)));
    assert_eq!(Closed::try_from(2), Ok(Closed::Counted { count: 0 }));
}

#[test]
fn a_defaulted_variant_still_displays_and_reports_its_code() {
    let error = Open::from(107_111);
    assert_eq!(error.to_string(), "invalid phone number: \"\"");
    assert_eq!(error.code(), 107_111);
}

#[test]
fn option_of_a_type_without_default_is_still_defaulted_to_none() {
    let error = Partial::from_code(13).expect("Option<io::Error> is Default");
    assert!(matches!(error, Partial::MaybeIo(None)));
}

#[test]
fn from_code_is_none_for_a_variant_with_a_field_without_default() {
    assert!(Partial::from_code(11).is_none());
    assert!(Partial::from_code(12).is_none());
    assert!(Partial::from_message("Io").is_none());
    assert!(Partial::from_message("IoAt").is_none());
    // The other variants of the same table are unaffected.
    assert!(matches!(Partial::from_code(10), Some(Partial::Ready)));
    assert!(matches!(
        Partial::from_message("Ready"),
        Some(Partial::Ready)
    ));
}

#[test]
fn from_u32_gives_the_catch_all_for_a_variant_that_cannot_be_built() {
    let error = Partial::from(11);
    assert!(matches!(error, Partial::Unknown(11)));
    // The code survives: nothing is lost by the fallback.
    assert_eq!(error.code(), 11);
}

#[test]
fn try_from_u32_refuses_a_variant_that_cannot_be_built() {
    let error = PartialClosed::try_from(21).unwrap_err();
    assert_eq!(error.code(), 21);
    assert_eq!(error.table(), "PartialClosed");
    assert!(matches!(
        PartialClosed::try_from(20),
        Ok(PartialClosed::Ready)
    ));
}

#[test]
fn a_variant_that_cannot_be_built_from_a_code_still_works_when_built_by_hand() {
    let error = PartialClosed::Io(io::Error::other("disk"));
    assert_eq!(error.code(), 21);
    assert_eq!(u32::from(error), 21);
    let error = Partial::from(io::Error::other("disk"));
    assert_eq!(error.code(), 11);
}

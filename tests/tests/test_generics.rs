//! Generic enums: type parameters, lifetimes and const parameters, with the bounds the derive
//! infers for `Display` and `Error`, and `from_code` with and without `Default` bounds.

use core::error::Error;
use core::fmt;

use apicode::{ApiError, CodeTable};

/// A payload that is Display but not Default.
#[derive(Debug, PartialEq, Eq)]
struct Phone(&'static str);

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "phone {}", self.0)
    }
}

/// A payload that is neither Display nor Debug.
struct Opaque;

/// One type parameter shown with Display, no bound declared.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(status = 400)]
enum Check<T> {
    /// Invalid value
    #[code(1, "Invalid")]
    #[error("invalid {0}")]
    Invalid(T),
    /// Missing value
    #[code(2, "Missing", status = 422)]
    Missing,
    #[code(other)]
    Unknown(u32),
}

#[test]
fn display_of_a_generic_field_uses_its_display() {
    assert_eq!(Check::Invalid(5).to_string(), "invalid 5");
    assert_eq!(Check::Invalid(Phone("+1")).to_string(), "invalid phone +1");
    assert_eq!(Check::<Phone>::Missing.to_string(), "Missing value");
}

#[test]
fn accessors_of_a_generic_enum() {
    let error = Check::Invalid("x");
    assert_eq!(
        (
            error.code(),
            error.message(),
            error.detail(),
            error.http_status()
        ),
        (1, "Invalid", "Invalid value", 400)
    );
    assert_eq!(Check::<u8>::Missing.http_status(), 422);
    assert_eq!(u32::from(Check::<u8>::Unknown(9)), 9);
    let boxed: Box<dyn ApiError> = Box::new(Check::Invalid(Phone("+1")));
    assert_eq!(boxed.code(), 1);
}

#[test]
fn code_table_of_a_generic_enum_needs_no_bound_on_the_parameter() {
    // `Opaque` has neither Display nor Debug: the table is still usable.
    assert!(matches!(
        Check::<Opaque>::from_code(2),
        Some(Check::Missing)
    ));
    assert!(matches!(Check::<Opaque>::from(77), Check::Unknown(77)));
    assert_eq!(Check::<Opaque>::ENTRIES.len(), 2);
}

#[test]
fn from_code_without_a_default_bound_cannot_build_a_generic_field() {
    // Without `T: Default` on the enum, the derive cannot know that a `T` can be made.
    assert_eq!(Check::<Phone>::from_code(1), None);
    assert_eq!(Check::<Phone>::from(1), Check::Unknown(1));
}

/// The same with `T: Default` declared.
#[derive(Debug, PartialEq, ApiError)]
enum Defaulted<T: Default + fmt::Display> {
    /// Invalid value
    #[code(1, "Invalid")]
    #[error("invalid {value}")]
    Invalid { value: T },
    /// Missing value
    #[code(2, "Missing")]
    Missing,
}

#[test]
fn from_code_with_a_default_bound_builds_the_generic_field() {
    assert_eq!(
        Defaulted::<u32>::from_code(1),
        Some(Defaulted::Invalid { value: 0 })
    );
    assert_eq!(
        Defaulted::<String>::try_from(1),
        Ok(Defaulted::Invalid {
            value: String::new()
        })
    );
    assert_eq!(
        Defaulted::<String>::from_message("Invalid"),
        Some(Defaulted::Invalid {
            value: String::new()
        })
    );
    assert_eq!(
        Defaulted::<u8>::try_from(3).unwrap_err().to_string(),
        "unknown Defaulted code 3"
    );
}

#[test]
fn serde_of_a_generic_enum() {
    assert_eq!(
        serde_json::to_string(&Defaulted::Invalid { value: 7_u8 })
            .ok()
            .as_deref(),
        Some("1")
    );
    let value: Defaulted<u8> = serde_json::from_str("\"Invalid\"").expect("a message");
    assert_eq!(value, Defaulted::Invalid { value: 0 });
    assert!(serde_json::from_str::<Defaulted<u8>>("3").is_err());
    let value: Check<Phone> = serde_json::from_str("1").expect("the catch-all");
    assert_eq!(value, Check::Unknown(1));
}

/// A generic source, and a where clause.
#[derive(Debug, ApiError)]
enum Wrapped<E>
where
    E: fmt::Debug,
{
    /// The backend failed
    #[code(10, "Backend")]
    Backend(#[source] E),
    /// The backend failed too often
    #[code(11, "Retries")]
    #[error("gave up after {attempts} attempts: {last}")]
    Retries { attempts: u32, last: E },
}

#[derive(Debug)]
struct BackendDown;

impl fmt::Display for BackendDown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("backend down")
    }
}

impl Error for BackendDown {}

#[test]
fn a_generic_source_is_the_source() {
    let error = Wrapped::Backend(BackendDown);
    assert_eq!(error.to_string(), "The backend failed");
    assert!(error.source().is_some_and(<dyn Error>::is::<BackendDown>));

    let error = Wrapped::Retries {
        attempts: 3,
        last: BackendDown,
    };
    assert_eq!(error.to_string(), "gave up after 3 attempts: backend down");
    assert!(error.source().is_none());
    assert_eq!(error.code(), 11);
}

/// A lifetime: errors that borrow from the request.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(serde = "string")]
enum Borrowed<'a> {
    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone number: {number}")]
    InvalidPhoneNumbers { number: &'a str },
    /// Missing SMS signature
    #[code(107120, "MissingSmsSignature")]
    MissingSmsSignature,
    #[code(other)]
    Unknown(u32),
}

#[test]
fn a_borrowing_enum_displays_and_converts() {
    let input = String::from("+1 555");
    let error = Borrowed::InvalidPhoneNumbers { number: &input };
    assert_eq!(error.to_string(), "invalid phone number: +1 555");
    assert_eq!(error.code(), 107_111);
    assert_eq!(
        serde_json::to_string(&error).ok().as_deref(),
        Some("\"107111\"")
    );
    // `&str` has a Default: the empty string.
    assert_eq!(
        Borrowed::from(107_111),
        Borrowed::InvalidPhoneNumbers { number: "" }
    );
    assert_eq!(Borrowed::from(5), Borrowed::Unknown(5));
}

#[test]
fn a_borrowing_enum_deserializes() {
    let error: Borrowed<'_> = serde_json::from_str("\"107120\"").expect("a code");
    assert_eq!(error, Borrowed::MissingSmsSignature);
}

/// A lifetime and a type parameter together.
#[derive(Debug, ApiError)]
enum Both<'a, T: fmt::Debug> {
    /// Bad item
    #[code(1, "Bad")]
    #[error("bad item {item:?} in {list}")]
    Bad { item: T, list: &'a str },
    #[code(other)]
    Unknown(u32),
}

#[test]
fn a_lifetime_and_a_type_parameter_together() {
    let list = String::from("cart");
    let error = Both::Bad {
        item: [1, 2],
        list: &list,
    };
    assert_eq!(error.to_string(), "bad item [1, 2] in cart");
    assert_eq!(error.code(), 1);
    // `T` is not bound by Default, so code 1 cannot be built: the code is kept in the catch-all.
    assert!(matches!(Both::<Vec<u8>>::from(1), Both::Unknown(1)));
}

/// A const parameter.
#[derive(Debug, ApiError)]
enum Limited<const N: usize> {
    /// Too long
    #[code(1, "TooLong")]
    #[error("longer than {max}: {0}", max = N)]
    TooLong(usize),
    #[code(other)]
    Unknown(u32),
}

#[test]
fn a_const_parameter_is_usable_in_the_format() {
    let error = Limited::<160>::TooLong(200);
    assert_eq!(error.to_string(), "longer than 160: 200");
    assert_eq!(error.code(), 1);
    assert!(matches!(Limited::<160>::from(1), Limited::TooLong(0)));
}

/// Reuses an entry of a generic table, naming it with its type arguments.
#[derive(Debug, ApiError)]
enum Reuser {
    #[code(Check::<u8>::Missing)]
    NotThere,
}

#[test]
fn an_entry_of_a_generic_table_is_reused_through_a_path_with_type_arguments() {
    assert_eq!(Reuser::NotThere.code(), 2);
    assert_eq!(Reuser::NotThere.http_status(), 422);
    assert_eq!(Reuser::NotThere.to_string(), "Missing value");
}

//! `Display`: the detail by default, thiserror's `#[error(...)]` formats, `#[error(transparent)]`,
//! and the catch-all naming its code.

use core::error::Error;
use core::fmt;

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Sms {
    /// Invalid signature timestamp. Please check that the value passed in is a valid Unix
    /// timestamp, accepting a 10 minute difference from the server time
    #[code(104202, "InvalidSignatureTimestamp", status = 401)]
    InvalidSignatureTimestamp,

    /// This doc comment is not the detail
    #[code(104003, "RestrictedParams", detail = "Restricted parameters")]
    RestrictedParams,

    #[code(104001, "MissingParams")]
    MissingParams,

    /// Braces {0} and {name} in a doc comment are text, not placeholders
    #[code(104002, "InvalidParams")]
    InvalidParams,

    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone number: {number}")]
    InvalidPhoneNumbers { number: String },

    #[code(107112, "InvalidCountry")]
    #[error("country {0} is not served, try {1}")]
    InvalidCountry(String, String),

    #[code(107113, "BadTemplate")]
    #[error("bad template data {data:?}")]
    BadTemplate { data: Vec<(String, u32)> },

    #[code(107114, "TooLong")]
    #[error("text too long: {} characters", .0.len())]
    TooLong(String),

    #[code(107115, "TooManyRecipients")]
    #[error("{count} recipients, at most {max}", count = .recipients.len())]
    TooManyRecipients { recipients: Vec<String>, max: usize },

    #[code(107116, "Padded")]
    #[error("[{0:>6}] [{1:<4}] [{0:?}]")]
    Padded(String, u8),

    #[code(107117, "Escaped")]
    #[error("{{0}} is literal, {0} is not")]
    Escaped(u32),

    #[code(107118, "Fixed")]
    #[error("a fixed text")]
    Fixed,

    #[code(107119, "NamedDebug")]
    #[error("{id:?} then {id}")]
    NamedDebug { id: String },

    #[code(other)]
    Unknown(u32),
}

#[test]
fn display_without_error_attribute_is_the_doc_comment() {
    assert_eq!(
        Sms::InvalidSignatureTimestamp.to_string(),
        "Invalid signature timestamp. Please check that the value passed in is a valid Unix \
         timestamp, accepting a 10 minute difference from the server time"
    );
}

#[test]
fn display_without_error_attribute_is_the_detail_key() {
    assert_eq!(Sms::RestrictedParams.to_string(), "Restricted parameters");
}

#[test]
fn display_without_doc_or_detail_is_the_message() {
    assert_eq!(Sms::MissingParams.to_string(), "MissingParams");
}

#[test]
fn display_of_a_doc_comment_with_braces_is_the_text_itself() {
    assert_eq!(
        Sms::InvalidParams.to_string(),
        "Braces {0} and {name} in a doc comment are text, not placeholders"
    );
}

#[test]
fn display_formats_a_named_field() {
    let error = Sms::InvalidPhoneNumbers {
        number: "+1 555".into(),
    };
    assert_eq!(error.to_string(), "invalid phone number: +1 555");
    // The format is the Display; the detail is still the table's sentence.
    assert_eq!(error.detail(), "Invalid phone number");
}

#[test]
fn display_formats_tuple_fields_by_index() {
    let error = Sms::InvalidCountry("FR".into(), "DE".into());
    assert_eq!(error.to_string(), "country FR is not served, try DE");
}

#[test]
fn display_formats_a_field_with_debug() {
    let error = Sms::BadTemplate {
        data: vec![("code".into(), 7)],
    };
    assert_eq!(error.to_string(), r#"bad template data [("code", 7)]"#);

    let error = Sms::NamedDebug { id: "a\"b".into() };
    assert_eq!(error.to_string(), r#""a\"b" then a"b"#);
}

#[test]
fn display_evaluates_extra_positional_arguments_on_fields() {
    let error = Sms::TooLong("x".repeat(321));
    assert_eq!(error.to_string(), "text too long: 321 characters");
}

#[test]
fn display_evaluates_named_arguments_and_mixes_them_with_fields() {
    let error = Sms::TooManyRecipients {
        recipients: vec!["a".into(), "b".into(), "c".into()],
        max: 2,
    };
    assert_eq!(error.to_string(), "3 recipients, at most 2");
}

#[test]
fn display_honours_format_specs_on_tuple_fields() {
    let error = Sms::Padded("ab".into(), 7);
    assert_eq!(error.to_string(), r#"[    ab] [7   ] ["ab"]"#);
}

#[test]
fn display_keeps_escaped_braces() {
    assert_eq!(Sms::Escaped(5).to_string(), "{0} is literal, 5 is not");
}

#[test]
fn display_of_a_unit_variant_with_a_fixed_format() {
    assert_eq!(Sms::Fixed.to_string(), "a fixed text");
}

#[test]
fn display_of_a_catch_all_without_doc_names_the_code() {
    assert_eq!(Sms::Unknown(7).to_string(), "unknown error code 7");
}

/// Catch-alls with a doc comment, a detail key, and a format.
#[derive(Debug, ApiError)]
enum CatchAlls {
    /// Fine
    #[code(0, "Fine")]
    Fine,
    /// A code this table does not know
    #[code(other)]
    Unknown(u32),
}

#[derive(Debug, ApiError)]
enum DetailedCatchAll {
    /// Fine
    #[code(0, "Fine")]
    Fine,
    #[code(other, detail = "Unlisted code")]
    Unlisted { code: u32 },
}

#[derive(Debug, ApiError)]
enum FormattedCatchAll {
    /// Fine
    #[code(0, "Fine")]
    Fine,
    /// Not shown: the format wins
    #[code(other)]
    #[error("the server answered code {0}")]
    Unknown(u32),
}

#[test]
fn display_of_a_documented_catch_all_is_its_detail_and_code() {
    assert_eq!(
        CatchAlls::Unknown(7).to_string(),
        "A code this table does not know (code 7)"
    );
    assert_eq!(
        DetailedCatchAll::Unlisted {
            code: 4_294_967_295
        }
        .to_string(),
        "Unlisted code (code 4294967295)"
    );
}

#[test]
fn display_of_a_catch_all_with_a_format_uses_the_format() {
    assert_eq!(
        FormattedCatchAll::Unknown(12).to_string(),
        "the server answered code 12"
    );
    assert_eq!(FormattedCatchAll::Unknown(12).code(), 12);
}

/// An error with a source of its own, to see `#[error(transparent)]` forward both.
#[derive(Debug)]
struct Disk {
    cause: Cause,
}

#[derive(Debug)]
struct Cause;

impl fmt::Display for Disk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("disk full")
    }
}

impl Error for Disk {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        Some(&self.cause)
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("quota reached")
    }
}

impl Error for Cause {}

#[derive(Debug, ApiError)]
enum Storage {
    /// Storage failed
    #[code(5001, "Storage", status = 507)]
    #[error(transparent)]
    Disk(Disk),

    /// Storage failed behind a box
    #[code(5002, "Boxed")]
    #[error(transparent)]
    Boxed { inner: Box<dyn Error + Send + Sync> },
}

#[test]
fn transparent_error_forwards_display_to_its_field() {
    let error = Storage::Disk(Disk { cause: Cause });
    assert_eq!(error.to_string(), "disk full");
    // Only Display and source are forwarded: the code stays this table's.
    assert_eq!(error.code(), 5001);
    assert_eq!(error.detail(), "Storage failed");
    assert_eq!(error.http_status(), 507);
}

#[test]
fn transparent_error_forwards_source_to_its_field() {
    let error = Storage::Disk(Disk { cause: Cause });
    let source = error.source().expect("the field's source");
    assert_eq!(source.to_string(), "quota reached");
    assert!(source.is::<Cause>());
}

#[test]
fn transparent_error_works_through_a_boxed_trait_object() {
    let error = Storage::Boxed {
        inner: Box::new(Disk { cause: Cause }),
    };
    assert_eq!(error.to_string(), "disk full");
    assert!(error.source().expect("the field's source").is::<Cause>());
}

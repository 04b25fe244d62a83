//! `ApiError::{code, message, detail, http_status}` for inline codes, and the trait's object
//! safety.

use apicode::ApiError;

/// A table whose variants exercise every source of `detail` and `http_status`.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Shop {
    /// Out of stock
    #[code(1001, "OutOfStock", status = 409)]
    OutOfStock,

    /// The cart is empty.
    /// Add an item first.
    ///
    /// This second paragraph is not part of the detail.
    #[code(1002, "EmptyCart")]
    EmptyCart,

    /// The doc comment loses to `detail`
    #[code(
        1003,
        "PaymentDeclined",
        detail = "The card was declined",
        status = 402
    )]
    PaymentDeclined,

    #[code(1004, "NoDocs")]
    NoDocs,

    // The keys may come in any order after the message.
    #[code(1005, "NoSuchItem", status = 404, detail = "No such item")]
    #[error("no item {sku}")]
    NoSuchItem { sku: String },

    /// Quantity too large
    #[code(1006, "TooMany", detail = "Too many items")]
    #[error("{0} is too many")]
    TooMany(u32),

    #[code(other)]
    Unknown(u32),
}

/// Without `#[api_error(status = N)]`, variants without a status are 500.
#[derive(Debug, ApiError)]
enum Plain {
    /// Gone
    #[code(7, "Gone", status = 410)]
    Gone,
    /// Broken
    #[code(8, "Broken")]
    Broken,
    #[code(other)]
    Other(u32),
}

/// A catch-all with its own doc comment and status.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum Documented {
    /// Fine
    #[code(0, "Fine", status = 200)]
    Fine,
    /// A code this table does not know
    #[code(other, status = 502)]
    Unknown { code: u32 },
}

/// A catch-all whose `detail` key wins over its doc comment.
#[derive(Debug, ApiError)]
enum DetailedCatchAll {
    /// Fine
    #[code(0, "Fine")]
    Fine,
    /// Not this sentence
    #[code(other, detail = "Unlisted code")]
    Unlisted(u32),
}

#[test]
fn code_and_message_come_from_the_code_attribute() {
    let error = Shop::OutOfStock;
    assert_eq!(error.code(), 1001);
    assert_eq!(error.message(), "OutOfStock");

    let error = Shop::NoSuchItem { sku: "A-1".into() };
    assert_eq!(error.code(), 1005);
    assert_eq!(error.message(), "NoSuchItem");

    let error = Shop::TooMany(12);
    assert_eq!(error.code(), 1006);
    assert_eq!(error.message(), "TooMany");
}

#[test]
fn detail_is_the_single_line_doc_comment() {
    assert_eq!(Shop::OutOfStock.detail(), "Out of stock");
}

#[test]
fn detail_joins_the_first_doc_paragraph_and_stops_at_a_blank_line() {
    assert_eq!(
        Shop::EmptyCart.detail(),
        "The cart is empty. Add an item first."
    );
}

#[test]
fn detail_key_wins_over_the_doc_comment() {
    assert_eq!(Shop::PaymentDeclined.detail(), "The card was declined");
    assert_eq!(Shop::TooMany(3).detail(), "Too many items");
    assert_eq!(
        Shop::NoSuchItem { sku: String::new() }.detail(),
        "No such item"
    );
}

#[test]
fn detail_falls_back_to_the_message_without_doc_or_key() {
    assert_eq!(Shop::NoDocs.detail(), "NoDocs");
}

#[test]
fn accessors_do_not_depend_on_the_display_format() {
    let error = Shop::NoSuchItem { sku: "A-1".into() };
    assert_eq!(error.to_string(), "no item A-1");
    assert_eq!(
        (error.message(), error.detail(), error.http_status()),
        ("NoSuchItem", "No such item", 404)
    );
    let error = Shop::TooMany(12);
    assert_eq!(error.to_string(), "12 is too many");
    assert_eq!(error.detail(), "Too many items");
}

#[test]
fn status_comes_from_the_variant_then_the_enum() {
    assert_eq!(Shop::OutOfStock.http_status(), 409);
    assert_eq!(Shop::PaymentDeclined.http_status(), 402);
    assert_eq!(Shop::NoSuchItem { sku: String::new() }.http_status(), 404);
    assert_eq!(Shop::EmptyCart.http_status(), 400);
    assert_eq!(Shop::NoDocs.http_status(), 400);
    assert_eq!(Shop::TooMany(1).http_status(), 400);
}

#[test]
fn status_defaults_to_500_without_an_enum_status() {
    assert_eq!(Plain::Gone.http_status(), 410);
    assert_eq!(Plain::Broken.http_status(), 500);
    assert_eq!(Plain::Other(3).http_status(), 500);
}

#[test]
fn catch_all_keeps_its_code_and_is_named_after_its_variant() {
    let error = Shop::Unknown(424_242);
    assert_eq!(error.code(), 424_242);
    assert_eq!(error.message(), "Unknown");
    assert_eq!(error.detail(), "Unknown");
    assert_eq!(error.http_status(), 400);

    let error = Plain::Other(9);
    assert_eq!(error.code(), 9);
    assert_eq!(error.message(), "Other");
}

#[test]
fn catch_all_takes_detail_and_status_from_its_own_attributes() {
    let error = Documented::Unknown { code: 77 };
    assert_eq!(error.code(), 77);
    assert_eq!(error.message(), "Unknown");
    assert_eq!(error.detail(), "A code this table does not know");
    assert_eq!(error.http_status(), 502);

    let error = DetailedCatchAll::Unlisted(5);
    assert_eq!(error.message(), "Unlisted");
    assert_eq!(error.detail(), "Unlisted code");
    assert_eq!(error.http_status(), 500);
}

/// A catch-all spelled as a raw identifier.
#[derive(Debug, ApiError)]
enum RawCatchAll {
    /// Fine
    #[code(0, "Fine")]
    Fine,
    #[code(other)]
    r#Unknown(u32),
}

#[test]
fn a_raw_catch_all_is_named_without_its_prefix() {
    let error = RawCatchAll::Unknown(3);
    assert_eq!(error.message(), "Unknown");
    assert_eq!(error.detail(), "Unknown");
}

#[test]
fn api_error_is_object_safe() {
    let errors: Vec<Box<dyn ApiError>> = vec![
        Box::new(Shop::OutOfStock),
        Box::new(Plain::Broken),
        Box::new(Documented::Unknown { code: 3 }),
    ];
    let summary: Vec<(u32, &str, &str, u16, String)> = errors
        .iter()
        .map(|error| {
            (
                error.code(),
                error.message(),
                error.detail(),
                error.http_status(),
                error.to_string(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                1001,
                "OutOfStock",
                "Out of stock",
                409,
                "Out of stock".to_owned()
            ),
            (8, "Broken", "Broken", 500, "Broken".to_owned()),
            (
                3,
                "Unknown",
                "A code this table does not know",
                502,
                "A code this table does not know (code 3)".to_owned()
            ),
        ]
    );
}

#[test]
fn boxed_api_error_is_still_an_error() {
    let boxed: Box<dyn ApiError + Send + Sync> = Box::new(Shop::EmptyCart);
    let as_error: &(dyn core::error::Error + Send + Sync) = &*boxed;
    assert_eq!(
        as_error.to_string(),
        "The cart is empty. Add an item first."
    );
    assert!(as_error.source().is_none());
}

#[test]
fn accessors_work_through_a_reference() {
    fn describe(error: &dyn ApiError) -> String {
        format!(
            "{} {} {}",
            error.http_status(),
            error.code(),
            error.message()
        )
    }
    assert_eq!(describe(&Shop::OutOfStock), "409 1001 OutOfStock");
    assert_eq!(describe(&Shop::Unknown(1)), "400 1 Unknown");
}

/// Doc comments in their less common spellings.
// The doc comments here are data: their exact text is what the tests read.
#[allow(clippy::doc_markdown)]
#[derive(Debug, ApiError)]
enum DocForms {
    ///
    ///    Leading blank lines are skipped,
    ///        and indentation is trimmed
    #[code(1, "Indented")]
    Indented,

    #[doc = "  Written as an attribute\t "]
    #[code(2, "Attribute")]
    Attribute,

    /** A block comment
     * over two lines
     *
     * and a second paragraph */
    #[code(3, "Block")]
    Block,

    /// Braces {like_this} and "quotes" and a back\slash stay as written
    #[code(4, "Literal")]
    Literal,

    /// Hidden from rustdoc, still documented
    #[doc(hidden)]
    #[code(5, "Hidden")]
    Hidden,
}

/// Codes and messages in their less common spellings.
#[derive(Debug, ApiError)]
enum Spellings {
    #[code(0x10, "Hex")]
    Hex,
    #[code(1_000u32, "Separated")]
    Separated,
    #[code(7, "Say \"hi\" \\ ünïcode {0}")]
    Quoted,
}

#[test]
fn codes_may_be_hex_separated_or_suffixed_literals() {
    assert_eq!(Spellings::Hex.code(), 16);
    assert_eq!(Spellings::Separated.code(), 1000);
}

#[test]
fn messages_keep_quotes_backslashes_unicode_and_braces() {
    assert_eq!(Spellings::Quoted.message(), r#"Say "hi" \ ünïcode {0}"#);
    assert_eq!(Spellings::Quoted.to_string(), r#"Say "hi" \ ünïcode {0}"#);
}

#[test]
fn detail_skips_leading_blank_doc_lines_and_trims_each_line() {
    assert_eq!(
        DocForms::Indented.detail(),
        "Leading blank lines are skipped, and indentation is trimmed"
    );
}

#[test]
fn detail_reads_doc_attributes_and_block_comments() {
    assert_eq!(DocForms::Attribute.detail(), "Written as an attribute");
    assert_eq!(DocForms::Block.detail(), "A block comment over two lines");
}

#[test]
fn detail_keeps_braces_quotes_and_backslashes() {
    assert_eq!(
        DocForms::Literal.detail(),
        r#"Braces {like_this} and "quotes" and a back\slash stay as written"#
    );
}

#[test]
fn detail_ignores_doc_hidden() {
    assert_eq!(
        DocForms::Hidden.detail(),
        "Hidden from rustdoc, still documented"
    );
}

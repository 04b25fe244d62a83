//! Fields with raw identifiers (`r#type`) in `#[error]` formats: a placeholder names the field
//! without its `r#` (`{type}`), as thiserror lets it.

use apicode::ApiError;

#[derive(Debug, ApiError)]
enum Request {
    /// Bad content type
    #[code(1, "BadType")]
    #[error("unsupported type {type}")]
    BadType { r#type: String },

    /// Bad match
    #[code(2, "BadMatch")]
    #[error("pattern {} did not match", .r#match)]
    BadMatch { r#match: String },
}

#[test]
fn a_raw_field_is_named_without_its_prefix_in_the_format() {
    let error = Request::BadType {
        r#type: "text/xml".into(),
    };
    assert_eq!(error.to_string(), "unsupported type text/xml");
}

#[test]
fn a_raw_field_is_usable_in_format_arguments() {
    let error = Request::BadMatch {
        r#match: "a*".into(),
    };
    assert_eq!(error.to_string(), "pattern a* did not match");
}

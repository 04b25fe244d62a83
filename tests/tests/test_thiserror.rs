//! An enum that keeps deriving `thiserror::Error` and adds `ApiError` with
//! `#[api_error(thiserror)]`: thiserror writes `Display`, `Error` and the `#[from]` impls,
//! apicode the codes, statuses, conversions and serde.

use core::error::Error;
use std::io;

use apicode::{ApiError, CodeTable};

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(thiserror, status = 400, serde = "string")]
enum Store {
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    #[error("item {sku} is out of stock")]
    OutOfStock { sku: String },

    #[code(1002, "Io", status = 500)]
    #[error("storage failed")]
    Io(#[from] io::Error),

    /// Upstream failed
    #[code(1003, "Upstream", detail = "The upstream service failed", status = 502)]
    #[error("upstream: {source}")]
    Upstream { source: io::Error },

    #[code(1004, "Config")]
    #[error(transparent)]
    Config(Box<dyn Error + Send + Sync>),

    #[code(1005, "Closed")]
    #[error("the store is closed")]
    Closed,

    #[code(other)]
    #[error("unknown store error {0}")]
    Unknown(u32),
}

#[test]
fn display_comes_from_thiserror() {
    let error = Store::OutOfStock { sku: "A-1".into() };
    assert_eq!(error.to_string(), "item A-1 is out of stock");
    assert_eq!(Store::Closed.to_string(), "the store is closed");
    assert_eq!(Store::Unknown(9).to_string(), "unknown store error 9");
    let error = Store::Config("bad port".into());
    assert_eq!(error.to_string(), "bad port");
}

#[test]
fn source_and_from_come_from_thiserror() {
    let error = Store::from(io::Error::other("disk"));
    assert!(matches!(error, Store::Io(_)));
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("disk")
    );

    let error = Store::Upstream {
        source: io::Error::other("reset"),
    };
    assert_eq!(error.to_string(), "upstream: reset");
    assert!(error.source().is_some_and(<dyn Error>::is::<io::Error>));
    assert!(Store::Closed.source().is_none());
}

#[test]
fn codes_statuses_and_details_come_from_apicode() {
    let error = Store::OutOfStock { sku: String::new() };
    assert_eq!(
        (
            error.code(),
            error.message(),
            error.detail(),
            error.http_status()
        ),
        (1001, "OutOfStock", "The item is out of stock", 409)
    );
    let error = Store::Upstream {
        source: io::Error::other("reset"),
    };
    assert_eq!(
        (error.code(), error.detail(), error.http_status()),
        (1003, "The upstream service failed", 502)
    );
    // Without a doc comment, the detail is the message, whatever thiserror displays.
    assert_eq!(Store::Closed.detail(), "Closed");
    assert_eq!(Store::Closed.http_status(), 400);
    let error = Store::Unknown(77);
    assert_eq!((error.code(), error.message()), (77, "Unknown"));
}

#[test]
fn conversions_come_from_apicode() {
    assert!(matches!(Store::from(1005), Store::Closed));
    assert!(matches!(Store::from(1001), Store::OutOfStock { sku } if sku.is_empty()));
    // io::Error has no Default: the code is kept in the catch-all.
    assert!(matches!(Store::from(1002), Store::Unknown(1002)));
    assert!(Store::from_code(1004).is_none());
    assert!(matches!(Store::from_message("Closed"), Some(Store::Closed)));
    assert_eq!(u32::from(Store::Closed), 1005);
    assert_eq!(Store::ENTRIES.len(), 5);
}

#[test]
fn serde_comes_from_apicode() {
    let json = serde_json::to_string(&Store::Closed).expect("serializable");
    assert_eq!(json, r#""1005""#);
    let error: Store = serde_json::from_str(&json).expect("the same code");
    assert!(matches!(error, Store::Closed));
    let error: Store = serde_json::from_str("1002").expect("the catch-all");
    assert!(matches!(error, Store::Unknown(1002)));
}

#[test]
fn the_enum_is_an_api_error_object() {
    let boxed: Box<dyn ApiError> = Box::new(Store::Closed);
    assert_eq!(boxed.code(), 1005);
    assert_eq!(boxed.to_string(), "the store is closed");
}

/// A thiserror enum without a catch-all.
#[derive(Debug, PartialEq, thiserror::Error, ApiError)]
#[api_error(thiserror)]
enum Auth {
    /// Missing access key
    #[code(104110, "MissingAccessKeyId", status = 401)]
    #[error("no access key id")]
    MissingAccessKeyId,
    /// Invalid access key
    #[code(104111, "InvalidAccessKeyId", status = 401)]
    #[error("access key id {0:?} is unknown")]
    InvalidAccessKeyId(String),
}

#[test]
fn try_from_and_number_serde_with_thiserror() {
    assert_eq!(Auth::try_from(104_110), Ok(Auth::MissingAccessKeyId));
    assert_eq!(
        Auth::try_from(104_111),
        Ok(Auth::InvalidAccessKeyId(String::new()))
    );
    assert_eq!(
        Auth::try_from(1).unwrap_err().to_string(),
        "unknown Auth code 1"
    );
    assert_eq!(
        Auth::InvalidAccessKeyId("k".into()).to_string(),
        r#"access key id "k" is unknown"#
    );
    assert_eq!(
        serde_json::to_string(&Auth::MissingAccessKeyId)
            .ok()
            .as_deref(),
        Some("104110")
    );
    assert!(serde_json::from_str::<Auth>("1").is_err());
}

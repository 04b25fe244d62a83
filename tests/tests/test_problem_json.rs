//! RFC 9457 problem details: `Problem<E>` serializes to `type`, `title`, `status`, `detail`,
//! and the extension members `code` and `message`; a 5xx keeps its `Display` (and so any
//! source error) out of `detail` unless the service opts in. The HTTP side (status and
//! `application/problem+json`) is tested with each framework in `test_http_axum` and
//! `test_http_actix`.

use std::error::Error as _;
use std::io;

use apicode::ApiError;
use apicode::problem::Problem;
use apicode_sms::SmsError;
use serde_json::json;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum StoreError {
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    #[error("{item} is out of stock")]
    OutOfStock { item: String },
    /// Storage failed
    #[code(1002, "Storage", status = 500)]
    #[error("storage failed: {0}")]
    Storage(#[from] io::Error),
    /// A status HTTP has no reason phrase for
    #[code(1003, "Odd", status = 599)]
    Odd,
}

fn disk_full() -> StoreError {
    StoreError::Storage(io::Error::other("/var/lib/store: no space left on device"))
}

#[test]
fn members_in_order_with_the_code_as_the_table_writes_it() {
    let problem = Problem::new(SmsError::InvalidSignatureTimestamp);
    let expected = format!(
        // The SMS table's help link documents the problem type, titled by the message.
        r#"{{"type":"/errors/104202","title":"InvalidSignatureTimestamp","status":401,"detail":"{}","code":"104202","message":"InvalidSignatureTimestamp"}}"#,
        SmsError::InvalidSignatureTimestamp.detail()
    );
    assert_eq!(serde_json::to_string(&problem).unwrap(), expected);
    assert_eq!(problem.status(), 401);
}

#[test]
fn detail_is_the_display_below_500() {
    let problem = Problem::new(StoreError::OutOfStock { item: "tea".into() });
    assert_eq!(
        serde_json::to_value(&problem).unwrap(),
        json!({
            "type": "about:blank",
            "title": "Conflict",
            "status": 409,
            "detail": "tea is out of stock",
            "code": 1001,
            "message": "OutOfStock",
        })
    );
}

#[test]
fn a_5xx_hides_its_display_and_source_unless_exposed() {
    let problem = Problem::new(disk_full());
    let body = serde_json::to_value(&problem).unwrap();
    assert_eq!(body["title"], "Internal Server Error");
    assert_eq!(body["detail"], "Storage failed");
    assert!(!body.to_string().contains("no space"), "{body}");

    let body = serde_json::to_value(problem.expose_display()).unwrap();
    assert_eq!(
        body["detail"],
        "storage failed: /var/lib/store: no space left on device"
    );
}

#[test]
fn a_type_base_names_the_code_and_titles_it_with_the_message() {
    let problem =
        Problem::new(SmsError::LimitExceed).with_type_base("https://errors.example.com/sms/");
    let body = serde_json::to_value(&problem).unwrap();
    assert_eq!(body["type"], "https://errors.example.com/sms/105300");
    assert_eq!(body["title"], "LimitExceed");
    assert_eq!(body["status"], 429);
    assert_eq!(body["code"], "105300");
}

#[test]
fn a_status_without_reason_phrase_titles_with_the_message() {
    let body = serde_json::to_value(Problem::new(StoreError::Odd)).unwrap();
    assert_eq!(body["title"], "Odd");
    assert_eq!(body["status"], 599);
    assert_eq!(body["detail"], "A status HTTP has no reason phrase for");
}

#[test]
fn a_catch_all_code_keeps_its_number() {
    let body = serde_json::to_value(Problem::new(SmsError::from(999))).unwrap();
    assert_eq!(body["code"], "999");
    assert_eq!(body["message"], "Unknown");
    assert_eq!(body["status"], 500);
}

fn reserve(stock: u32) -> Result<u32, StoreError> {
    stock
        .checked_sub(1)
        .ok_or(StoreError::OutOfStock { item: "tea".into() })
}

fn handler(stock: u32) -> Result<u32, Problem<StoreError>> {
    Ok(reserve(stock)?)
}

#[test]
fn question_mark_wraps_and_the_error_stays_reachable() {
    assert_eq!(handler(2).unwrap(), 1);
    let problem = handler(0).unwrap_err();
    assert_eq!(problem.to_string(), "tea is out of stock");
    assert_eq!(problem.error().code(), 1001);
    let source = problem.source().expect("the error is the source");
    assert_eq!(source.to_string(), "tea is out of stock");
    assert!(matches!(
        problem.into_inner(),
        StoreError::OutOfStock { .. }
    ));
}

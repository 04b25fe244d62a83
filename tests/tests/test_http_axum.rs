//! The axum integration through real HTTP on loopback: a handler returns
//! `Result<Json<T>, E>` for any derived `E`, and the answer has the table's status,
//! `application/json` and the body `{"code": ..., "message": ...}`; `Problem<E>` answers with
//! `application/problem+json`. A 5xx never shows a source error.

use std::fmt;
use std::io;

use apicode::ApiError;
use apicode::problem::Problem;
use apicode_sender::SendError;
use apicode_sms::SmsError;
use apicode_tests::client::raw::{self, RawResponse};
use apicode_tests::gateway::Server;
use axum::Json;
use axum::Router;
use axum::extract::Path;
use axum::routing::get;
use serde_json::{Value, json};

/// A table with the default numeric codes, fields and a source.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum StoreError {
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    #[error("{item} is out of stock")]
    OutOfStock { item: String },
    /// Storage failed
    #[code(1002, "Storage", status = 503)]
    #[error("storage failed: {0}")]
    Storage(#[from] io::Error),
}

/// A generic table: the integration's impl carries the enum's own bounds.
#[derive(Debug, ApiError)]
#[api_error(serde = "string")]
enum Lookup<K: fmt::Debug + fmt::Display + 'static> {
    /// Not found
    #[code(404_001, "NotFound", status = 404)]
    #[error("no entry for {0}")]
    NotFound(K),
}

async fn sms(Path(code): Path<u32>) -> Result<Json<Value>, SmsError> {
    match SmsError::from(code) {
        SmsError::Ok => Ok(Json(json!({"sent": true}))),
        error => Err(error),
    }
}

/// Every code as an error, the success code included.
async fn sms_error(Path(code): Path<u32>) -> Result<Json<Value>, SmsError> {
    Err(SmsError::from(code))
}

fn read_disk() -> Result<u32, io::Error> {
    Err(io::Error::other("/var/lib/store: no space left on device"))
}

async fn stock(Path(item): Path<String>) -> Result<Json<u32>, StoreError> {
    if item == "disk" {
        // `?` turns the io::Error into StoreError::Storage, then axum into the answer.
        return Ok(Json(read_disk()?));
    }
    Err(StoreError::OutOfStock { item })
}

async fn lookup(Path(key): Path<u64>) -> Result<Json<u64>, Lookup<u64>> {
    Err(Lookup::NotFound(key))
}

async fn sender(Path(case): Path<String>) -> Result<&'static str, SendError> {
    match case.as_str() {
        "own" => Err(SendError::MessageTooLong),
        "reused" => Err(SendError::InvalidPhoneNumber {
            number: "12345".into(),
        }),
        _ => Err(SendError::Upstream(SmsError::LimitExceed)),
    }
}

fn check(code: u32) -> Result<(), SmsError> {
    match SmsError::from(code) {
        SmsError::Ok => Ok(()),
        error => Err(error),
    }
}

async fn problem(Path(code): Path<u32>) -> Result<Json<Value>, Problem<SmsError>> {
    check(code)?;
    Ok(Json(json!({"sent": true})))
}

async fn problem_store(Path(item): Path<String>) -> Result<Json<u32>, Problem<StoreError>> {
    if item == "disk" {
        return Ok(Json(read_disk().map_err(StoreError::from)?));
    }
    Err(Problem::new(StoreError::OutOfStock { item })
        .with_type_base("https://errors.example.com/store/"))
}

fn server() -> Server {
    let router = Router::new()
        .route("/sms/{code}", get(sms))
        .route("/sms-error/{code}", get(sms_error))
        .route("/stock/{item}", get(stock))
        .route("/lookup/{key}", get(lookup))
        .route("/sender/{case}", get(sender))
        .route("/problem/sms/{code}", get(problem))
        .route("/problem/stock/{item}", get(problem_store));
    Server::start_router("127.0.0.1:0", router).expect("the server starts")
}

fn fetch(server: &Server, path: &str) -> RawResponse {
    raw::get(server.addr(), path).expect("the server answers")
}

/// `InvalidSignatureTimestamp`'s human text, in English.
const TIMESTAMP: &str = "Invalid signature timestamp. Please check that the value passed in is a valid Unix timestamp, accepting a 10 minute difference from the server time";

#[test]
fn a_table_error_is_its_status_and_the_unimatrix_body() {
    let server = server();
    let response = fetch(&server, "/sms/104202");
    response.assert_json(
        401,
        &json!({"code": "104202", "message": "InvalidSignatureTimestamp", "detail": TIMESTAMP}),
    );
    // The members in the wire's order: code, message, the human text.
    assert_eq!(
        response.body,
        format!(
            r#"{{"code":"104202","message":"InvalidSignatureTimestamp","detail":"{TIMESTAMP}"}}"#
        )
        .as_bytes()
    );
    fetch(&server, "/sms/105300").assert_json(
        429,
        &json!({"code": "105300", "message": "LimitExceed",
                    "detail": SmsError::LimitExceed.detail()}),
    );
    fetch(&server, "/sms/107111").assert_json(
        400,
        &json!({"code": "107111", "message": "InvalidPhoneNumbers",
                "detail": "Invalid phone number"}),
    );
    // A code outside the table keeps its number, under the catch-all's status.
    fetch(&server, "/sms/999").assert_json(
        500,
        &json!({"code": "999", "message": "Unknown", "detail": "An error code outside this table"}),
    );
}

#[test]
fn the_ok_side_is_the_handler_s_own() {
    let server = server();
    fetch(&server, "/sms/0").assert_json(200, &json!({"sent": true}));
}

#[test]
fn the_success_entry_returned_as_an_error_answers_its_own_2xx_status() {
    // Deliberate: the table declares `Ok` with `status = 200`, as APIs that answer 200 with a
    // code in the body do; a service that wants 4xx/5xx for every error does not return it.
    let server = server();
    let response = fetch(&server, "/sms-error/0");
    response.assert_json(
        200,
        &json!({"code": "0", "message": "Ok", "detail": "Request succeeded"}),
    );
    assert_eq!(
        response.body,
        br#"{"code":"0","message":"Ok","detail":"Request succeeded"}"#
    );
}

#[test]
fn numeric_codes_and_fields_stay_out_of_the_body() {
    let server = server();
    fetch(&server, "/stock/tea").assert_json(409, &json!({"code": 1001, "message": "OutOfStock"}));
}

#[test]
fn a_5xx_never_shows_its_source() {
    let server = server();
    let response = fetch(&server, "/stock/disk");
    response.assert_json(503, &json!({"code": 1002, "message": "Storage"}));
    let body = String::from_utf8_lossy(&response.body);
    assert!(!body.contains("no space"), "{body}");
}

#[test]
fn generic_tables_respond_too() {
    let server = server();
    fetch(&server, "/lookup/7").assert_json(404, &json!({"code": "404001", "message": "NotFound"}));
}

#[test]
fn composed_tables_answer_with_the_entry_they_reach() {
    let server = server();
    fetch(&server, "/sender/own")
        .assert_json(413, &json!({"code": "200002", "message": "MessageTooLong"}));
    // A reused entry answers in the composed table's wire, which carries no human text.
    fetch(&server, "/sender/reused").assert_json(
        400,
        &json!({"code": "107111", "message": "InvalidPhoneNumbers"}),
    );
    fetch(&server, "/sender/upstream")
        .assert_json(429, &json!({"code": "105300", "message": "LimitExceed"}));
}

#[track_caller]
fn assert_problem(response: &RawResponse, status: u16, body: &Value) {
    assert_eq!(response.status, status);
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(&response.json(), body);
}

#[test]
fn problem_details_over_axum() {
    let server = server();
    assert_problem(
        &fetch(&server, "/problem/sms/104202"),
        401,
        &json!({
            // The SMS table's help link is the problem type.
            "type": "/errors/104202",
            "title": "InvalidSignatureTimestamp",
            "status": 401,
            "detail": SmsError::InvalidSignatureTimestamp.detail(),
            "code": "104202",
            "message": "InvalidSignatureTimestamp",
        }),
    );
    assert_problem(
        &fetch(&server, "/problem/stock/tea"),
        409,
        &json!({
            "type": "https://errors.example.com/store/1001",
            "title": "OutOfStock",
            "status": 409,
            "detail": "tea is out of stock",
            "code": 1001,
            "message": "OutOfStock",
        }),
    );
    let response = fetch(&server, "/problem/stock/disk");
    assert_problem(
        &response,
        503,
        &json!({
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "Storage failed",
            "code": 1002,
            "message": "Storage",
        }),
    );
}

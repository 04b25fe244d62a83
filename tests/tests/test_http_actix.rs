//! The actix-web integration through real HTTP on loopback: every derived type is an
//! `actix_web::ResponseError`, so a handler returns `Result<T, E>` (or `?`s an `E` into
//! `actix_web::Error`) and the answer has the table's status, `application/json` and the body
//! `{"code": ..., "message": ...}`; `Problem<E>` answers with `application/problem+json`.

use std::io;

use actix_web::{App, HttpResponse, ResponseError, web};
use apicode::ApiError;
use apicode::problem::Problem;
use apicode_sender::SendError;
use apicode_sms::SmsError;
use apicode_tests::actix::ActixServer;
use apicode_tests::client::raw::{self, RawResponse};
use serde_json::{Value, json};

#[derive(Debug, ApiError)]
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

fn check(code: u32) -> Result<(), SmsError> {
    match SmsError::from(code) {
        SmsError::Ok => Ok(()),
        error => Err(error),
    }
}

async fn sms(code: web::Path<u32>) -> Result<web::Json<Value>, SmsError> {
    check(code.into_inner())?;
    Ok(web::Json(json!({"sent": true})))
}

/// `?` through `actix_web::Error`, the framework's own error type.
async fn sms_any(code: web::Path<u32>) -> Result<HttpResponse, actix_web::Error> {
    check(code.into_inner())?;
    Ok(HttpResponse::Ok().body("sent"))
}

fn read_disk() -> Result<u32, io::Error> {
    Err(io::Error::other("/var/lib/store: no space left on device"))
}

async fn stock(item: web::Path<String>) -> Result<web::Json<u32>, StoreError> {
    let item = item.into_inner();
    if item == "disk" {
        return Ok(web::Json(read_disk()?));
    }
    Err(StoreError::OutOfStock { item })
}

async fn sender() -> Result<HttpResponse, SendError> {
    Err(SendError::Upstream(SmsError::InsufficientFunds))
}

async fn problem(code: web::Path<u32>) -> Result<HttpResponse, Problem<SmsError>> {
    check(code.into_inner())?;
    Ok(HttpResponse::Ok().finish())
}

async fn problem_store(item: web::Path<String>) -> Result<web::Json<u32>, Problem<StoreError>> {
    let item = item.into_inner();
    if item == "disk" {
        return Ok(web::Json(read_disk().map_err(StoreError::from)?));
    }
    Err(Problem::new(StoreError::OutOfStock { item }))
}

/// The service's routes, on an actix-web server.
fn start() -> ActixServer {
    ActixServer::start(|| {
        App::new()
            .route("/sms/{code}", web::get().to(sms))
            .route("/any/{code}", web::get().to(sms_any))
            .route("/stock/{item}", web::get().to(stock))
            .route("/sender", web::get().to(sender))
            .route("/problem/sms/{code}", web::get().to(problem))
            .route("/problem/stock/{item}", web::get().to(problem_store))
    })
}

/// `GET path` over raw HTTP/1.1.
fn fetch(server: &ActixServer, path: &str) -> RawResponse {
    raw::get(server.addr(), path).expect("the server answers")
}

/// `InvalidSignatureTimestamp`'s human text, in English.
const TIMESTAMP: &str = "Invalid signature timestamp. Please check that the value passed in is a valid Unix timestamp, accepting a 10 minute difference from the server time";

#[test]
fn a_table_error_is_its_status_and_the_unimatrix_body() {
    let server = start();
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
    fetch(&server, "/sms/101303").assert_json(
        503,
        &json!({"code": "101303", "message": "NoUpstreamAvailable",
                "detail": SmsError::NoUpstreamAvailable.detail()}),
    );
    fetch(&server, "/sms/999").assert_json(
        500,
        &json!({"code": "999", "message": "Unknown", "detail": "An error code outside this table"}),
    );
    fetch(&server, "/sms/0").assert_json(200, &json!({"sent": true}));
}

#[test]
fn question_mark_into_actix_web_error_keeps_the_answer() {
    let server = start();
    fetch(&server, "/any/107121").assert_json(
        404,
        &json!({"code": "107121", "message": "SmsSignatureNotExists",
                "detail": SmsError::SmsSignatureNotExists.detail()}),
    );
    let response = fetch(&server, "/any/0");
    assert_eq!((response.status, &response.body[..]), (200, &b"sent"[..]));
}

#[test]
fn status_code_and_error_response_agree_with_the_table() {
    let error = SmsError::LimitExceed;
    assert_eq!(ResponseError::status_code(&error).as_u16(), 429);
    assert_eq!(error.error_response().status().as_u16(), 429);
}

#[test]
fn numeric_codes_and_5xx_without_their_source() {
    let server = start();
    fetch(&server, "/stock/tea").assert_json(409, &json!({"code": 1001, "message": "OutOfStock"}));
    let response = fetch(&server, "/stock/disk");
    response.assert_json(503, &json!({"code": 1002, "message": "Storage"}));
    assert!(!String::from_utf8_lossy(&response.body).contains("no space"));
}

#[test]
fn composed_tables_answer_with_the_entry_they_reach() {
    let server = start();
    fetch(&server, "/sender").assert_json(
        402,
        &json!({"code": "105400", "message": "InsufficientFunds"}),
    );
}

#[test]
fn problem_details_over_actix() {
    let server = start();
    let response = fetch(&server, "/problem/sms/105300");
    assert_eq!(response.status, 429);
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json")
    );
    // The table's guidance travels as headers too.
    assert_eq!(response.header("retry-after"), Some("60"));
    assert_eq!(
        response.header("link"),
        Some("</errors/105300>; rel=\"help\"")
    );
    assert_eq!(
        response.json(),
        json!({
            "type": "/errors/105300",
            "title": "LimitExceed",
            "status": 429,
            "detail": SmsError::LimitExceed.detail(),
            "code": "105300",
            "message": "LimitExceed",
        })
    );
    let response = fetch(&server, "/problem/stock/tea");
    assert_eq!(response.status, 409);
    assert_eq!(response.json()["detail"], "tea is out of stock");
    let response = fetch(&server, "/problem/stock/disk");
    assert_eq!(response.status, 503);
    assert_eq!(
        response.header("content-type"),
        Some("application/problem+json")
    );
    assert_eq!(response.json()["detail"], "Storage failed");
    assert!(!String::from_utf8_lossy(&response.body).contains("no space"));
}

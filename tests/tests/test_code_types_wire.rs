//! Signed codes on every wire: the axum answer, the problem+json body, the client reader
//! (a WeChat-style `{"errcode": -1}`), and a `tonic::Status`'s `ErrorInfo`, both ways.

use apicode::ApiError;
use apicode::client::{ClientErrorKind, Reader};
use apicode::grpc::{FromStatus as _, StatusError};
use apicode::problem::Problem;
use apicode_tests::answer::axum_answer;
use axum::response::IntoResponse as _;
use serde_json::{Value, json};
use tonic_types::StatusExt as _;

#[derive(Debug, PartialEq, ApiError)]
#[api_error(code = i32, status = 500, domain = "rpc.example.com")]
enum RpcError {
    /// The method does not exist or is not available
    #[code(-32601, "MethodNotFound", status = 404)]
    MethodNotFound,
    /// Invalid method parameters
    #[code(-32602, "InvalidParams", status = 400)]
    InvalidParams,
    /// The server failed
    #[code(-32603, "InternalError")]
    InternalError(#[source] std::fmt::Error),
    #[code(other)]
    Unknown(i32),
}

#[derive(Debug, PartialEq, ApiError)]
#[api_error(code = i32, status = 400)]
enum WeChatError {
    /// System busy, try again later
    #[code(-1, "SystemBusy", status = 503)]
    SystemBusy,
    /// ok
    #[code(0, "Ok", status = 200)]
    Ok,
    /// Invalid credential
    #[code(40001, "InvalidCredential", status = 401)]
    InvalidCredential,
}

#[test]
fn axum_answers_carry_the_negative_code() {
    let (status, body) = axum_answer(RpcError::MethodNotFound.into_response());
    assert_eq!(status, 404);
    assert_eq!(body, json!({"code": -32601, "message": "MethodNotFound"}));
    let (status, body) = axum_answer(RpcError::Unknown(-7).into_response());
    assert_eq!(
        (status, body),
        (500, json!({"code": -7, "message": "Unknown"}))
    );
}

#[test]
fn problem_bodies_carry_the_negative_code() {
    let problem = serde_json::to_value(Problem::new(RpcError::InvalidParams)).unwrap();
    assert_eq!(problem["code"], -32602);
    assert_eq!(problem["status"], 400);
    let typed =
        Problem::new(RpcError::MethodNotFound).with_type_base("https://errors.example.com/");
    let typed = serde_json::to_value(typed).unwrap();
    assert_eq!(typed["type"], "https://errors.example.com/-32601");
    let (status, body) = axum_answer(Problem::new(RpcError::MethodNotFound).into_response());
    assert_eq!((status, body["code"].clone()), (404, json!(-32601)));
}

#[derive(Debug, serde::Deserialize, PartialEq)]
struct Token {
    access_token: String,
}

const WECHAT: Reader = Reader::new()
    .code("errcode")
    .message("errmsg")
    .flattened_data();

#[test]
fn the_client_reads_negative_codes_into_the_variant_or_the_catch_all() {
    let json = Some("application/json");
    let busy =
        WECHAT.read::<Token, WeChatError>(200, json, br#"{"errcode":-1,"errmsg":"system busy"}"#);
    assert_eq!(busy.unwrap(), Err(WeChatError::SystemBusy));
    let token = WECHAT.read::<Token, WeChatError>(
        200,
        json,
        br#"{"errcode":0,"errmsg":"ok","access_token":"T"}"#,
    );
    assert_eq!(
        token.unwrap(),
        Ok(Token {
            access_token: "T".into()
        })
    );
    // A table without a catch-all refuses a code it does not know, as for u32 tables.
    let unknown = WECHAT.read::<Token, WeChatError>(200, json, br#"{"errcode":-2,"errmsg":"?"}"#);
    assert_eq!(unknown.unwrap_err().kind(), ClientErrorKind::RejectedCode);
    // With a catch-all, it keeps the code.
    let rpc = Reader::new().read::<Value, RpcError>(
        500,
        json,
        br#"{"code":-32099,"message":"ServerOverloaded"}"#,
    );
    assert_eq!(rpc.unwrap(), Err(RpcError::Unknown(-32099)));
    let rpc = Reader::new().read::<Value, RpcError>(
        404,
        json,
        br#"{"code":"-32601","message":"MethodNotFound"}"#,
    );
    assert_eq!(rpc.unwrap(), Err(RpcError::MethodNotFound));
    // A number the code type cannot hold is refused, never wrapped.
    let wide = Reader::new().read::<Value, RpcError>(
        500,
        json,
        br#"{"code":2147483648,"message":"Wide"}"#,
    );
    assert!(wide.is_err(), "{wide:?}");
}

#[test]
fn grpc_statuses_carry_the_negative_code_both_ways() {
    let status = tonic::Status::from(RpcError::MethodNotFound);
    assert_eq!(status.code(), tonic::Code::NotFound);
    let info = status.get_details_error_info().expect("an ErrorInfo");
    assert_eq!(info.metadata["code"], "-32601");
    assert_eq!(info.reason, "METHOD_NOT_FOUND");
    assert_eq!(RpcError::from_status(&status), Ok(RpcError::MethodNotFound));

    let unknown = tonic::Status::from(RpcError::Unknown(-5));
    assert_eq!(RpcError::from_status(&unknown), Ok(RpcError::Unknown(-5)));

    // A 5xx keeps its source out of the message.
    let internal = tonic::Status::from(RpcError::InternalError(std::fmt::Error));
    assert_eq!(internal.message(), "The server failed");

    // A code the table's type cannot hold is a bad code.
    let details = tonic_types::ErrorDetails::with_error_info(
        "WIDE",
        "rpc.example.com",
        std::collections::HashMap::from([("code".to_owned(), "2147483648".to_owned())]),
    );
    let wide = tonic::Status::with_error_details(tonic::Code::Internal, "wide", details);
    assert_eq!(
        RpcError::from_status(&wide),
        Err(StatusError::BadCode {
            found: Some("2147483648".into())
        })
    );
}

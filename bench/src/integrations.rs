//! The integrations of `bench --integrations`, each beside the code a user writes by hand for
//! the same answer: an axum response, a problem+json response, a `tonic::Status` with
//! `ErrorInfo`, a JSON-RPC error object, and a client reading an error body. The apicode side
//! uses the derived SMS table (`sms::apicode::Sms`), the hand side the hand-written one
//! (`sms::hand::Sms`), which have the same codes, messages and statuses.

use std::collections::HashMap;

use axum_core::body::Body;
use axum_core::response::{IntoResponse, Response};
use http::StatusCode;
use http::header::{CONTENT_TYPE, HeaderValue};
use serde::{Deserialize, Serialize};

use crate::sms::{apicode, hand};
use ::apicode::ApiError as _;

/// The Unimatrix error body, written by hand.
#[derive(Serialize)]
struct HandBody {
    code: u32,
    message: &'static str,
}

/// `body` as JSON under `status` with `content_type`, as axum's `Json` answers it.
fn json_response<T: Serialize>(status: u16, content_type: &'static str, body: &T) -> Response {
    let Ok(bytes) = serde_json::to_vec(body) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// The axum answer of an error by hand: status, `application/json`, `{code, message}`.
pub fn hand_axum(error: hand::Sms) -> Response {
    let body = HandBody {
        code: error.code(),
        message: error.message(),
    };
    json_response(error.http_status(), "application/json", &body)
}

/// The axum answer of an error through apicode: `IntoResponse`.
pub fn apicode_axum(error: apicode::Sms) -> Response {
    error.into_response()
}

/// An RFC 9457 problem document, written by hand.
#[derive(Serialize)]
struct HandProblem {
    #[serde(rename = "type")]
    type_uri: &'static str,
    title: &'static str,
    status: u16,
    detail: &'static str,
    code: u32,
    message: &'static str,
}

/// The problem+json answer of an error by hand, as `Problem::new` writes it.
pub fn hand_problem(error: hand::Sms) -> Response {
    let status = error.http_status();
    let title = StatusCode::from_u16(status)
        .ok()
        .and_then(|status| status.canonical_reason())
        .unwrap_or(error.message());
    let body = HandProblem {
        type_uri: "about:blank",
        title,
        status,
        detail: error.detail(),
        code: error.code(),
        message: error.message(),
    };
    json_response(status, "application/problem+json", &body)
}

/// The problem+json answer through apicode.
pub fn apicode_problem(error: apicode::Sms) -> Response {
    ::apicode::problem::Problem::new(error).into_response()
}

/// The gRPC status of an error by hand with tonic-types: the code of its HTTP status, its
/// text, and an `ErrorInfo` whose reason is the message in `UPPER_SNAKE_CASE` and whose
/// metadata holds the code.
pub fn hand_status(error: hand::Sms) -> tonic::Status {
    use tonic_types::{ErrorDetails, StatusExt as _};

    let status = error.http_status();
    // The mapping of the gRPC status codes' documentation, as apicode's default.
    let code = match status {
        200..=299 => tonic::Code::Ok,
        400 => tonic::Code::InvalidArgument,
        401 => tonic::Code::Unauthenticated,
        403 => tonic::Code::PermissionDenied,
        404 => tonic::Code::NotFound,
        408 | 504 => tonic::Code::DeadlineExceeded,
        409 => tonic::Code::Aborted,
        429 => tonic::Code::ResourceExhausted,
        499 => tonic::Code::Cancelled,
        402..=499 => tonic::Code::FailedPrecondition,
        501 => tonic::Code::Unimplemented,
        502 | 503 => tonic::Code::Unavailable,
        500..=599 => tonic::Code::Internal,
        _ => tonic::Code::Unknown,
    };
    let message = if status < 500 {
        error.to_string()
    } else {
        error.detail().to_owned()
    };
    let metadata = HashMap::from([("code".to_owned(), error.code().to_string())]);
    let details = ErrorDetails::with_error_info(upper_snake(error.message()), "Sms", metadata);
    tonic::Status::with_error_details(code, message, details)
}

/// `InvalidSignatureTimestamp` as `INVALID_SIGNATURE_TIMESTAMP`.
fn upper_snake(message: &str) -> String {
    let mut reason = String::with_capacity(message.len() + 8);
    for (index, c) in message.char_indices() {
        if c.is_ascii_uppercase() && index > 0 {
            reason.push('_');
        }
        reason.push(c.to_ascii_uppercase());
    }
    reason
}

/// The reason of an error's `ErrorInfo` as [`hand_status`] writes it: part of that answer,
/// measured alone to tell how much of the status it costs.
pub fn hand_reason(error: hand::Sms) -> String {
    upper_snake(error.message())
}

/// The reason of an error's `ErrorInfo` as apicode's status writes it.
pub fn apicode_reason(error: apicode::Sms) -> String {
    match ::apicode::grpc::reason(error.message()) {
        Ok(reason) => reason.as_str().to_owned(),
        Err(_) => format!("CODE_{}", error.code()),
    }
}

/// The gRPC status through apicode.
pub fn apicode_status(error: apicode::Sms) -> tonic::Status {
    ::apicode::grpc::status(&error)
}

/// The data member of a JSON-RPC error object, by hand.
#[derive(Serialize)]
struct HandData {
    message: &'static str,
    status: u16,
    /// 429 and 503 are worth retrying.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    retryable: bool,
}

/// A JSON-RPC error object by hand with jsonrpsee: the code, the text, and the message, the
/// status and whether to retry as data.
pub fn hand_jsonrpc(error: hand::Sms) -> jsonrpsee_types::ErrorObjectOwned {
    let status = error.http_status();
    let message = if status < 500 {
        error.to_string()
    } else {
        error.detail().to_owned()
    };
    let data = HandData {
        message: error.message(),
        status,
        retryable: matches!(status, 429 | 503),
    };
    match i32::try_from(error.code()) {
        Ok(code) => jsonrpsee_types::ErrorObject::owned(code, message, Some(data)),
        Err(_) => out_of_range(),
    }
}

/// What both sides answer for a code that JSON-RPC cannot carry (an `i32`).
fn out_of_range() -> jsonrpsee_types::ErrorObjectOwned {
    jsonrpsee_types::ErrorObject::owned(-32603, "internal error", None::<()>)
}

/// The JSON-RPC error object through apicode.
pub fn apicode_jsonrpc(error: apicode::Sms) -> jsonrpsee_types::ErrorObjectOwned {
    ::apicode::jsonrpc::try_error_object(&error).unwrap_or_else(|_| out_of_range())
}

/// The error body as a client reads it by hand.
#[derive(Deserialize)]
struct ReadBody {
    code: u32,
}

/// A client reading an answer by hand: a 2xx is the data, anything else an error body whose
/// code is matched to the table; `None` for a body it cannot read.
pub fn hand_read(status: u16, body: &[u8]) -> Option<Result<(), hand::Sms>> {
    if (200..300).contains(&status) {
        return Some(Ok(()));
    }
    let read: ReadBody = serde_json::from_slice(body).ok()?;
    Some(Err(hand::Sms::from(read.code)))
}

/// A client reading an answer through apicode's reader of the table's wire.
pub fn apicode_read(status: u16, body: &[u8]) -> Option<Result<(), apicode::Sms>> {
    ::apicode::client::Reader::of::<apicode::Sms>()
        .read::<(), apicode::Sms>(status, Some("application/json"), body)
        .ok()
}

/// The bytes of a response whose body is in memory, as the integrations write them.
pub fn body_bytes(response: Response) -> Vec<u8> {
    use http_body::Body as _;

    let mut body = std::pin::pin!(response.into_body());
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    let mut bytes = Vec::new();
    while let std::task::Poll::Ready(Some(Ok(frame))) = body.as_mut().poll_frame(&mut context) {
        if let Ok(data) = frame.into_data() {
            bytes.extend_from_slice(&data);
        }
    }
    bytes
}

//! The JSON-RPC side: a table's error as a jsonrpsee `ErrorObjectOwned` and as an MCP
//! `ErrorData` (rmcp), the JSON a client receives, and both read back into the table.

use apicode::jsonrpc::{
    CodeOutOfRange, DataMember, FromErrorData as _, FromErrorObject as _, ReadError,
};
use apicode::{ApiError, CodeTable};
use apicode_sms::SmsError;
use jsonrpsee_types::ErrorObjectOwned;
use rmcp::model::ErrorData;
use serde_json::{Value, json};

/// The JSON a client receives for `object`, `data` parsed.
fn object_json(object: &ErrorObjectOwned) -> Value {
    serde_json::to_value(object).unwrap()
}

fn data_json(data: &ErrorData) -> Value {
    serde_json::to_value(data).unwrap()
}

/// A table of `u32` codes with what the SMS table lacks: `#[error]` formats, a source, a
/// variant that cannot be built from its code alone, and no catch-all.
#[derive(Debug, ApiError)]
#[api_error(status = 400)]
enum StoreError {
    /// Not enough stock
    #[code(1001, "OutOfStock", status = 409)]
    #[error("only {left} left")]
    OutOfStock { left: u32 },
    /// The store is unavailable
    #[code(1002, "Storage", status = 503)]
    #[error("cannot read the stock: {0}")]
    Storage(#[source] std::io::Error),
    /// The request is malformed
    #[code(1003, "BadRequest")]
    BadRequest,
}

fn disk_full() -> StoreError {
    StoreError::Storage(std::io::Error::other("/var/lib/store/stock.db: disk full"))
}

/// The `data` member of a declared code, as its entry says: the message and status, and its
/// guidance where it has any.
fn data_of<C: std::fmt::Display>(entry: &apicode::Entry<C>) -> Value {
    let mut data = json!({"message": entry.message, "status": entry.status});
    let retry = entry.retry_policy();
    if retry.is_retryable() {
        data["retryable"] = json!(true);
    }
    if let Some(seconds) = retry.retry_after_secs() {
        data["retry_after"] = json!(seconds);
    }
    if let Some(template) = entry.help {
        data["help"] = json!(template.replace("{code}", &entry.code.to_string()));
    }
    data
}

#[test]
fn sms_guidance_reaches_the_data_member() {
    let object = ErrorObjectOwned::try_from(SmsError::LimitExceed).unwrap();
    assert_eq!(
        object_json(&object)["data"],
        json!({"message": "LimitExceed", "status": 429, "retryable": true,
               "retry_after": 60, "help": "/errors/105300"})
    );
    let data = ErrorData::try_from(SmsError::NoUpstreamConfigured).unwrap();
    // A 503 that only configuration fixes: the table says not to retry.
    assert_eq!(
        data_json(&data)["data"],
        json!({"message": "NoUpstreamConfigured", "status": 503, "help": "/errors/101301"})
    );
    let guidance = apicode::jsonrpc::guidance::<SmsError>(&object);
    assert_eq!(guidance.retry, apicode::guidance::Retry::after_secs(60));
    assert_eq!(guidance.help.as_deref(), Some("/errors/105300"));
    let guidance = apicode::jsonrpc::data_guidance::<SmsError>(&data);
    assert_eq!(guidance.retry, apicode::guidance::Retry::No);
    // An object from another server, without data: its code in the table says.
    let plain = ErrorObjectOwned::owned(105_300, "slow down", None::<()>);
    assert_eq!(
        apicode::jsonrpc::guidance::<SmsError>(&plain).retry,
        apicode::guidance::Retry::after_secs(60)
    );
}

#[test]
fn every_sms_code_converts_into_an_error_object_and_back() {
    for entry in SmsError::ENTRIES {
        let error = SmsError::from(entry.code);
        let expected_message = if entry.status < 500 {
            error.to_string()
        } else {
            entry.detail.to_owned()
        };
        let expected = json!({
            "code": entry.code,
            "message": expected_message,
            "data": data_of(entry),
        });

        let object = ErrorObjectOwned::try_from(error).unwrap();
        assert_eq!(object_json(&object), expected, "{}", entry.message);
        assert_eq!(SmsError::from_error_object(&object), Ok(error));

        let data = ErrorData::try_from(error).unwrap();
        assert_eq!(data_json(&data), expected, "{}", entry.message);
        assert_eq!(SmsError::from_error_data(&data), Ok(error));
    }
}

#[test]
fn sms_catch_all_round_trips_and_hides_nothing_it_should_not() {
    let error = SmsError::Unknown(199_999);
    let object = ErrorObjectOwned::try_from(error).unwrap();
    assert_eq!(
        object_json(&object),
        json!({
            "code": 199_999,
            // The catch-all is declared `status = 500`: its detail, not its Display.
            "message": "An error code outside this table",
            "data": {"message": "Unknown", "status": 500},
        })
    );
    assert_eq!(SmsError::from_error_object(&object), Ok(error));
    let data = ErrorData::try_from(error).unwrap();
    assert_eq!(SmsError::from_error_data(&data), Ok(error));
}

#[test]
fn a_u32_code_beyond_i32_is_refused_not_truncated() {
    let error = SmsError::Unknown(3_000_000_000);
    let refused = ErrorObjectOwned::try_from(error).unwrap_err();
    assert_eq!(refused.code(), 3_000_000_000);
    assert_eq!(refused.table(), "SmsError");
    assert_eq!(
        refused.to_string(),
        "SmsError code 3000000000 does not fit in a JSON-RPC code (i32)"
    );
    assert_eq!(ErrorData::try_from(error).unwrap_err(), refused);

    // The largest code JSON-RPC carries still converts.
    let edge = SmsError::Unknown(i32::MAX.unsigned_abs());
    assert_eq!(ErrorObjectOwned::try_from(edge).unwrap().code(), i32::MAX);
    let refused: CodeOutOfRange = ErrorData::try_from(SmsError::Unknown(1 << 31)).unwrap_err();
    assert_eq!(refused.code(), 1 << 31);
}

#[test]
fn a_negative_code_is_out_of_range_for_a_u32_table_even_with_a_catch_all() {
    // jsonrpsee's own answer to a method it does not know.
    let object = ErrorObjectOwned::from(jsonrpsee_types::ErrorCode::MethodNotFound);
    let error = SmsError::from_error_object(&object).unwrap_err();
    assert_eq!(
        error,
        ReadError::OutOfRange {
            table: "SmsError",
            code: -32601,
            code_type: "u32",
        }
    );
    assert_eq!(
        error.to_string(),
        "the JSON-RPC error code -32601 does not fit in SmsError's code type (u32)"
    );
    let data = ErrorData::invalid_params("missing argument `to`", None);
    assert!(matches!(
        SmsError::from_error_data(&data),
        Err(ReadError::OutOfRange { code: -32602, .. })
    ));
}

#[test]
fn a_server_fault_never_shows_its_source() {
    let object = ErrorObjectOwned::try_from(disk_full()).unwrap();
    assert_eq!(
        object_json(&object),
        json!({
            "code": 1002,
            "message": "The store is unavailable",
            // A 503 is worth retrying, as HTTP says.
            "data": {"message": "Storage", "status": 503, "retryable": true},
        })
    );
    let text = serde_json::to_string(&object).unwrap();
    assert!(!text.contains("disk full"), "{text}");
    assert!(!text.contains("/var/lib"), "{text}");

    let data = ErrorData::try_from(disk_full()).unwrap();
    assert_eq!(data.message, "The store is unavailable");
    let text = serde_json::to_string(&data).unwrap();
    assert!(!text.contains("disk full"), "{text}");
}

#[test]
fn a_client_error_says_what_its_display_says() {
    let object = ErrorObjectOwned::try_from(StoreError::OutOfStock { left: 2 }).unwrap();
    assert_eq!(object.message(), "only 2 left");
    assert_eq!(
        object.data().unwrap().get(),
        r#"{"message":"OutOfStock","status":409}"#
    );
    let data = ErrorData::try_from(StoreError::BadRequest).unwrap();
    assert_eq!(data.message, "The request is malformed");
    assert_eq!(
        data.data,
        Some(json!({"message": "BadRequest", "status": 400}))
    );
    assert_eq!(
        DataMember::of(&StoreError::BadRequest),
        DataMember {
            message: "BadRequest",
            status: 400,
            retry: apicode::guidance::Retry::No,
            help: None,
        }
    );
}

#[test]
fn unknown_codes_without_a_catch_all_are_errors_naming_table_and_code() {
    let object = ErrorObjectOwned::owned(7, "seven", None::<()>);
    let error = StoreError::from_error_object(&object).unwrap_err();
    assert_eq!(
        error,
        ReadError::Unknown {
            table: "StoreError",
            code: 7,
        }
    );
    assert_eq!(
        error.to_string(),
        "unknown StoreError code 7 in a JSON-RPC error"
    );
    assert!(matches!(
        StoreError::from_error_data(&ErrorData::new(rmcp::model::ErrorCode(7), "seven", None)),
        Err(ReadError::Unknown { code: 7, .. })
    ));

    // A declared code whose variant holds an io::Error cannot be rebuilt from the code alone.
    let object = ErrorObjectOwned::try_from(disk_full()).unwrap();
    assert!(matches!(
        StoreError::from_error_object(&object),
        Err(ReadError::Unknown { code: 1002, .. })
    ));
    // A variant whose fields have defaults is rebuilt with them; the message is not read.
    let object = ErrorObjectOwned::owned(1001, "only 2 left", None::<()>);
    assert!(matches!(
        StoreError::from_error_object(&object),
        Ok(StoreError::OutOfStock { left: 0 })
    ));
}

#[test]
fn error_objects_read_from_the_wire_convert_back() {
    let wire = r#"{"code":107111,"message":"Invalid phone number","data":{"message":"InvalidPhoneNumbers","status":400}}"#;
    let object: ErrorObjectOwned = serde_json::from_str(wire).unwrap();
    assert_eq!(
        SmsError::from_error_object(&object),
        Ok(SmsError::InvalidPhoneNumbers)
    );
    let data: ErrorData = serde_json::from_str(wire).unwrap();
    assert_eq!(
        SmsError::from_error_data(&data),
        Ok(SmsError::InvalidPhoneNumbers)
    );
    // Without `data` (another implementation, a proxy): the code alone decides.
    let bare: ErrorData = serde_json::from_str(r#"{"code":105300,"message":"slow down"}"#).unwrap();
    assert_eq!(SmsError::from_error_data(&bare), Ok(SmsError::LimitExceed));
    let bare: ErrorObjectOwned = serde_json::from_str(r#"{"code":424242,"message":"?"}"#).unwrap();
    assert_eq!(
        SmsError::from_error_object(&bare),
        Ok(SmsError::Unknown(424_242))
    );
}

/// A JSON-RPC service's table: the specification's five codes, two server codes of
/// `-32099..=-32000`, and a catch-all for the codes of other servers.
#[derive(Debug, Clone, PartialEq, ApiError)]
#[api_error(code = i32, status = 400)]
enum RpcError {
    /// Invalid JSON was received by the server
    #[code(-32700, "ParseError")]
    ParseError,
    /// The JSON sent is not a valid request object
    #[code(-32600, "InvalidRequest")]
    InvalidRequest,
    /// The method does not exist
    #[code(-32601, "MethodNotFound", status = 404)]
    MethodNotFound,
    /// Invalid method parameters
    #[code(-32602, "InvalidParams")]
    #[error("invalid parameter `{name}`")]
    InvalidParams { name: String },
    /// Internal JSON-RPC error
    #[code(-32603, "InternalError", status = 500)]
    InternalError,
    /// The service is busy; try again later
    #[code(-32001, "Busy", status = 503)]
    Busy,
    /// The account has no credit left
    #[code(-32099, "NoCredit", status = 402)]
    NoCredit,
    /// A code this table does not know
    #[code(other, status = 500)]
    Unknown(i32),
}

/// The JSON-RPC table's conversion is `From`, not `TryFrom`: it compiles only if so.
fn infallible<E>(error: E) -> (ErrorObjectOwned, ErrorData)
where
    E: Clone,
    ErrorObjectOwned: From<E>,
    ErrorData: From<E>,
{
    (
        ErrorObjectOwned::from(error.clone()),
        ErrorData::from(error),
    )
}

#[test]
fn every_jsonrpc_code_converts_with_from_and_back() {
    let mut codes: Vec<i32> = RpcError::ENTRIES.iter().map(|entry| entry.code).collect();
    codes.extend([-32050, -32000, 0, 7, i32::MIN, i32::MAX]);
    for code in codes {
        let error = RpcError::from(code);
        let entry = RpcError::entry(code);
        let (object, data) = infallible(error.clone());
        let expected = json!({
            "code": code,
            "message": if error.http_status() < 500 { error.to_string() } else { error.detail().to_owned() },
            "data": match entry {
                Some(entry) => data_of(entry),
                None => json!({"message": "Unknown", "status": error.http_status()}),
            },
        });
        assert_eq!(object_json(&object), expected, "{code}");
        assert_eq!(data_json(&data), expected, "{code}");
        assert_eq!(
            RpcError::from_error_object(&object),
            Ok(error.clone()),
            "{code}"
        );
        assert_eq!(RpcError::from_error_data(&data), Ok(error), "{code}");
    }
}

#[test]
fn jsonrpc_errors_as_a_client_receives_them() {
    let (object, data) = infallible(RpcError::MethodNotFound);
    let expected = r#"{"code":-32601,"message":"The method does not exist","data":{"message":"MethodNotFound","status":404}}"#;
    assert_eq!(serde_json::to_string(&object).unwrap(), expected);
    assert_eq!(serde_json::to_string(&data).unwrap(), expected);

    let (object, _) = infallible(RpcError::InvalidParams { name: "to".into() });
    assert_eq!(
        object_json(&object),
        json!({"code": -32602, "message": "invalid parameter `to`", "data": {"message": "InvalidParams", "status": 400}})
    );
    // A server fault says the table's sentence, never the catch-all's Display with its code.
    let (object, _) = infallible(RpcError::Unknown(-32050));
    assert_eq!(object.message(), "A code this table does not know");
}

#[test]
fn framework_errors_read_back_by_their_code() {
    use jsonrpsee_types::ErrorCode;

    for (code, expected) in [
        (ErrorCode::ParseError, RpcError::ParseError),
        (ErrorCode::InvalidRequest, RpcError::InvalidRequest),
        (ErrorCode::MethodNotFound, RpcError::MethodNotFound),
        (ErrorCode::InternalError, RpcError::InternalError),
        (ErrorCode::ServerError(-32050), RpcError::Unknown(-32050)),
    ] {
        let object = ErrorObjectOwned::from(code);
        assert!(object.data().is_none());
        assert_eq!(RpcError::from_error_object(&object), Ok(expected));
    }
    // Built from a code alone, a variant with fields gets their defaults.
    let object = ErrorObjectOwned::from(ErrorCode::InvalidParams);
    assert_eq!(
        RpcError::from_error_object(&object),
        Ok(RpcError::InvalidParams {
            name: String::new()
        })
    );
    let data = ErrorData::internal_error("boom", None);
    assert_eq!(
        RpcError::from_error_data(&data),
        Ok(RpcError::InternalError)
    );
    let data = ErrorData::resource_not_found("no such resource", None);
    assert_eq!(
        RpcError::from_error_data(&data),
        Ok(RpcError::Unknown(-32002))
    );
}

/// Small code types: every code fits in JSON-RPC's `i32`, so `From`; reading back, a JSON-RPC
/// code may not fit in theirs.
#[derive(Debug, Clone, PartialEq, ApiError)]
#[api_error(code = u8, status = 400)]
enum ByteError {
    /// Too short
    #[code(1, "TooShort")]
    TooShort,
    /// Too long
    #[code(255, "TooLong")]
    TooLong,
    #[code(other)]
    Unknown(u8),
}

#[derive(Debug, Clone, PartialEq, ApiError)]
#[api_error(code = u16)]
enum PortError {
    /// The port is taken
    #[code(65535, "PortTaken", status = 409)]
    PortTaken,
}

#[derive(Debug, Clone, PartialEq, ApiError)]
#[api_error(code = i16)]
enum ShortError {
    /// Negative
    #[code(-32768, "Lowest", status = 400)]
    Lowest,
}

#[test]
fn narrow_code_types_convert_with_from() {
    let (object, data) = infallible(ByteError::TooLong);
    assert_eq!(object.code(), 255);
    assert_eq!(ByteError::from_error_data(&data), Ok(ByteError::TooLong));
    let (object, _) = infallible(PortError::PortTaken);
    assert_eq!(object.code(), 65535);
    assert_eq!(
        PortError::from_error_object(&object),
        Ok(PortError::PortTaken)
    );
    let (object, _) = infallible(ShortError::Lowest);
    assert_eq!(object.code(), -32768);
    assert_eq!(
        ShortError::from_error_object(&object),
        Ok(ShortError::Lowest)
    );
}

#[test]
fn a_code_that_does_not_fit_a_narrow_table_is_an_error_even_with_a_catch_all() {
    let object = ErrorObjectOwned::owned(300, "too big for a byte", None::<()>);
    let error = ByteError::from_error_object(&object).unwrap_err();
    assert_eq!(
        error,
        ReadError::OutOfRange {
            table: "ByteError",
            code: 300,
            code_type: "u8",
        }
    );
    assert_eq!(
        error.to_string(),
        "the JSON-RPC error code 300 does not fit in ByteError's code type (u8)"
    );
    assert!(matches!(
        ByteError::from_error_data(&ErrorData::invalid_params("bad", None)),
        Err(ReadError::OutOfRange {
            code: -32602,
            code_type: "u8",
            ..
        })
    ));
    assert_eq!(
        ByteError::from_error_object(&ErrorObjectOwned::owned(42, "?", None::<()>)),
        Ok(ByteError::Unknown(42))
    );
    for code in [-1, 65536] {
        let object = ErrorObjectOwned::owned(code, "?", None::<()>);
        assert_eq!(
            PortError::from_error_object(&object),
            Err(ReadError::OutOfRange {
                table: "PortError",
                code,
                code_type: "u16",
            })
        );
    }
    let object = ErrorObjectOwned::owned(65534, "?", None::<()>);
    assert_eq!(
        PortError::from_error_object(&object),
        Err(ReadError::Unknown {
            table: "PortError",
            code: 65534,
        })
    );
    assert!(matches!(
        ShortError::from_error_object(&ErrorObjectOwned::owned(-32769, "?", None::<()>)),
        Err(ReadError::OutOfRange {
            code_type: "i16",
            ..
        })
    ));
}

/// A table of `i64` codes: `TryFrom`, refusing codes outside `i32` on either side.
#[derive(Debug, Clone, PartialEq, ApiError)]
#[api_error(code = i64, status = 400)]
enum LedgerError {
    /// The account is closed
    #[code(-5, "Closed")]
    Closed,
    /// The amount is too large
    #[code(1099511627776, "TooLarge")]
    TooLarge,
    /// The balance is too low
    #[code(-1099511627776, "TooLow")]
    TooLow,
}

#[test]
fn wide_signed_codes_convert_with_try_from() {
    let object = ErrorObjectOwned::try_from(LedgerError::Closed).unwrap();
    assert_eq!(object.code(), -5);
    assert_eq!(
        LedgerError::from_error_object(&object),
        Ok(LedgerError::Closed)
    );
    for error in [LedgerError::TooLarge, LedgerError::TooLow] {
        let code = error.code();
        let refused = ErrorData::try_from(error.clone()).unwrap_err();
        assert_eq!(refused.code(), i128::from(code));
        assert_eq!(refused.table(), "LedgerError");
        assert_eq!(ErrorObjectOwned::try_from(error).unwrap_err(), refused);
    }
    assert_eq!(
        LedgerError::from_error_object(&ErrorObjectOwned::owned(-6, "?", None::<()>)),
        Err(ReadError::Unknown {
            table: "LedgerError",
            code: -6,
        })
    );
}

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
            "data": {"message": entry.message, "status": entry.status},
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
            "data": {"message": "Storage", "status": 503},
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

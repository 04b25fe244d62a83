//! The gRPC side of a table: the canonical status code of each error, and the
//! `google.rpc.ErrorInfo` reason its message becomes.
//!
//! Every [`ApiError`](crate::ApiError) has a [`GrpcCode`]
//! ([`grpc_code`](crate::ApiError::grpc_code)): by default the one that
//! [`GrpcCode::from_http_status`] gives for its HTTP status, following the mapping that
//! `google/rpc/code.proto` documents. Every [`CodeTable`](crate::CodeTable) has a
//! [`DOMAIN`](crate::CodeTable::DOMAIN), the `google.rpc.ErrorInfo` domain its codes belong to.
//! The derive's `grpc = "..."` keys (on a `#[code]` or on `#[api_error]`) and
//! `#[api_error(domain = "...")]` override both.
//!
//! This part needs nothing beyond `core`. With the `tonic` feature, every derived table also
//! converts into a `tonic::Status` and back: see the `tonic` section of this module
//! (`StatusError`, `status`, `from_status`).
//!
//! ```
//! use apicode::ApiError;
//! use apicode::grpc::GrpcCode;
//!
//! #[derive(Debug, ApiError)]
//! #[api_error(status = 400)]
//! enum SmsError {
//!     /// Invalid signature timestamp
//!     #[code(104202, "InvalidSignatureTimestamp", status = 401)]
//!     InvalidSignatureTimestamp,
//!     /// Sending rate limit is exceeded
//!     #[code(105300, "LimitExceed", status = 429)]
//!     LimitExceed,
//! }
//!
//! assert_eq!(SmsError::InvalidSignatureTimestamp.grpc_code(), GrpcCode::Unauthenticated);
//! assert_eq!(SmsError::LimitExceed.grpc_code(), GrpcCode::ResourceExhausted);
//! assert_eq!(
//!     apicode::grpc::reason("InvalidSignatureTimestamp").unwrap().as_str(),
//!     "INVALID_SIGNATURE_TIMESTAMP",
//! );
//! ```

pub use crate::grpc_code::{GrpcCode, UnknownGrpcCode};

pub use crate::reason::{REASON_MAX_LEN, Reason, ReasonError, reason};

mod tonic;

#[cfg(all(feature = "tonic", feature = "fluent"))]
pub(crate) use self::tonic::status_with as tonic_status_with;
#[cfg(feature = "tonic")]
#[cfg_attr(docsrs, doc(cfg(feature = "tonic")))]
pub use self::tonic::{FromStatus, StatusError, from_status, guidance, status};

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;

    fn converted(message: &str) -> Result<&'static str, ReasonError> {
        reason(message).map(|reason| &*std::string::String::from(reason.as_str()).leak())
    }

    #[test]
    fn reasons_of_table_messages() {
        assert_eq!(
            converted("InvalidSignatureTimestamp"),
            Ok("INVALID_SIGNATURE_TIMESTAMP")
        );
        assert_eq!(converted("MissingAccessKeyId"), Ok("MISSING_ACCESS_KEY_ID"));
        assert_eq!(
            converted("InvaildSmsTemplateData"),
            Ok("INVAILD_SMS_TEMPLATE_DATA")
        );
        assert_eq!(converted("Ok"), Ok("OK"));
        assert_eq!(converted("IPRestricted"), Ok("IP_RESTRICTED"));
        assert_eq!(converted("already_snake"), Ok("ALREADY_SNAKE"));
        assert_eq!(converted("UPPER_SNAKE"), Ok("UPPER_SNAKE"));
        assert_eq!(converted("__Padded__ Name__"), Ok("PADDED_NAME"));
        assert_eq!(converted("v2Api"), Ok("V2_API"));
    }

    #[test]
    fn messages_without_reason_form() {
        assert_eq!(converted("Ümlaut").unwrap_err(), ReasonError::Character);
        assert_eq!(converted("a/b").unwrap_err(), ReasonError::Character);
        assert_eq!(converted("9Lives").unwrap_err(), ReasonError::Start);
        assert_eq!(converted("_9").unwrap_err(), ReasonError::Start);
        assert_eq!(converted("X").unwrap_err(), ReasonError::TooShort);
        assert_eq!(converted("--").unwrap_err(), ReasonError::TooShort);
        assert_eq!(converted(&"a".repeat(63)).map(str::len), Ok(63));
        assert_eq!(
            converted(&"a".repeat(64)).unwrap_err(),
            ReasonError::TooLong
        );
        // The underscore counts towards the limit.
        let long = std::format!("{}B", "a".repeat(62));
        assert_eq!(converted(&long).unwrap_err(), ReasonError::TooLong);
    }

    #[test]
    fn every_reason_matches_error_info_pattern() {
        let samples = ["Ok", "HTTPError", "a_b-c.d e", "ABC123def", "x1", "Z9"];
        for sample in samples {
            let reason = converted(sample).unwrap();
            let bytes = reason.as_bytes();
            assert!(bytes[0].is_ascii_uppercase(), "{reason}");
            assert!(bytes[bytes.len() - 1] != b'_', "{reason}");
            assert!(
                bytes
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_'),
                "{reason}"
            );
        }
    }

    #[test]
    fn check_reasons_names_table_and_message() {
        let entries = [
            crate::Entry::new(1_u32, "Fine", "Fine", 400),
            crate::Entry::new(2, "Not/Fine", "Not fine", 400),
        ];
        assert_eq!(
            crate::compose::u32::check_reasons("StoreError", &entries[..1]).problem(),
            None
        );
        assert_eq!(
            crate::compose::u32::check_reasons("StoreError", &entries).problem(),
            Some(
                "the message \"Not/Fine\" of code 2 in StoreError has no google.rpc.ErrorInfo \
                 reason form: it holds a character other than an ASCII letter, digit, `_`, `-`, \
                 `.` or space; a table with a `domain` or `grpc` key needs one for every message"
            )
        );
    }
}

//! The errors of a service that sends messages through the Unimatrix SMS API: its own codes in
//! its own range, entries reused from the shared [`SmsError`] table, and the whole SMS table
//! delegated for everything the upstream API answers.
//!
//! ```
//! use apicode::{ApiError, CodeTable};
//! use apicode_sender::SendError;
//! use apicode_sms::SmsError;
//!
//! // A reused entry: the SMS table's code, message, status and detail, with the service's own
//! // field and Display.
//! let error = SendError::InvalidPhoneNumber { number: "12345".into() };
//! assert_eq!((error.code(), error.message()), (107111, "InvalidPhoneNumbers"));
//! assert_eq!(error.to_string(), "invalid phone number: 12345");
//!
//! // A delegated table: every SMS code converts, `?` turns an SmsError into a SendError.
//! let error = SendError::try_from(104202).unwrap();
//! assert_eq!(error, SendError::Upstream(SmsError::InvalidSignatureTimestamp));
//! assert_eq!(error.http_status(), 401);
//!
//! // One flattened table: the service's codes and the SMS codes, each once.
//! assert_eq!(SendError::ENTRIES.len(), 2 + 25);
//! ```
#![forbid(unsafe_code)]

use apicode::ApiError;
use apicode_sms::SmsError;

/// An error of the sending service.
#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(status = 400, serde = "string", range = 200_000..=200_999)]
pub enum SendError {
    /// The recipient asked not to receive messages
    #[code(200_001, "RecipientSuppressed", status = 422)]
    #[error("{to} asked not to receive messages")]
    RecipientSuppressed {
        /// The suppressed recipient.
        to: String,
    },
    /// The message is longer than the service sends
    #[code(200_002, "MessageTooLong", status = 413)]
    MessageTooLong,
    /// The SMS table's `InvalidPhoneNumbers`, with the number that failed.
    #[code(SmsError::InvalidPhoneNumbers)]
    #[error("invalid phone number: {number}")]
    InvalidPhoneNumber {
        /// The number as the caller gave it.
        number: String,
    },
    /// Everything else the upstream SMS API answers.
    #[code(transparent)]
    Upstream(SmsError),
}

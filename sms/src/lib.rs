//! The Unimatrix SMS API's error codes: the reference table of apicode.
//!
//! [`SmsError`] declares the 25 codes of `data/sms-codes.tsv` (code, message, HTTP status,
//! description), and keeps codes outside the table in [`SmsError::Unknown`]. The API writes the
//! code as a JSON string (`{"code": "104202", "message": "InvalidSignatureTimestamp"}`), hence
//! `serde = "string"`. The table reserves the codes `0..=199999` (`range`), so that tables
//! nesting it cannot declare a code of their own in its space.
//!
//! Its guidance: each code's help link is `/errors/{code}` on the API's own host (the
//! repository's gateway serves the code's entry there), and the retry policy follows HTTP
//! (429 and 503 are worth retrying) with three declared exceptions: `LimitExceed` after 60
//! seconds (the limits are per minute), `NoUpstreamAvailable` worth retrying (the channels
//! failed this time), and `NoUpstreamConfigured` not (a 503 that only configuration fixes).
//!
//! Its text in Simplified Chinese is `locales/zh-CN.ftl` (translated in this repository from
//! the English descriptions below, not the API's official wording), checked against the table
//! when it compiles. Error bodies carry the text in a `detail` member beside the code and the
//! message (`wire(detail = "detail")`), in the request's language where a server answers
//! through `apicode::locale`; the code and the message never change with it.
//!
//! ```
//! use apicode::ApiError;
//! use apicode_sms::SmsError;
//!
//! let error: SmsError = serde_json::from_str(r#""104202""#).unwrap();
//! assert_eq!(error, SmsError::InvalidSignatureTimestamp);
//! assert_eq!(error.http_status(), 401);
//! assert_eq!(serde_json::to_string(&error).unwrap(), r#""104202""#);
//! ```
#![forbid(unsafe_code)]

use apicode::ApiError;

/// An error code of the Unimatrix SMS API.
// The variants' docs are the API's descriptions verbatim: they become `detail()`.
#[allow(clippy::doc_markdown)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiError)]
#[api_error(
    status = 400,
    serde = "string",
    range = 0..=199_999,
    domain = "api.unimtx.com",
    help = "/errors/{code}",
    locales("zh-CN"),
    wire(detail = "detail")
)]
pub enum SmsError {
    /// Request succeeded
    #[code(0, "Ok", status = 200)]
    Ok,
    /// Internal error
    #[code(101000, "Internal", status = 500)]
    Internal,
    /// No valid upstream channels are set
    #[code(101301, "NoUpstreamConfigured", status = 503, retry = false)]
    NoUpstreamConfigured,
    /// All upstream channels failed, indicating that there is no upstream available for the request
    #[code(101303, "NoUpstreamAvailable", status = 503, retry = true)]
    NoUpstreamAvailable,
    /// Missing parameters
    #[code(104001, "MissingParams")]
    MissingParams,
    /// Invalid parameters
    #[code(104002, "InvalidParams")]
    InvalidParams,
    /// Restricted parameters
    #[code(104003, "RestrictedParams", status = 403)]
    RestrictedParams,
    /// Missing AccessKeyId
    #[code(104110, "MissingAccessKeyId", status = 401)]
    MissingAccessKeyId,
    /// Invalid AccessKeyId
    #[code(104111, "InvalidAccessKeyId", status = 401)]
    InvalidAccessKeyId,
    /// Missing signature. Please pass in the request signature, or change the authentication method
    /// from HMAC mode to simple mode
    #[code(104200, "MissingSignature", status = 401)]
    MissingSignature,
    /// Invalid signature. Please refer to API General Reference for generating request signatures
    #[code(104201, "InvalidSignature", status = 401)]
    InvalidSignature,
    /// Invalid signature timestamp. Please check that the value passed in is a valid Unix
    /// timestamp, accepting a 10 minute difference from the server time
    #[code(104202, "InvalidSignatureTimestamp", status = 401)]
    InvalidSignatureTimestamp,
    /// Unauthorized
    #[code(105001, "Unauthorized", status = 403)]
    Unauthorized,
    /// Requesting IP is restricted. Please check if IP Restriction extension is enabled, and make
    /// sure that the requesting server IP matches the configuration
    #[code(105100, "IpRestricted", status = 403)]
    IpRestricted,
    /// Sending rate limit is exceeded. Please check if the SMS rate limiting extension is enabled,
    /// and adjust the limit thresholds if necessary
    #[code(105300, "LimitExceed", status = 429, retry_after = 60)]
    LimitExceed,
    /// Insufficient account balance
    #[code(105400, "InsufficientFunds", status = 402)]
    InsufficientFunds,
    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers")]
    InvalidPhoneNumbers,
    /// Missing SMS signature
    #[code(107120, "MissingSmsSignature")]
    MissingSmsSignature,
    /// SMS signature does not exist, please visit the console to add one
    #[code(107121, "SmsSignatureNotExists", status = 404)]
    SmsSignatureNotExists,
    /// Invalid SMS signature, indicates that the signature has not been reviewed or is in the
    /// process of being reviewed
    #[code(107122, "InvalidSmsSignature")]
    InvalidSmsSignature,
    /// Restricted SMS signature, please contact your account manager to find out if there are
    /// negotiation restrictions
    #[code(107123, "RestrictedSmsSignature", status = 403)]
    RestrictedSmsSignature,
    /// SMS template does not exist, please visit the console to add one. If you are using a
    /// no-audit template that starts with pub_, please check if the template code is correct
    #[code(107141, "SmsTemplateNotExists", status = 404)]
    SmsTemplateNotExists,
    /// Missing necessary SMS template data parameters
    #[code(107143, "MissingSmsTemplateData")]
    MissingSmsTemplateData,
    /// Invalid SMS template data parameters
    #[code(107144, "InvaildSmsTemplateData")]
    InvaildSmsTemplateData,
    /// Restricted SMS template, please contact your account manager to find out if there are
    /// negotiation restrictions
    #[code(107145, "RestrictedSmsTemplate", status = 403)]
    RestrictedSmsTemplate,
    /// An error code outside this table
    #[code(other, status = 500)]
    Unknown(u32),
}

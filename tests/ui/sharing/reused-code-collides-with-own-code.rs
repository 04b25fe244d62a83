use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    /// The number is not valid
    #[code(107111, "BadNumber")]
    BadNumber,
    #[code(SmsError::InvalidPhoneNumbers)]
    InvalidPhoneNumber { number: String },
}

fn main() {}

use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(SmsError::InvalidPhoneNumber)]
    BadNumber,
}

fn main() {}

use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(SmsError::LimitExceed)]
    TooFast,
    #[code(SmsError::LimitExceed)]
    SlowDown,
}

fn main() {}

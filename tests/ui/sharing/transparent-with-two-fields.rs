use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(transparent)]
    Sms(SmsError, String),
}

fn main() {}

use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(transparent)]
    Primary(SmsError),
    #[code(transparent)]
    Fallback(SmsError),
}

fn main() {}

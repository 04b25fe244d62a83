use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    /// The service's own meaning of 104202
    #[code(104202, "StaleRequest")]
    StaleRequest,
    #[code(transparent)]
    Sms(SmsError),
}

fn main() {}

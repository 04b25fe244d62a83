use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    /// Our own timestamp check failed
    #[code(500001, "InvalidSignatureTimestamp")]
    Stale,
    #[code(transparent)]
    Sms(SmsError),
}

fn main() {}

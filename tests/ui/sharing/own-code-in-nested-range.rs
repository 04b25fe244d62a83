use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
enum ServiceError {
    /// Not an SMS code, but in the space the SMS table reserves
    #[code(150000, "Squatter")]
    Squatter,
    #[code(transparent)]
    Sms(SmsError),
}

fn main() {}

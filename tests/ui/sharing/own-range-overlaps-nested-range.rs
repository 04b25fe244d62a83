use apicode::ApiError;
use apicode_sms::SmsError;

#[derive(Debug, ApiError)]
#[api_error(range = 150000..=250000)]
enum ServiceError {
    /// Ours
    #[code(200001, "Ours")]
    Ours,
    #[code(transparent)]
    Sms(SmsError),
}

fn main() {}

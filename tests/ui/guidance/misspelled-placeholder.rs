use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(help = "https://docs.example.com/errors/{cod}")]
pub enum SmsError {
    #[code(104202, "InvalidSignatureTimestamp", status = 401)]
    InvalidSignatureTimestamp,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104_000 + 202, "InvalidSignatureTimestamp", status = 401)]
    InvalidSignatureTimestamp,
    #[code((1 << 32) + 1, "TooLarge")]
    TooLarge,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104202, "InvalidSignatureTimestamp", status = 401, status = 403)]
    InvalidSignatureTimestamp,
}

fn main() {}

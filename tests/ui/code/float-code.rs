use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104.202, "InvalidSignatureTimestamp", status = 401)]
    InvalidSignatureTimestamp,
}

fn main() {}

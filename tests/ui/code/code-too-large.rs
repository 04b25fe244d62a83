use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104202, "InvalidSignatureTimestamp", status = 401)]
    InvalidSignatureTimestamp,
    #[code(4294967296, "Overflow")]
    Overflow,
}

fn main() {
    assert_eq!(SmsError::Overflow.code(), 0);
}

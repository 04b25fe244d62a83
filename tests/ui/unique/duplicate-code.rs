use apicode::{ApiError, CodeTable};

#[derive(Debug, ApiError)]
#[api_error(status = 401)]
pub enum AuthError {
    #[code(104200, "MissingSignature")]
    MissingSignature,
    #[code(104201, "InvalidSignature")]
    InvalidSignature,
    #[code(104201, "InvalidSignatureTimestamp")]
    InvalidSignatureTimestamp,
}

fn main() {
    assert!(AuthError::from_code(104201).is_some());
}

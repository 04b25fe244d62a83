use apicode::{ApiError, CodeTable};

#[derive(Debug, ApiError)]
pub enum AuthError {
    /// Missing AccessKeyId
    #[code(104110, "MissingAccessKeyId", status = 401)]
    MissingAccessKeyId,
}

#[derive(Debug, ApiError)]
pub enum SendError {
    #[code(transparent)]
    Auth(AuthError),
    #[code(104110, "InvalidPhoneNumbers")]
    InvalidPhoneNumbers,
}

fn main() {
    assert_eq!(SendError::ENTRIES.len(), 2);
}

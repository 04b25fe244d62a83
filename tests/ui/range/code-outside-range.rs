use apicode::{ApiError, CodeTable};

#[derive(Debug, ApiError)]
#[api_error(status = 401, range = 104000..=104999)]
pub enum AuthError {
    #[code(104110, "MissingAccessKeyId")]
    MissingAccessKeyId,
    #[code(104111, "InvalidAccessKeyId")]
    InvalidAccessKeyId,
    #[code(105001, "Unauthorized", status = 403)]
    Unauthorized,
}

fn main() {
    assert_eq!(AuthError::ENTRIES.len(), 3);
}

use apicode::ApiError;

#[derive(Debug)]
pub enum AuthError {
    MissingAccessKeyId,
}

#[derive(Debug, ApiError)]
pub enum SendError {
    #[code(AuthError::MissingAccessKeyId)]
    MissingAccessKeyId,
    #[code(107111, "InvalidPhoneNumbers")]
    InvalidPhoneNumbers,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum AuthError {
    #[code(104110, "MissingAccessKeyId", status = 401)]
    MissingAccessKeyId,
}

#[derive(Debug, ApiError)]
pub enum SendError {
    #[code(transparent, status = 400)]
    Auth(AuthError),
    #[code(107111, "InvalidPhoneNumbers")]
    InvalidPhoneNumbers,
}

fn main() {}

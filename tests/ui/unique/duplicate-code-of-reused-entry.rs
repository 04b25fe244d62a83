use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum AuthError {
    /// Missing AccessKeyId
    #[code(104110, "MissingAccessKeyId", status = 401)]
    MissingAccessKeyId,
}

#[derive(Debug, ApiError)]
pub enum SendError {
    #[code(AuthError::MissingAccessKeyId)]
    MissingAccessKeyId,
    #[code(104110, "MissingKey")]
    MissingKey,
}

fn main() {}

use apicode::ApiError;

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
    #[code(107110, "MissingAccessKeyId")]
    MissingKey,
}

fn main() {}

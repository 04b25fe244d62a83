use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 401)]
pub enum AuthError {
    #[code(104110, "MissingAccessKeyId")]
    MissingAccessKeyId,
    InvalidAccessKeyId,
    #[code(104200, "MissingSignature")]
    MissingSignature,
}

fn main() {
    let error = AuthError::InvalidAccessKeyId;
    assert_eq!(error.code(), 104111);
    println!("{error}");
}

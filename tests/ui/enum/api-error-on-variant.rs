use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[api_error(status = 401)]
    #[code(104110, "MissingAccessKeyId")]
    MissingAccessKeyId,
    #[code(104111, "InvalidAccessKeyId", status = 401)]
    InvalidAccessKeyId,
}

fn main() {
    assert_eq!(SmsError::MissingAccessKeyId.http_status(), 401);
}

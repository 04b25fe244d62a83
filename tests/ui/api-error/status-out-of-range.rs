use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 99)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {
    assert_eq!(SmsError::MissingParams.http_status(), 400);
}

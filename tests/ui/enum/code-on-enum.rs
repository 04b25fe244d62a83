use apicode::ApiError;

#[derive(Debug, ApiError)]
#[code(status = 400)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
    #[code(104002, "InvalidParams")]
    InvalidParams,
}

fn main() {
    assert_eq!(SmsError::MissingParams.http_status(), 400);
}

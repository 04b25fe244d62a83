use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
    #[code(104002)]
    InvalidParams,
}

fn main() {
    assert_eq!(SmsError::InvalidParams.code(), 104002);
}

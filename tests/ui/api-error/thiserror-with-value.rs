use apicode::ApiError;

#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(thiserror = true)]
pub enum SmsError {
    #[error("missing parameters")]
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {
    println!("{}", SmsError::MissingParams);
}

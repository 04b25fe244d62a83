use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
#[api_error(serde = "string")]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {}

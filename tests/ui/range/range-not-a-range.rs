use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(range = 5)]
pub enum SmsError {
    #[code(5, "MissingParams")]
    MissingParams,
}

fn main() {}

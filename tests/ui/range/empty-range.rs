use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(range = 9..=1)]
pub enum SmsError {
    #[code(5, "MissingParams")]
    MissingParams,
}

fn main() {}

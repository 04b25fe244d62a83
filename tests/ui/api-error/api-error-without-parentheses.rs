use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(stauts = 400)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(crate = ::apicode)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {}

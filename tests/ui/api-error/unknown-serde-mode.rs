use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, serde = "str")]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {}

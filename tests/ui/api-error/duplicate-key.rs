use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, serde = "string", status = 500)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {}

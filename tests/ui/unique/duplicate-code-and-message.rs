use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
    #[code(104001, "MissingParams")]
    MissingParameters,
}

fn main() {}

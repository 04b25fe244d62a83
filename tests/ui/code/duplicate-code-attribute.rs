use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    #[code(104002, "InvalidParams")]
    MissingParams,
}

fn main() {}

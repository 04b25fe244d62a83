use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400, rename_all = "camelCase")]
pub enum SmsError {
    #[code(104001, "MissingParams")]
    MissingParams,
}

fn main() {}

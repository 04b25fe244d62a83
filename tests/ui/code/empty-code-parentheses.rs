use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code()]
    MissingParams,
}

fn main() {}

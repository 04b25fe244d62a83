use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(105300, "LimitExceed", status = 429)]
    #[error(429)]
    LimitExceed,
}

fn main() {}

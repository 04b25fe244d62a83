use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    /// Rate limited
    #[code(105300, "LimitExceed", status = 429, retry = true, retry_after = 60)]
    LimitExceed,
}

fn main() {}

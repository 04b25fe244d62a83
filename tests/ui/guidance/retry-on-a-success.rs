use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(status = 400)]
pub enum SmsError {
    /// Success
    #[code(0, "Ok", status = 200, retry = true)]
    Ok,
    /// Rate limited
    #[code(105300, "LimitExceed", status = 429, retry_after = 60)]
    LimitExceed,
}

fn main() {}

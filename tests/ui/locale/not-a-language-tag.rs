use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(locales("zh_CN"))]
pub enum SmsError {
    /// Sending rate limit is exceeded
    #[code(105300, "LimitExceed", status = 429)]
    LimitExceed,
}

fn main() {}

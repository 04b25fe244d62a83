use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(locales("de"), locale_dir = "../../../../tests/ui/locale/ftl")]
pub enum SmsError {
    /// Sending rate limit is exceeded
    #[code(105300, "LimitExceed", status = 429)]
    LimitExceed,
}

fn main() {}

use apicode::ApiError;

// The files of a compile-fail case are read from the crate trybuild builds it in, under the
// target directory: the path climbs back to the repository.
#[derive(Debug, ApiError)]
#[api_error(locales("zh-CN"), locale_dir = "../../../../tests/ui/locale/ftl")]
pub enum SmsError {
    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers", status = 400)]
    #[error("invalid phone number: {number}")]
    InvalidPhoneNumbers { number: String },
    /// Sending rate limit is exceeded
    #[code(105300, "LimitExceed", status = 429)]
    LimitExceed,
}

fn main() {}

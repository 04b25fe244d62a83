use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    /// Rate limited
    #[code(105300, "LimitExceed", status = 429)]
    LimitExceed {
        #[retry_after]
        seconds: u64,
    },
}

fn main() {}

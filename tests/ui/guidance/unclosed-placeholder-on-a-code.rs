use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    /// Rate limited
    #[code(105300, "LimitExceed", status = 429, help = "https://docs.example.com/{code")]
    LimitExceed,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(105300, "LimitExceed", status = 4290)]
    LimitExceed,
}

fn main() {
    assert_eq!(SmsError::LimitExceed.http_status(), 429);
}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(serde = "string")]
pub enum SmsError {
    #[code(105300, "LimitExceed", status = 429)]
    LimitExceed,
    InsufficientFunds,
}

fn main() {
    let json = serde_json::to_string(&SmsError::LimitExceed).unwrap();
    let back: SmsError = serde_json::from_str(&json).unwrap();
    assert_eq!(u32::from(back), 105300);
    assert!(SmsError::try_from(7).is_err());
}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(0, "Ok", status = 200)]
    Ok,
    #[code(other)]
    Unknown(u32),
    #[code(other, status = 502)]
    Unexpected(u32),
}

fn main() {
    let error = SmsError::from(7);
    assert_eq!(error.code(), 7);
}

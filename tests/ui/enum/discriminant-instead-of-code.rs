use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(0, "Ok", status = 200)]
    Ok = 0,
    #[code(101000, "Internal", status = 500)]
    Internal = 5,
}

fn main() {
    assert_eq!(SmsError::Internal.code(), 101000);
}

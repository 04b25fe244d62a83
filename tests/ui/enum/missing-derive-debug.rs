use apicode::ApiError;

#[derive(ApiError)]
pub enum SmsError {
    /// Request succeeded
    #[code(0, "Ok", status = 200)]
    Ok,
    /// Internal error
    #[code(101000, "Internal", status = 500)]
    Internal,
}

fn main() {
    assert_eq!(SmsError::Internal.code(), 101000);
}

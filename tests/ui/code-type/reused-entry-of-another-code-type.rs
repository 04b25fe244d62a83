use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    /// Sending rate limit is exceeded
    #[code(105300, "LimitExceed", status = 429)]
    LimitExceed,
}

#[derive(Debug, ApiError)]
#[api_error(code = i32)]
pub enum RpcError {
    #[code(-32601, "MethodNotFound")]
    MethodNotFound,
    #[code(SmsError::LimitExceed)]
    LimitExceed,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = i32)]
pub enum RpcError {
    #[code(-32601, "MethodNotFound")]
    MethodNotFound,
    #[code(3000000000, "TooLarge")]
    TooLarge,
}

fn main() {
    assert_eq!(RpcError::MethodNotFound.code(), -32601);
}

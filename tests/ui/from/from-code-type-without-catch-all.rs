use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = i32)]
pub enum RpcError {
    #[code(-32603, "InternalError")]
    Internal(#[from] i32),
    #[code(-32601, "MethodNotFound")]
    MethodNotFound,
}

fn main() {
    let error = RpcError::try_from(-32601).expect("a declared code");
    assert_eq!(error.code(), -32601);
}

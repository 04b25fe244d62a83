use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = i32)]
pub enum RpcError {
    #[code(-32601, "MethodNotFound")]
    MethodNotFound,
    #[code(other)]
    Unknown(u32),
}

fn main() {
    let _ = RpcError::from(-1);
}

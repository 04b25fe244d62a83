use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = f32)]
pub enum RpcError {
    #[code(-32601, "MethodNotFound")]
    MethodNotFound,
}

fn main() {}

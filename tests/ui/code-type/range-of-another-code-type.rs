use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(range = -32099..=-32000)]
pub enum RpcError {
    #[code(32000, "ServerError")]
    ServerError,
}

fn main() {}

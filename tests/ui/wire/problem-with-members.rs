use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(wire(problem, code = "errcode"))]
pub enum WeChatError {
    #[code(40001, "InvalidCredential", status = 401)]
    InvalidCredential,
}

fn main() {}

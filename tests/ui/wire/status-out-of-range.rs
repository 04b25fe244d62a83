use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(wire(status = 700))]
pub enum WeChatError {
    #[code(40001, "InvalidCredential", status = 401)]
    InvalidCredential,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(wire(content_type = "text/html"))]
pub enum WeChatError {
    #[code(40001, "InvalidCredential", status = 401)]
    InvalidCredential,
}

fn main() {}

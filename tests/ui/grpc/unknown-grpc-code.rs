use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum AuthError {
    /// Missing token
    #[code(2001, "MissingToken")]
    MissingToken,
    #[code(other, grpc = "teapot")]
    Unknown(u32),
}

fn main() {}

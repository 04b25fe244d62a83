use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum AuthError {
    /// Missing token
    #[code(2001, "MissingToken")]
    MissingToken,
}

#[derive(Debug, ApiError)]
pub enum ServiceError {
    #[code(transparent, grpc = "internal")]
    Auth(AuthError),
}

fn main() {}

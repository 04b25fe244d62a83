use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum AuthError {
    /// Missing token
    #[code(2001, "MissingToken", grpc = unauthenticated)]
    MissingToken,
}

fn main() {}

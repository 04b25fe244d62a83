use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum AuthError {
    /// Missing token
    #[code(2001, "MissingToken", status = 401, grpc = "unauthenticate")]
    MissingToken,
}

fn main() {}

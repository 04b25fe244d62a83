use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(domain = "")]
pub enum AuthError {
    /// Missing token
    #[code(2001, "MissingToken")]
    MissingToken,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(range = 104000..105000)]
pub enum AuthError {
    #[code(104110, "MissingAccessKeyId")]
    MissingAccessKeyId,
}

fn main() {}

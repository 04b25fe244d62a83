use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(range = 104000..=4294967296)]
pub enum AuthError {
    #[code(104110, "MissingAccessKeyId")]
    MissingAccessKeyId,
}

fn main() {}

use apicode::ApiError;

// Three mistakes on three variants: each is reported in the same compile.
#[derive(Debug, ApiError)]
#[api_error(status = 401)]
pub enum AuthError {
    #[code(104201, "InvalidSignature", stauts = 401)]
    InvalidSignature,
    #[code(104201, "InvalidSignatureTimestamp")]
    InvalidSignatureTimestamp,
    #[code(u32::MAX, "Overflow")]
    Overflow,
}

fn main() {}

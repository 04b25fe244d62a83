use apicode::ApiError;

#[derive(Debug, ApiError)]
enum SmsError {
    #[code(1, "Signed")]
    #[error("signed {+0}")]
    Signed(u32),
}

fn main() {}

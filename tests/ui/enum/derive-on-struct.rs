use apicode::ApiError;

#[derive(Debug, ApiError)]
pub struct SmsError {
    code: u32,
    message: String,
}

fn main() {}

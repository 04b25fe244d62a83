use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104002, "104002")]
    InvalidParams,
}

fn main() {}

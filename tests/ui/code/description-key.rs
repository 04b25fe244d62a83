use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(105001, "Unauthorized", status = 403, description = "Unauthorized")]
    Unauthorized,
}

fn main() {}

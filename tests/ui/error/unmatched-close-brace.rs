use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone numbers: {count} }")]
    InvalidPhoneNumbers { count: usize },
}

fn main() {}

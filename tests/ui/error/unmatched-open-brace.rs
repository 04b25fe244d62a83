use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone number: {number")]
    InvalidPhoneNumbers { number: String },
}

fn main() {}

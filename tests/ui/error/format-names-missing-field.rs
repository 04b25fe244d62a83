use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(107111, "InvalidPhoneNumbers")]
    #[error("invalid phone number: {number}")]
    InvalidPhoneNumbers { phone: String },
}

fn main() {
    let error = SmsError::InvalidPhoneNumbers {
        phone: "+1".to_owned(),
    };
    println!("{error}");
}

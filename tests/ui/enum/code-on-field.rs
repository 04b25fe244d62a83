use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(107111, "InvalidPhoneNumbers")]
    InvalidPhoneNumbers {
        #[code(107112, "InvalidPhoneNumber")]
        number: String,
    },
}

fn main() {}

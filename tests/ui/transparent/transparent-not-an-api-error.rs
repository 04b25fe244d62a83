use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SendError {
    #[code(transparent)]
    Io(std::io::Error),
    #[code(107111, "InvalidPhoneNumbers")]
    InvalidPhoneNumbers,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SendError<E: std::fmt::Debug + std::fmt::Display + std::error::Error + 'static> {
    #[code(transparent)]
    Inner(E),
    #[code(107111, "InvalidPhoneNumbers")]
    InvalidPhoneNumbers,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(105400, "InsufficientFunds", status = 402, detail = "")]
    InsufficientFunds,
}

fn main() {}

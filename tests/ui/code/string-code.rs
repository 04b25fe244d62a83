use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code("104202", "InvalidSignatureTimestamp", status = 401)]
    InvalidSignatureTimestamp,
}

fn main() {}

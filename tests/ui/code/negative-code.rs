use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(0, "Ok", status = 200)]
    Ok,
    #[code(-1, "Failed")]
    Failed,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(0, "Ok", status = 0)]
    Ok,
}

fn main() {}

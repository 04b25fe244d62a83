use apicode::ApiError;

#[derive(ApiError)]
pub enum SmsError {
    #[code(0, "Ok", status = 200)]
    Ok,
    Internal,
}

fn main() {}

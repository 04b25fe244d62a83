use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {}

fn main() {}

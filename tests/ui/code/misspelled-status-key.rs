use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(105100, "IpRestricted", stauts = 403)]
    IpRestricted,
}

fn main() {}

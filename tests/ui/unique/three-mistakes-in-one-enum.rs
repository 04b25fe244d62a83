use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(104202, "Stale", stauts = 401)]
    Stale,
    #[code(104202, "Again")]
    Again,
    #[code(u32::MAX, "Max")]
    Max,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(code = i64)]
pub enum LedgerError {
    #[code(-9223372036854775809, "Below")]
    Below,
}

fn main() {}

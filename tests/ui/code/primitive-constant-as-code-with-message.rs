use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum LimitError {
    #[code(u32::MAX, "Max")]
    Max,
}

fn main() {
    let _ = LimitError::Max;
}

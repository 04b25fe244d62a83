use apicode::{ApiError, CodeTable};

#[derive(Debug, ApiError)]
pub enum LimitError {
    #[code(u32::MAX)]
    Max,
}

fn main() {
    // No cascade: the table's impls still exist.
    let _ = LimitError::Max.code();
    let _ = LimitError::from_code(7);
}

use apicode::ApiError;

// thiserror makes the `From<u32>` of the `#[from]` field; the table's catch-all makes another.
#[derive(Debug, thiserror::Error, ApiError)]
#[api_error(thiserror)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    #[error("internal error {0}")]
    Internal(#[from] u32),
    #[code(other)]
    #[error("unknown code {0}")]
    Unknown(u32),
}

fn main() {
    let error = StoreError::from(101000);
    assert_eq!(error.code(), 101000);
}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    Internal(#[from] u32),
    #[code(other)]
    Unknown(u32),
}

fn main() {
    let error = StoreError::from(101000);
    assert_eq!(error.code(), 101000);
}

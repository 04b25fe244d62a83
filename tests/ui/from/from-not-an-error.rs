use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    #[error("cannot store: {0}")]
    Internal(#[from] String),
}

fn main() {
    let error = StoreError::from(String::from("disk full"));
    assert_eq!(error.code(), 101000);
}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    Read(#[from] std::io::Error),
    #[code(101001, "WriteFailed", status = 500)]
    Write(#[from] std::io::Error),
}

fn main() {
    let error: StoreError = std::io::Error::other("disk full").into();
    assert_eq!(error.code(), 101000);
}

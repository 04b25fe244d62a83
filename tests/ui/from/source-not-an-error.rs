use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    #[error("cannot store {0}")]
    Internal(#[source] String),
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    #[error(transparnt)]
    Internal(std::io::Error),
}

fn main() {}

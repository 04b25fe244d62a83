use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    #[error("cannot read {path}")]
    Internal {
        #[from]
        source: std::io::Error,
        path: String,
    },
}

fn main() {}

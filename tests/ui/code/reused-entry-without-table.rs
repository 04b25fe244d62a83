use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(::OutOfStock)]
    OutOfStock,
}

fn main() {}

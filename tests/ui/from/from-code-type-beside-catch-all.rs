use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    OutOfStock,
    #[code(1002, "Retry")]
    Retry(#[from] u32),
    #[code(other)]
    Unknown(u32),
}

fn main() {}

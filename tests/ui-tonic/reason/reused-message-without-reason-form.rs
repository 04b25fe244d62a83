// The check covers entries reused from another table, which may not use the feature itself.
use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum LegacyError {
    /// A code from before the rename
    #[code(7, "7-Legacy")]
    Legacy,
}

#[derive(Debug, ApiError)]
pub enum StoreError {
    /// Out of stock
    #[code(1001, "OutOfStock")]
    OutOfStock,
    #[code(LegacyError::Legacy)]
    Legacy,
}

fn main() {}

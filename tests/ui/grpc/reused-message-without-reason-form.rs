// The check covers entries reused from another table, which is not meant for gRPC itself
// and compiles on its own; a variant's `grpc` key is enough to turn it on.
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
    #[code(1001, "OutOfStock", grpc = "failed_precondition")]
    OutOfStock,
    #[code(LegacyError::Legacy)]
    Legacy,
}

fn main() {}

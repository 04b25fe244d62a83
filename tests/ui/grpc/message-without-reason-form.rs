// A table with a `domain` key is meant for gRPC: every message must have a
// google.rpc.ErrorInfo reason form, and the error points at the key.
use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(domain = "store.example.com")]
pub enum StoreError {
    /// Out of stock
    #[code(1001, "OutOfStock")]
    OutOfStock,
    /// Closed
    #[code(1002, "Geschlossen/Fermé")]
    Closed,
}

fn main() {
    // No cascade: the table is still usable after the mistake.
    assert_eq!(StoreError::Closed.code(), 1002);
}

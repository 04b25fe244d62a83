// With the `tonic` feature, every message must have a google.rpc.ErrorInfo reason form.
use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    /// Out of stock
    #[code(1001, "OutOfStock")]
    OutOfStock,
    /// Closed
    #[code(1002, "Geschlossen/Fermé")]
    Closed,
}

fn main() {}

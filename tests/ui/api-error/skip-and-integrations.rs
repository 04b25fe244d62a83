use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(skip(axum), integrations(tonic))]
pub enum StoreError {
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    OutOfStock,
}

fn main() {}

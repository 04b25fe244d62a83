use apicode::ApiError;

#[derive(Debug)]
enum Plain {
    OutOfStock,
}

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(Plain::OutOfStock)]
    OutOfStock,
}

fn main() {
    let _ = Plain::OutOfStock;
}

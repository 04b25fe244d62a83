use apicode::ApiError;

#[derive(Debug)]
enum Plain {
    A,
}

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(Plain::A)]
    A,
}

fn main() {
    let _ = Plain::A;
}

use apicode::ApiError;

#[derive(Debug, ApiError)]
enum ServiceError<T: std::fmt::Debug> {
    #[code(transparent)]
    Inner(T),
}

fn main() {}

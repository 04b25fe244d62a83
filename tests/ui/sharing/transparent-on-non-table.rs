use apicode::ApiError;

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(transparent)]
    Io(std::io::Error),
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum StoreError {
    #[code(101000, "Internal", status = 500)]
    #[error("cannot store the message")]
    Internal {
        #[source]
        io: std::io::Error,
        #[source]
        encoding: std::str::Utf8Error,
    },
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(range = 200000..=200999)]
enum ServiceError {
    /// Fine
    #[code(200001, "Fine")]
    Fine,
    /// Outside the range this table reserves
    #[code(201000, "Outside")]
    Outside,
}

fn main() {}

use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(range = 1000..=1999)]
enum Billing {
    /// Card declined
    #[code(1001, "CardDeclined")]
    CardDeclined,
}

#[derive(Debug, ApiError)]
#[api_error(range = 1500..=2499)]
enum Storage {
    /// Disk full
    #[code(2001, "DiskFull")]
    DiskFull,
}

#[derive(Debug, ApiError)]
enum ServiceError {
    #[code(transparent)]
    Billing(Billing),
    #[code(transparent)]
    Storage(Storage),
}

fn main() {}

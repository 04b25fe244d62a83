use apicode::{ApiError, CodeTable};

#[derive(Debug, ApiError)]
pub enum SmsError {
    #[code(101301, "NoUpstreamConfigured", status = 503)]
    NoUpstreamConfigured,
    #[code(101303, "NoUpstreamConfigured", status = 503)]
    NoUpstreamAvailable,
}

fn main() {
    assert!(SmsError::from_message("NoUpstreamConfigured").is_some());
}

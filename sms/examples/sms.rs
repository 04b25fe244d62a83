//! The SMS reference table: the table as Markdown, then the conversions a client meets.
//!
//! Run with `cargo run --example sms` from the repository root.

use apicode::{ApiError, CodeTable};
use apicode_sms::SmsError;
use serde::{Deserialize, Serialize};

/// An error body of the Unimatrix API: `{"code": "104202", "message": "InvalidSignatureTimestamp"}`.
#[derive(Debug, Serialize, Deserialize)]
struct ErrorBody {
    code: SmsError,
    message: String,
}

fn main() -> Result<(), serde_json::Error> {
    println!(
        "# The Unimatrix SMS error codes ({} entries)\n",
        SmsError::ENTRIES.len()
    );
    print!("{}", apicode::table::markdown::<SmsError>());

    println!("\n# Conversions\n");
    let error = SmsError::from(104_202);
    println!("SmsError::from(104202)       = {error:?}");
    println!("  .message()                 = {}", error.message());
    println!("  .http_status()             = {}", error.http_status());
    println!("  Display                    = {error}");
    println!("  u32::from                  = {}", u32::from(error));

    let unknown = SmsError::from(999_999);
    println!("SmsError::from(999999)       = {unknown:?}");
    println!("  Display                    = {unknown}");
    println!("  .http_status()             = {}", unknown.http_status());

    let found = SmsError::from_message("InsufficientFunds");
    println!("from_message(\"InsufficientFunds\") = {found:?}");

    let wire = r#"{"code":"104202","message":"InvalidSignatureTimestamp"}"#;
    let body: ErrorBody = serde_json::from_str(wire)?;
    println!("\nparsed  {wire}");
    println!(
        "  code                       = {:?} ({})",
        body.code,
        body.code.detail()
    );
    let written = serde_json::to_string(&body)?;
    println!("written {written}");
    assert_eq!(written, wire, "the body survives the round trip");
    Ok(())
}

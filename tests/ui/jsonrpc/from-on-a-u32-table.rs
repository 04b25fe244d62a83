// A u32 table's codes may not fit in JSON-RPC's i32: it converts with `TryFrom`, never `From`.
use apicode::ApiError;

#[derive(Debug, ApiError)]
pub enum SmsError {
    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers", status = 400)]
    InvalidPhoneNumbers,
}

fn main() {
    let _ = jsonrpsee_types::ErrorObjectOwned::from(SmsError::InvalidPhoneNumbers);
}

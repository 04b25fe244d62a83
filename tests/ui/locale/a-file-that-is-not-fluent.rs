use apicode::ApiError;

#[derive(Debug, ApiError)]
#[api_error(locales("zz"), locale_dir = "../../../../tests/ui/locale/ftl")]
pub enum SmsError {
    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers", status = 400)]
    InvalidPhoneNumbers,
}

fn main() {}

//! The localized text of `bench --locale`: apicode's `Localized::localized` (Project Fluent
//! bundles, `Accept-Language` negotiation, fields as arguments) against what a user writes by
//! hand without it, a `match` on the locale and the code.

use std::borrow::Cow;
use std::fmt::Write as _;

use apicode::ApiError;
use apicode::locale::Localized;
pub use apicode_sms::SmsError;

/// The hand-written side: `zh_cn`, one `match` arm per code, written by `build.rs` from the
/// same Fluent file the derive reads.
pub mod hand {
    use super::SmsError;

    include!(concat!(env!("OUT_DIR"), "/sms_zh_cn.rs"));
}

/// The SMS table's text in the best language of `accept`, by hand: Simplified Chinese when the
/// first language it names is Chinese, else the table's English detail.
pub fn hand_sms(error: &SmsError, accept: &str) -> Cow<'static, str> {
    if first_language(accept).starts_with("zh") {
        Cow::Borrowed(hand::zh_cn(error))
    } else {
        Cow::Borrowed(error.detail())
    }
}

/// The first language tag of an `Accept-Language` value, as a hand-written server reads it.
fn first_language(accept: &str) -> &str {
    accept.split([',', ';']).next().unwrap_or_default().trim()
}

/// The SMS table's text through apicode.
pub fn apicode_sms(error: &SmsError, accept: &str) -> Cow<'static, str> {
    error.localized(accept).text
}

/// A table whose text takes a field, translated in `bench/locales/zh-CN.ftl`.
#[derive(Debug, Clone, ApiError)]
#[api_error(status = 400, locales("zh-CN"), locale_dir = "locales")]
pub enum Shop {
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    #[error("{item} is out of stock")]
    OutOfStock {
        /// The item.
        item: String,
    },
    /// The store is closed for maintenance
    #[code(1002, "Closed", status = 503)]
    Closed,
}

/// `Shop`'s text by hand, written into `buffer`.
pub fn hand_shop(error: &Shop, accept: &str, buffer: &mut String) {
    buffer.clear();
    let chinese = first_language(accept).starts_with("zh");
    let _ = match (chinese, error) {
        (true, Shop::OutOfStock { item }) => write!(buffer, "{item} 已售罄"),
        (true, Shop::Closed) => write!(buffer, "商店维护中，暂停营业"),
        (false, Shop::OutOfStock { item }) => write!(buffer, "{item} is out of stock"),
        (false, Shop::Closed) => write!(buffer, "The store is closed for maintenance"),
    };
}

/// `Shop`'s text through apicode, written into `buffer`.
pub fn apicode_shop(error: &Shop, accept: &str, buffer: &mut String) {
    buffer.clear();
    buffer.push_str(&error.localized(accept).text);
}

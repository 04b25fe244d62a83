//! The query string and the access key checks: simple mode (the key id alone) and HMAC mode
//! (a signature over the sorted query pairs).

use std::time::{SystemTime, UNIX_EPOCH};

use apicode_sms::SmsError;
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::Config;

/// The only signing algorithm the API defines.
pub const ALGORITHM: &str = "hmac-sha256";

/// How far a signed request's timestamp may be from the server's clock, in seconds.
pub const MAX_SKEW_SECS: u64 = 10 * 60;

/// Timestamps at or above this are in milliseconds (as the Node SDK sends them); below, in
/// seconds (as the Python SDK does). In seconds it is the year 5138.
const MILLIS_THRESHOLD: u64 = 100_000_000_000;

/// A query string, split into decoded pairs in the order sent.
#[derive(Debug, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    /// Splits and decodes `raw` as `application/x-www-form-urlencoded` (`+` is a space).
    pub fn parse(raw: &str) -> Self {
        let pairs = raw
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
                (decode(key), decode(value))
            })
            .collect();
        Query { pairs }
    }

    /// A query made of decoded pairs, as a gRPC request's metadata gives them.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        Query { pairs }
    }

    /// The first value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    }

    /// The strings a client may have signed: every pair but `signature`, sorted by key, joined
    /// as `k=v` with `&`, encoded the way Python's `urlencode` does (space as `+`) and the way
    /// JavaScript's `encodeURIComponent` does (space as `%20`). The official SDKs differ there.
    fn signed_strings(&self) -> Vec<String> {
        let mut pairs: Vec<&(String, String)> = self
            .pairs
            .iter()
            .filter(|(key, _)| key != "signature")
            .collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let join = |encode: fn(&str) -> String| {
            pairs
                .iter()
                .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
                .collect::<Vec<_>>()
                .join("&")
        };
        let form = join(encode_form);
        let component = join(encode_component);
        if form == component {
            vec![form]
        } else {
            vec![form, component]
        }
    }
}

/// Checks the access key (and in HMAC mode the signature) of a request.
pub fn authenticate(config: &Config, query: &Query) -> Result<(), SmsError> {
    let key_id = match query.get("accessKeyId") {
        None | Some("") => return Err(SmsError::MissingAccessKeyId),
        Some(key_id) => key_id,
    };
    if key_id != config.access_key_id {
        return Err(SmsError::InvalidAccessKeyId);
    }
    let Some(secret) = &config.access_key_secret else {
        return Ok(());
    };
    let signature = match query.get("signature") {
        None | Some("") => return Err(SmsError::MissingSignature),
        Some(signature) => signature,
    };
    check_timestamp(query.get("timestamp"), now())?;
    if query
        .get("algorithm")
        .is_some_and(|algorithm| algorithm != ALGORITHM)
    {
        return Err(SmsError::InvalidSignature);
    }
    let digest = decode_digest(signature).ok_or(SmsError::InvalidSignature)?;
    let verified = query.signed_strings().iter().any(|signed| {
        let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes())
            .expect("HMAC takes a key of any length");
        mac.update(signed.as_bytes());
        // `verify_slice` compares in constant time.
        mac.verify_slice(&digest).is_ok()
    });
    if verified {
        Ok(())
    } else {
        Err(SmsError::InvalidSignature)
    }
}

/// The time since the epoch, in milliseconds.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

/// A timestamp in seconds or milliseconds, within [`MAX_SKEW_SECS`] of `now_millis`.
fn check_timestamp(timestamp: Option<&str>, now_millis: u64) -> Result<(), SmsError> {
    let timestamp: u64 = timestamp
        .and_then(|timestamp| timestamp.parse().ok())
        .ok_or(SmsError::InvalidSignatureTimestamp)?;
    let millis = if timestamp >= MILLIS_THRESHOLD {
        timestamp
    } else {
        timestamp.saturating_mul(1000)
    };
    if millis.abs_diff(now_millis) > MAX_SKEW_SECS * 1000 {
        return Err(SmsError::InvalidSignatureTimestamp);
    }
    Ok(())
}

/// The digest of a signature: 64 hex digits, or base64 (standard or URL-safe, padded or not).
/// A `+` of a base64 digest that the client did not percent-encode arrives as a space.
fn decode_digest(signature: &str) -> Option<Vec<u8>> {
    if signature.len() == 64 && signature.bytes().all(|byte| byte.is_ascii_hexdigit()) {
        return decode_hex(signature);
    }
    let signature = signature.replace(' ', "+");
    [STANDARD, STANDARD_NO_PAD, URL_SAFE, URL_SAFE_NO_PAD]
        .iter()
        .find_map(|engine| engine.decode(&signature).ok())
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    hex.as_bytes()
        .chunks(2)
        .map(|pair| {
            let pair = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(pair, 16).ok()
        })
        .collect()
}

/// Percent-decodes `text`, reading `+` as a space; a malformed escape is kept as it is.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'+' => out.push(b' '),
            b'%' => {
                let escape = bytes
                    .get(index + 1..index + 3)
                    .and_then(|hex| std::str::from_utf8(hex).ok())
                    .and_then(|hex| u8::from_str_radix(hex, 16).ok());
                if let Some(byte) = escape {
                    out.push(byte);
                    index += 2;
                } else {
                    out.push(b'%');
                }
            }
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encodes every byte but those in `keep`; a space becomes `space`.
fn encode(text: &str, keep: &[u8], space: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.push(char::from(byte));
        } else if byte == b' ' {
            out.push_str(space);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
    }
    out
}

/// Python's `urllib.parse.quote_plus`, as `urlencode` uses it.
fn encode_form(text: &str) -> String {
    encode(text, b"-._~", "+")
}

/// JavaScript's `encodeURIComponent`.
fn encode_component(text: &str) -> String {
    encode(text, b"-_.!~*'()", "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_in_seconds_and_milliseconds() {
        let now = 1_700_000_000_000;
        assert_eq!(check_timestamp(Some("1700000000"), now), Ok(()));
        assert_eq!(check_timestamp(Some("1700000000000"), now), Ok(()));
        assert_eq!(check_timestamp(Some("1700000600"), now), Ok(()));
        assert_eq!(
            check_timestamp(Some("1699999399"), now),
            Err(SmsError::InvalidSignatureTimestamp)
        );
        assert_eq!(
            check_timestamp(Some("1700000600001"), now),
            Err(SmsError::InvalidSignatureTimestamp)
        );
        assert_eq!(
            check_timestamp(Some("-1"), now),
            Err(SmsError::InvalidSignatureTimestamp)
        );
        assert_eq!(
            check_timestamp(None, now),
            Err(SmsError::InvalidSignatureTimestamp)
        );
    }

    #[test]
    fn both_encodings_of_a_value_with_specials() {
        let query = Query::parse("b=x+y%21&a=1&signature=zz");
        assert_eq!(query.get("b"), Some("x y!"));
        assert_eq!(
            query.signed_strings(),
            ["a=1&b=x+y%21", "a=1&b=x%20y!"].map(String::from)
        );
    }

    #[test]
    fn digests_in_hex_and_base64() {
        let bytes: Vec<u8> = (0..32).map(|byte| byte * 7).collect();
        let hex: String = bytes
            .iter()
            .fold(String::new(), |hex, byte| hex + &format!("{byte:02x}"));
        assert_eq!(decode_digest(&hex), Some(bytes.clone()));
        assert_eq!(decode_digest(&hex.to_uppercase()), Some(bytes.clone()));
        let base64 = STANDARD.encode(&bytes);
        assert_eq!(decode_digest(&base64), Some(bytes.clone()));
        assert_eq!(
            decode_digest(&base64.replace('+', " ")),
            Some(bytes.clone())
        );
        assert_eq!(decode_digest(&URL_SAFE_NO_PAD.encode(&bytes)), Some(bytes));
        assert_eq!(decode_digest("not a digest!"), None);
    }
}

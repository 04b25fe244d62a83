//! The request body: read under a size limit, parsed, and checked against the configuration.

use std::collections::BTreeMap;

use apicode_sms::SmsError;
use axum::body::Body;
use http_body_util::BodyExt as _;
use serde::Deserialize;

use super::Config;

/// How much more than the limit an oversized body is read (and dropped) before the answer.
/// Closing a connection with unread request bytes makes the server's kernel send a reset,
/// which can destroy the answer before the client reads it; draining a bounded amount lets a
/// client that overshot the limit by a little read its refusal.
const DRAIN_FACTOR: usize = 16;

/// The body, or `RestrictedParams` when it is larger than `limit` bytes.
pub async fn read_body(mut body: Body, limit: usize) -> Result<Vec<u8>, SmsError> {
    let mut kept = Vec::new();
    let mut total = 0usize;
    let drain_limit = limit.saturating_mul(DRAIN_FACTOR);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| SmsError::InvalidParams)?;
        let Ok(data) = frame.into_data() else {
            continue;
        };
        total = total.saturating_add(data.len());
        if total > drain_limit {
            break;
        }
        if total <= limit {
            kept.extend_from_slice(&data);
        }
    }
    if total > limit {
        return Err(SmsError::RestrictedParams);
    }
    Ok(kept)
}

/// The body as the API defines it. `to` is one number or a list; `null` counts as absent.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SendRequest {
    to: Option<Recipients>,
    signature: Option<String>,
    text: Option<String>,
    template_id: Option<String>,
    template_data: Option<BTreeMap<String, TemplateValue>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Recipients {
    One(String),
    Many(Vec<String>),
}

/// A template parameter: a string, or a number such as a one-time code.
#[derive(Deserialize)]
#[serde(untagged)]
enum TemplateValue {
    Text(String),
    Number(serde_json::Number),
}

impl TemplateValue {
    fn into_text(self) -> String {
        match self {
            TemplateValue::Text(text) => text,
            TemplateValue::Number(number) => number.to_string(),
        }
    }
}

/// A message that passed every check but the rate limit.
pub struct Outgoing {
    pub to: Vec<String>,
    pub signature: String,
    pub text: Option<String>,
    pub template_id: Option<String>,
    pub template_data: Option<BTreeMap<String, String>>,
    /// The SMS segments one copy takes.
    pub segments: usize,
}

/// A request's fields, however they arrived: a JSON body or a gRPC message. An empty string
/// counts as absent.
#[derive(Default)]
pub struct Fields {
    pub to: Vec<String>,
    pub signature: Option<String>,
    pub text: Option<String>,
    pub template_id: Option<String>,
    pub template_data: Option<BTreeMap<String, String>>,
}

impl Outgoing {
    /// Parses and checks a body, in the order the API documents its codes.
    pub fn parse(body: &[u8], config: &Config) -> Result<Self, SmsError> {
        // Through `Value` first: serde's derive would also read a JSON array as the struct.
        let request: serde_json::Value =
            serde_json::from_slice(body).map_err(|_| SmsError::InvalidParams)?;
        if !request.is_object() {
            return Err(SmsError::InvalidParams);
        }
        let request = SendRequest::deserialize(request).map_err(|_| SmsError::InvalidParams)?;
        let to = match request.to {
            Some(Recipients::One(to)) => vec![to],
            Some(Recipients::Many(to)) => to,
            None => Vec::new(),
        };
        let template_data = request.template_data.map(|data| {
            data.into_iter()
                .map(|(key, value)| (key, value.into_text()))
                .collect()
        });
        Self::check(
            Fields {
                to,
                signature: request.signature,
                text: request.text,
                template_id: request.template_id,
                template_data,
            },
            config,
        )
    }

    /// Checks a request's fields, in the order the API documents its codes.
    pub fn check(fields: Fields, config: &Config) -> Result<Self, SmsError> {
        let Fields {
            to,
            signature,
            text,
            template_id,
            template_data,
        } = fields;
        let text = text.filter(|text| !text.is_empty());
        let template_id = template_id.filter(|id| !id.is_empty());
        if to.is_empty() || to.iter().any(String::is_empty) {
            return Err(SmsError::MissingParams);
        }
        if text.is_none() && template_id.is_none() {
            return Err(SmsError::MissingParams);
        }
        if !to.iter().all(|to| is_e164(to)) {
            return Err(SmsError::InvalidPhoneNumbers);
        }
        let signature = match signature {
            None => return Err(SmsError::MissingSmsSignature),
            Some(signature) if signature.is_empty() => return Err(SmsError::MissingSmsSignature),
            Some(signature) => signature,
        };
        if !config.sms_signatures.contains(&signature) {
            return Err(SmsError::SmsSignatureNotExists);
        }
        let Some(template_id) = template_id else {
            let segments = text.as_deref().map_or(1, segments);
            return Ok(Outgoing {
                to,
                signature,
                text,
                template_id: None,
                template_data: None,
                segments,
            });
        };
        let params = config
            .templates
            .get(&template_id)
            .ok_or(SmsError::SmsTemplateNotExists)?;
        let data = template_data.unwrap_or_default();
        let complete = params
            .iter()
            .all(|param| data.get(param).is_some_and(|value| !value.is_empty()));
        if !complete {
            return Err(SmsError::MissingSmsTemplateData);
        }
        Ok(Outgoing {
            to,
            signature,
            text: None,
            template_id: Some(template_id),
            template_data: Some(data),
            segments: 1,
        })
    }
}

/// E.164: `+`, a country code that does not start with 0, at most 15 digits in all.
fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|byte| byte.is_ascii_digit())
        && !digits.starts_with('0')
}

/// The SMS segments a text takes: 160 characters in one segment, 153 per segment when split,
/// for ASCII text; 70 and 67 for anything else, which travels as UCS-2.
fn segments(text: &str) -> usize {
    let (single, multi) = if text.is_ascii() {
        (160, 153)
    } else {
        (70, 67)
    };
    let chars = text.chars().count();
    if chars <= single {
        1
    } else {
        chars.div_ceil(multi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_numbers() {
        assert!(is_e164("+12065550100"));
        assert!(is_e164("+6512345678"));
        assert!(!is_e164("12065550100"));
        assert!(!is_e164("+1 206 555 0100"));
        assert!(!is_e164("+01234567"));
        assert!(!is_e164("+1234567890123456"));
        assert!(!is_e164("+"));
    }

    #[test]
    fn segment_counts() {
        assert_eq!(segments("hello"), 1);
        assert_eq!(segments(&"a".repeat(160)), 1);
        assert_eq!(segments(&"a".repeat(161)), 2);
        assert_eq!(segments(&"é".repeat(70)), 1);
        assert_eq!(segments(&"é".repeat(71)), 2);
    }
}

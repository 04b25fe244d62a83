//! A typed client of the Unimatrix SMS API: an answer comes back as `Result<Sent, SmsError>`.
//!
//! ```no_run
//! use apicode::ApiError;
//! use apicode_sms::SmsError;
//! use apicode_tests::client::{Client, Message};
//!
//! let client = Client::new("http://127.0.0.1:8080", "key-id").secret("key-secret");
//! match client.send(&Message::text("+12065550100", "Acme", "Your code is 2048"))? {
//!     Ok(sent) => println!("sent {} message(s)", sent.data.message_count),
//!     Err(SmsError::InvalidPhoneNumbers) => println!("check the number"),
//!     Err(error) => println!("refused: {} ({})", error, error.code()),
//! }
//! # Ok::<(), apicode::client::ClientError>(())
//! ```
//!
//! A request that reached the API gives `Ok(answer)`, and the answer is the typed
//! `Result<Sent, SmsError>`; a request that did not (no connection, an answer that is not the
//! API's JSON) gives an [`apicode::client::ClientError`]. The envelope, the success code and
//! every odd answer are `apicode::client`'s business: this module only builds the request.

pub mod raw;

use std::collections::BTreeMap;
use std::hash::{BuildHasher, RandomState};
use std::time::{SystemTime, UNIX_EPOCH};

use apicode::client::ClientError;
use apicode::client::ureq::ResponseExt;
use apicode_sms::SmsError;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The request id header.
const REQUEST_ID_HEADER: &str = "x-uni-request-id";

/// A client of one endpoint, in simple mode or (with a secret) signing every request as the
/// official Python SDK does: HMAC-SHA256 over the sorted query, hex digest, timestamp in
/// seconds.
pub struct Client {
    endpoint: String,
    access_key_id: String,
    access_key_secret: Option<String>,
    agent: ureq::Agent,
}

/// A message to send: a text, or a template with its data.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    to: Vec<String>,
    signature: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template_id: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    template_data: BTreeMap<String, String>,
}

impl Message {
    /// A text message to `to` (E.164), under the SMS signature `signature`.
    pub fn text(
        to: impl Into<String>,
        signature: impl Into<String>,
        text: impl Into<String>,
    ) -> Self {
        Message {
            to: vec![to.into()],
            signature: signature.into(),
            text: Some(text.into()),
            template_id: None,
            template_data: BTreeMap::new(),
        }
    }

    /// A templated message; add its data with [`param`](Message::param).
    pub fn template(
        to: impl Into<String>,
        signature: impl Into<String>,
        template_id: impl Into<String>,
    ) -> Self {
        Message {
            to: vec![to.into()],
            signature: signature.into(),
            text: None,
            template_id: Some(template_id.into()),
            template_data: BTreeMap::new(),
        }
    }

    /// Adds a recipient.
    #[must_use]
    pub fn also_to(mut self, to: impl Into<String>) -> Self {
        self.to.push(to.into());
        self
    }

    /// Sets a template parameter.
    #[must_use]
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.template_data.insert(name.into(), value.into());
        self
    }
}

/// A successful send.
#[derive(Debug, Clone)]
pub struct Sent {
    /// The `x-uni-request-id` of the answer.
    pub request_id: Option<String>,
    /// What the API says it sent.
    pub data: SendData,
}

/// The `data` of a successful send.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendData {
    /// The number of recipients.
    pub recipients: usize,
    /// The number of SMS segments, over all recipients.
    pub message_count: usize,
    /// One entry per recipient.
    pub messages: Vec<SentMessage>,
}

/// One sent message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentMessage {
    /// The message's id.
    pub id: String,
    /// The recipient.
    pub to: String,
    /// Its status, such as `sent`.
    pub status: String,
}

impl Client {
    /// A client of `endpoint`, such as `http://127.0.0.1:8080`, in simple mode. It speaks plain
    /// HTTP only: this build of the client has no TLS.
    pub fn new(endpoint: impl Into<String>, access_key_id: impl Into<String>) -> Self {
        let agent = ureq::Agent::config_builder()
            // Error answers carry the API's body: read them as answers.
            .http_status_as_error(false)
            .build()
            .into();
        Client {
            endpoint: endpoint.into().trim_end_matches('/').to_owned(),
            access_key_id: access_key_id.into(),
            access_key_secret: None,
            agent,
        }
    }

    /// Signs every request with `secret` (HMAC mode).
    #[must_use]
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.access_key_secret = Some(secret.into());
        self
    }

    /// Sends `message` with `sms.message.send`.
    pub fn send(&self, message: &Message) -> Result<Result<Sent, SmsError>, ClientError> {
        let url = format!("{}/?{}", self.endpoint, self.query("sms.message.send"));
        let response = self.agent.post(&url).send_json(message)?;
        let request_id = response
            .headers()
            .get(REQUEST_ID_HEADER)
            .and_then(|id| id.to_str().ok())
            .map(str::to_owned);
        let answer = response.api_result::<SendData, SmsError>()?;
        Ok(answer.map(|data| Sent { request_id, data }))
    }

    /// The query string of `action`, signed in HMAC mode.
    fn query(&self, action: &str) -> String {
        let mut pairs = vec![
            ("action".to_owned(), action.to_owned()),
            ("accessKeyId".to_owned(), self.access_key_id.clone()),
        ];
        if let Some(secret) = &self.access_key_secret {
            let timestamp = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |elapsed| elapsed.as_secs());
            let nonce = RandomState::new().hash_one(timestamp);
            pairs.push(("algorithm".to_owned(), "hmac-sha256".to_owned()));
            pairs.push(("timestamp".to_owned(), timestamp.to_string()));
            pairs.push(("nonce".to_owned(), format!("{nonce:016x}")));
            pairs.sort();
            let signature = sign(secret, &join(&pairs));
            pairs.push(("signature".to_owned(), signature));
        }
        join(&pairs)
    }
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";
const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// `k=v` pairs joined with `&`, encoded as form data (Python's `urlencode`).
fn join(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX_UPPER[usize::from(byte >> 4)]));
                out.push(char::from(HEX_UPPER[usize::from(byte & 0xF)]));
            }
        }
    }
    out
}

/// The hex HMAC-SHA256 of `text` under `secret`.
fn sign(secret: &str, text: &str) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(text.as_bytes());
    let mut hex = String::with_capacity(64);
    for byte in mac.finalize().into_bytes() {
        hex.push(char::from(HEX_LOWER[usize::from(byte >> 4)]));
        hex.push(char::from(HEX_LOWER[usize::from(byte & 0xF)]));
    }
    hex
}

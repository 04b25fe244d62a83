//! A load generator for the gateway example: keep-alive HTTP/1.1 connections over raw TCP
//! sending a seeded, deterministic mix of valid and broken requests, every answer checked
//! against the one that request must get.
//!
//! ```text
//! cargo run --release --example gateway -- --listen 127.0.0.1:8080 --access-key-id load-key \
//!     --access-key-secret load-secret --sms-signature Acme --template pub_otp=code \
//!     --rate-limit 60 --body-limit 4096
//! cargo run --release --example load -- --addr 127.0.0.1:8080 --access-key-id load-key \
//!     --access-key-secret load-secret --rate-limit 60 --body-limit 4096
//! ```
//!
//! The gateway must run in HMAC mode with the SMS signature `Acme` and the template
//! `pub_otp=code`, and with the rate and body limits given here. `scripts/load-test.sh` starts
//! one, runs this against it and watches its memory.
//!
//! The mix: valid sends signed both ways (hex and seconds, base64 and milliseconds), spread over
//! many recipients so that none reaches the rate limit, plus a share to one recipient that does;
//! every refusal of the API (credentials, signatures, timestamps, broken and oversized bodies,
//! recipients, signatures, templates); and abuse of the transport (a body shorter than its
//! declared length, a body past the drain limit, hang-ups, garbage instead of a request).
//!
//! It stops after `--requests` requests or `--max-secs` seconds, whichever comes first, and
//! exits with 1 on any answer that is not the expected one, any 5xx, any timeout or unexpected
//! loss of a connection, or when it could not send every request in time.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use apicode_tests::load::{number, options_or_exit, read_flags, watchdog};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::io::{AsyncWrite, Interest};
use tokio::net::TcpStream;

const USAGE: &str = "\
usage: load --addr HOST:PORT --access-key-id ID --access-key-secret SECRET
            [--rate-limit N] [--body-limit BYTES] [--requests N] [--connections N]
            [--max-secs S] [--seed N] [--round 0-8] [--per-recipient N] [--probe]

  --addr HOST:PORT            the gateway (HMAC mode, --sms-signature Acme,
                              --template pub_otp=code)
  --access-key-id ID          its access key id
  --access-key-secret SECRET  its access key secret
  --rate-limit N              its --rate-limit (default 60)
  --body-limit BYTES          its --body-limit (default 65536)
  --requests N                how many requests to send (default 100000)
  --connections N             concurrent keep-alive connections (default 64)
  --max-secs S                stop sending after S seconds (default 120)
  --seed N                    the seed of the mix (default 1)
  --round K                   recipients +1206K...: runs against one gateway
                              within a minute need distinct rounds (default 0)
  --per-recipient N           messages per recipient of the valid sends, at most
                              the rate limit (default 2)
  --probe                     send one valid message and check its answer only
";

/// The SMS signature, template and template parameter the gateway must accept.
const SMS_SIGNATURE: &str = "Acme";
const TEMPLATE_ID: &str = "pub_otp";
const TEMPLATE_PARAM: &str = "code";

/// How long one request may take, connection included, before it counts as a hang.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// How many mismatches are shown in full.
const SHOWN_MISMATCHES: usize = 12;

/// The gateway reads at most this many times its body limit before it answers (and then
/// closes the connection without reading the rest).
const DRAIN_FACTOR: usize = 16;

#[derive(Debug, Clone)]
struct Options {
    addr: SocketAddr,
    key_id: String,
    secret: String,
    rate_limit: u32,
    body_limit: usize,
    requests: usize,
    connections: usize,
    max_secs: u64,
    seed: u64,
    round: u8,
    per_recipient: u32,
    probe: bool,
}

fn parse_options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut addr = None;
    let mut key_id = None;
    let mut secret = None;
    let mut options = Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        key_id: String::new(),
        secret: String::new(),
        rate_limit: 60,
        body_limit: 65_536,
        requests: 100_000,
        connections: 64,
        max_secs: 120,
        seed: 1,
        round: 0,
        per_recipient: 2,
        probe: false,
    };
    read_flags(args, &["--probe"], |flag, value| {
        let value = value.unwrap_or_default();
        match flag {
            "--probe" => options.probe = true,
            "--addr" => addr = Some(number::<SocketAddr>(flag, &value)?),
            "--access-key-id" => key_id = Some(value),
            "--access-key-secret" => secret = Some(value),
            "--rate-limit" => options.rate_limit = number(flag, &value)?,
            "--body-limit" => options.body_limit = number(flag, &value)?,
            "--requests" => options.requests = number(flag, &value)?,
            "--connections" => options.connections = number(flag, &value)?,
            "--max-secs" => options.max_secs = number(flag, &value)?,
            "--seed" => options.seed = number(flag, &value)?,
            "--round" => options.round = number(flag, &value)?,
            "--per-recipient" => options.per_recipient = number(flag, &value)?,
            _ => return Err(format!("unknown argument {flag}")),
        }
        Ok(())
    })?;
    options.addr = addr.ok_or("--addr is required")?;
    options.key_id = key_id.ok_or("--access-key-id is required")?;
    options.secret = secret.ok_or("--access-key-secret is required")?;
    if options.round > 8 {
        return Err("--round: 0 to 8 (9 is the probe's)".to_owned());
    }
    if options.per_recipient == 0 || options.per_recipient > options.rate_limit {
        return Err("--per-recipient: from 1 to the rate limit".to_owned());
    }
    // The smallest oversized body this sends is a few hundred bytes; valid ones stay under it.
    if options.body_limit < 512 {
        return Err("--body-limit: at least 512".to_owned());
    }
    if options.connections == 0 {
        return Err("--connections: at least 1".to_owned());
    }
    Ok(options)
}

/// splitmix64: small, seedable, and the same sequence on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        let bound = u64::try_from(bound).expect("usize fits in u64");
        usize::try_from(self.next() % bound).expect("below a usize bound")
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What a request is, and so what it must get.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    SendHex,
    SendBase64,
    SendTemplate,
    SendBatch,
    SendHot,
    WrongSignatureHex,
    WrongSignatureBase64,
    StaleTimestamp,
    MissingSignature,
    MissingAccessKeyId,
    UnknownAccessKeyId,
    MissingAction,
    UnknownAction,
    NotJson,
    TruncatedJson,
    WrongTypes,
    Oversized,
    MissingRecipient,
    BadPhone,
    MissingSmsSignature,
    UnknownSmsSignature,
    UnknownTemplate,
    MissingTemplateData,
    WrongMethod,
    WrongPath,
    BodyPastDrain,
    ShortBodyHalfClose,
    ShortBodyHangUp,
    Garbage,
}

/// The mix, in thousandths.
const MIX: [(Kind, usize); 29] = [
    (Kind::SendHex, 180),
    (Kind::SendBase64, 120),
    (Kind::SendTemplate, 60),
    (Kind::SendBatch, 30),
    (Kind::SendHot, 30),
    (Kind::WrongSignatureHex, 40),
    (Kind::WrongSignatureBase64, 40),
    (Kind::StaleTimestamp, 40),
    (Kind::MissingSignature, 20),
    (Kind::MissingAccessKeyId, 30),
    (Kind::UnknownAccessKeyId, 30),
    (Kind::MissingAction, 10),
    (Kind::UnknownAction, 10),
    (Kind::NotJson, 30),
    (Kind::TruncatedJson, 30),
    (Kind::WrongTypes, 30),
    (Kind::Oversized, 30),
    (Kind::MissingRecipient, 20),
    (Kind::BadPhone, 30),
    (Kind::MissingSmsSignature, 20),
    (Kind::UnknownSmsSignature, 20),
    (Kind::UnknownTemplate, 20),
    (Kind::MissingTemplateData, 25),
    (Kind::WrongMethod, 10),
    (Kind::WrongPath, 10),
    (Kind::BodyPastDrain, 5),
    (Kind::ShortBodyHalfClose, 10),
    (Kind::ShortBodyHangUp, 10),
    (Kind::Garbage, 10),
];

impl Kind {
    fn pick(rng: &mut Rng) -> Kind {
        let total: usize = MIX.iter().map(|(_, weight)| weight).sum();
        let mut ticket = rng.below(total);
        for (kind, weight) in MIX {
            if ticket < weight {
                return kind;
            }
            ticket -= weight;
        }
        unreachable!("the ticket is below the total weight")
    }

    /// How many of the spread recipients' messages it takes.
    fn spread_messages(self) -> usize {
        match self {
            Kind::SendHex | Kind::SendBase64 | Kind::SendTemplate => 1,
            Kind::SendBatch => 3,
            _ => 0,
        }
    }
}

/// One planned request: its kind, the seed of its details, its first spread recipient.
struct Planned {
    kind: Kind,
    seed: u64,
    first_slot: usize,
}

/// The whole run, decided before it starts: the same seed gives the same requests.
struct Plan {
    requests: Vec<Planned>,
    /// How many distinct recipients the valid sends are spread over.
    recipients: usize,
}

impl Plan {
    fn new(options: &Options) -> Result<Plan, String> {
        let mut rng = Rng(options.seed);
        let mut slots = 0;
        let requests = (0..options.requests)
            .map(|_| {
                let kind = Kind::pick(&mut rng);
                let planned = Planned {
                    kind,
                    seed: rng.next(),
                    first_slot: slots,
                };
                slots += kind.spread_messages();
                planned
            })
            .collect();
        let per_recipient = usize::try_from(options.per_recipient).expect("u32 fits in usize");
        let recipients = slots.div_ceil(per_recipient).max(1);
        // Six digits per round; the last number is the rate-limited one.
        if recipients >= 999_999 {
            return Err(format!(
                "{recipients} recipients do not fit in a round: raise --per-recipient"
            ));
        }
        Ok(Plan {
            requests,
            recipients,
        })
    }

    /// The recipient of a spread slot: consecutive slots go to distinct recipients, and no
    /// recipient gets more than `--per-recipient` messages in the run.
    fn spread(&self, options: &Options, slot: usize) -> String {
        format!("+1206{}{:06}", options.round, slot % self.recipients)
    }
}

/// The number that gets more messages than the rate limit allows.
fn hot_recipient(options: &Options) -> String {
    format!("+1206{}999999", options.round)
}

/// An API refusal as the wire carries it: its code, its message, and its text in English (the
/// generator names no language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Refusal {
    status: u16,
    code: &'static str,
    message: &'static str,
    detail: &'static str,
}

// The codes this checks, written out from the API's documentation rather than taken from the
// table the gateway uses, so that a wrong entry there shows up here.
const MISSING_PARAMS: Refusal = refusal(400, "104001", "MissingParams", "Missing parameters");
const INVALID_PARAMS: Refusal = refusal(400, "104002", "InvalidParams", "Invalid parameters");
const RESTRICTED_PARAMS: Refusal =
    refusal(403, "104003", "RestrictedParams", "Restricted parameters");
const MISSING_ACCESS_KEY_ID: Refusal =
    refusal(401, "104110", "MissingAccessKeyId", "Missing AccessKeyId");
const INVALID_ACCESS_KEY_ID: Refusal =
    refusal(401, "104111", "InvalidAccessKeyId", "Invalid AccessKeyId");
const MISSING_SIGNATURE: Refusal = refusal(
    401,
    "104200",
    "MissingSignature",
    "Missing signature. Please pass in the request signature, or change the authentication method from HMAC mode to simple mode",
);
const INVALID_SIGNATURE: Refusal = refusal(
    401,
    "104201",
    "InvalidSignature",
    "Invalid signature. Please refer to API General Reference for generating request signatures",
);
const INVALID_TIMESTAMP: Refusal = refusal(
    401,
    "104202",
    "InvalidSignatureTimestamp",
    "Invalid signature timestamp. Please check that the value passed in is a valid Unix timestamp, accepting a 10 minute difference from the server time",
);
const LIMIT_EXCEED: Refusal = refusal(
    429,
    "105300",
    "LimitExceed",
    "Sending rate limit is exceeded. Please check if the SMS rate limiting extension is enabled, and adjust the limit thresholds if necessary",
);
const INVALID_PHONE_NUMBERS: Refusal =
    refusal(400, "107111", "InvalidPhoneNumbers", "Invalid phone number");
const MISSING_SMS_SIGNATURE: Refusal = refusal(
    400,
    "107120",
    "MissingSmsSignature",
    "Missing SMS signature",
);
const SMS_SIGNATURE_NOT_EXISTS: Refusal = refusal(
    404,
    "107121",
    "SmsSignatureNotExists",
    "SMS signature does not exist, please visit the console to add one",
);
const SMS_TEMPLATE_NOT_EXISTS: Refusal = refusal(
    404,
    "107141",
    "SmsTemplateNotExists",
    "SMS template does not exist, please visit the console to add one. If you are using a no-audit template that starts with pub_, please check if the template code is correct",
);
const MISSING_TEMPLATE_DATA: Refusal = refusal(
    400,
    "107143",
    "MissingSmsTemplateData",
    "Missing necessary SMS template data parameters",
);

const fn refusal(
    status: u16,
    code: &'static str,
    message: &'static str,
    detail: &'static str,
) -> Refusal {
    Refusal {
        status,
        code,
        message,
        detail,
    }
}

/// What a request must get.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expect {
    /// The API's refusal, exactly.
    Refused(Refusal),
    /// A success for these recipients, each message taking `segments` SMS.
    Sent { to: Vec<String>, segments: usize },
    /// A success, or the rate limit's refusal: which one depends on the order the gateway
    /// sees the requests in; the count of successes is checked at the end.
    SentOrLimited { to: String },
    /// A status from the HTTP layer, with no API body.
    Bare(u16),
    /// The refusal, or the connection reset before it arrives: past its drain limit the
    /// gateway stops reading a body, and closing a socket with unread bytes resets it.
    RefusedOrReset(Refusal),
    /// Nothing: the client hangs up before the server can answer.
    Nothing,
}

impl Expect {
    /// The row of the report this request counts in.
    fn label(&self) -> String {
        match self {
            Expect::Refused(refusal) => format!("{} {}", refusal.code, refusal.message),
            Expect::Sent { .. } => "0 Success".to_owned(),
            Expect::SentOrLimited { .. } => "0 or 105300 (one recipient)".to_owned(),
            Expect::Bare(status) => format!("HTTP {status}, no API body"),
            Expect::RefusedOrReset(refusal) => format!("{} or reset", refusal.code),
            Expect::Nothing => "none (client hangs up)".to_owned(),
        }
    }
}

/// How a request travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Transport {
    /// On the worker's keep-alive connection.
    KeepAlive,
    /// On a connection of its own, closed after the answer.
    Fresh,
    /// On a connection of its own whose sending side is shut once the bytes are written.
    HalfClose,
    /// On a connection of its own, closed as soon as the bytes are written.
    HangUp,
}

/// A request ready to go.
struct Prepared {
    bytes: Vec<u8>,
    transport: Transport,
    expect: Expect,
}

/// How an SDK signs.
#[derive(Debug, Clone, Copy)]
enum Style {
    /// The Python SDK: hex digest, seconds, `quote_plus`.
    Python,
    /// The Node SDK: base64 digest, milliseconds, `encodeURIComponent`.
    Node,
}

/// One signed query string: who signs, how, and when.
struct Signer<'a> {
    style: Style,
    key_id: &'a str,
    secret: &'a str,
    offset_secs: i64,
    action: Option<&'a str>,
    algorithm: &'a str,
}

impl<'a> Signer<'a> {
    fn new(style: Style, options: &'a Options) -> Self {
        Signer {
            style,
            key_id: &options.key_id,
            secret: &options.secret,
            offset_secs: 0,
            action: Some("sms.message.send"),
            algorithm: "hmac-sha256",
        }
    }

    fn secret(self, secret: &'a str) -> Self {
        Signer { secret, ..self }
    }

    fn key_id(self, key_id: &'a str) -> Self {
        Signer { key_id, ..self }
    }

    fn offset_secs(self, offset_secs: i64) -> Self {
        Signer {
            offset_secs,
            ..self
        }
    }

    fn action(self, action: Option<&'a str>) -> Self {
        Signer { action, ..self }
    }

    fn algorithm(self, algorithm: &'a str) -> Self {
        Signer { algorithm, ..self }
    }

    /// The query, signed.
    fn signed(&self, rng: &mut Rng) -> String {
        self.query(rng, |_| {})
    }

    /// The query, signed, then `edit`ed (to break it after signing).
    fn query(&self, rng: &mut Rng, edit: impl FnOnce(&mut Vec<(String, String)>)) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .expect("the clock is after 1970");
        let now_secs = i64::try_from(now.as_secs()).expect("seconds fit in i64");
        let timestamp = match self.style {
            Style::Python => now_secs + self.offset_secs,
            Style::Node => (now_secs + self.offset_secs) * 1000 + i64::from(now.subsec_millis()),
        };
        let mut pairs = vec![
            ("accessKeyId".to_owned(), self.key_id.to_owned()),
            ("algorithm".to_owned(), self.algorithm.to_owned()),
            ("timestamp".to_owned(), timestamp.to_string()),
            ("nonce".to_owned(), format!("{:016x}", rng.next())),
        ];
        if let Some(action) = self.action {
            pairs.insert(0, ("action".to_owned(), action.to_owned()));
        }
        let mut sorted = pairs.clone();
        sorted.sort();
        let encode = match self.style {
            Style::Python => quote_plus,
            Style::Node => encode_uri_component,
        };
        let signed = join_pairs(&sorted, encode);
        let mut mac = Hmac::<Sha256>::new_from_slice(self.secret.as_bytes())
            .expect("HMAC takes a key of any length");
        mac.update(signed.as_bytes());
        let digest = mac.finalize().into_bytes();
        let signature = match self.style {
            Style::Python => digest.iter().fold(String::new(), |mut hex, byte| {
                write!(hex, "{byte:02x}").expect("writing to a String cannot fail");
                hex
            }),
            Style::Node => STANDARD.encode(digest),
        };
        pairs.push(("signature".to_owned(), signature));
        edit(&mut pairs);
        join_pairs(&pairs, encode)
    }
}

fn join_pairs(pairs: &[(String, String)], encode: fn(&str) -> String) -> String {
    pairs
        .iter()
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn percent(text: &str, keep: &[u8], space: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
            out.push(char::from(byte));
        } else if byte == b' ' {
            out.push_str(space);
        } else {
            write!(out, "%{byte:02X}").expect("writing to a String cannot fail");
        }
    }
    out
}

fn quote_plus(text: &str) -> String {
    percent(text, b"-._~", "+")
}

fn encode_uri_component(text: &str) -> String {
    percent(text, b"-_.!~*'()", "%20")
}

/// The SMS a text takes: 160 ASCII characters in one, 153 per part beyond.
fn segments(text: &str) -> usize {
    assert!(text.is_ascii(), "only ASCII texts are sent");
    if text.len() <= 160 {
        1
    } else {
        text.len().div_ceil(153)
    }
}

/// A POST of `body` to `/?query`, declaring `declared` bytes (the body's length unless set).
fn post(query: &str, body: &[u8], declared: Option<usize>, close: bool) -> Vec<u8> {
    let mut bytes = format!(
        "POST /?{query} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json;charset=utf-8\r\n\
         Content-Length: {}\r\n{}\r\n",
        declared.unwrap_or(body.len()),
        if close { "Connection: close\r\n" } else { "" },
    )
    .into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn text_body(to: &Value, text: &str) -> Vec<u8> {
    json!({"to": to, "signature": SMS_SIGNATURE, "text": text})
        .to_string()
        .into_bytes()
}

/// A valid message whose body is exactly `size` bytes (at least 80).
fn padded_body(to: &str, size: usize) -> Vec<u8> {
    let empty = text_body(&json!(to), "").len();
    text_body(&json!(to), &"x".repeat(size.saturating_sub(empty)))
}

/// The bytes of a planned request, and what it must get.
#[allow(
    clippy::too_many_lines,
    reason = "one arm per kind reads best as one table"
)]
fn prepare(planned: &Planned, plan: &Plan, options: &Options) -> Prepared {
    let rng = &mut Rng(planned.seed);
    let python = Signer::new(Style::Python, options);
    let node = Signer::new(Style::Node, options);
    let either = if rng.next() % 2 == 0 {
        Style::Python
    } else {
        Style::Node
    };
    let valid_query = |rng: &mut Rng| Signer::new(either, options).signed(rng);
    let to = plan.spread(options, planned.first_slot);
    let limit = options.body_limit;
    let keep_alive = |bytes: Vec<u8>, expect: Expect| Prepared {
        bytes,
        transport: Transport::KeepAlive,
        expect,
    };
    let refused = |query: &str, body: &[u8], refusal: Refusal| {
        keep_alive(post(query, body, None, false), Expect::Refused(refusal))
    };
    let short = text_body(&json!(to), "Your code is 2048.");
    match planned.kind {
        Kind::SendHex | Kind::SendBase64 => {
            let signer = if planned.kind == Kind::SendHex {
                &python
            } else {
                &node
            };
            // One in five is long: several segments, up to close to the body limit.
            let text = if rng.below(5) == 0 {
                "x".repeat(161 + rng.below(limit - 300))
            } else {
                format!("Your code is {:04}.", rng.below(10_000))
            };
            let expect = Expect::Sent {
                to: vec![to.clone()],
                segments: segments(&text),
            };
            keep_alive(
                post(
                    &signer.query(rng, |_| {}),
                    &text_body(&json!(to), &text),
                    None,
                    false,
                ),
                expect,
            )
        }
        Kind::SendTemplate => {
            let code = rng.below(1_000_000);
            let data = if rng.next() % 2 == 0 {
                json!({TEMPLATE_PARAM: code})
            } else {
                json!({TEMPLATE_PARAM: code.to_string(), "extra": "kept"})
            };
            let body = json!({"to": to, "signature": SMS_SIGNATURE, "templateId": TEMPLATE_ID, "templateData": data});
            keep_alive(
                post(&valid_query(rng), body.to_string().as_bytes(), None, false),
                Expect::Sent {
                    to: vec![to],
                    segments: 1,
                },
            )
        }
        Kind::SendBatch => {
            let batch: Vec<String> = (0..3)
                .map(|index| plan.spread(options, planned.first_slot + index))
                .collect();
            let body = text_body(&json!(batch), "Your code is 2048.");
            keep_alive(
                post(&valid_query(rng), &body, None, false),
                Expect::Sent {
                    to: batch,
                    segments: 1,
                },
            )
        }
        Kind::SendHot => {
            let hot = hot_recipient(options);
            let body = text_body(&json!(hot), "Your code is 2048.");
            keep_alive(
                post(&valid_query(rng), &body, None, false),
                Expect::SentOrLimited { to: hot },
            )
        }
        Kind::WrongSignatureHex => {
            let query = match rng.below(5) {
                0 => Signer::new(Style::Python, options)
                    .secret("not-the-secret")
                    .signed(rng),
                1 => python.query(rng, |pairs| pairs[4].1 = "0".repeat(16)),
                2 => python.query(rng, |pairs| {
                    let digest = &mut pairs[5].1;
                    let first = if digest.starts_with('0') { "1" } else { "0" };
                    digest.replace_range(..1, first);
                }),
                3 => python.query(rng, |pairs| pairs.push(("extra".into(), "1".into()))),
                _ => Signer::new(Style::Python, options)
                    .algorithm("hmac-sha1")
                    .signed(rng),
            };
            refused(&query, &short, INVALID_SIGNATURE)
        }
        Kind::WrongSignatureBase64 => {
            let query = match rng.below(4) {
                0 => Signer::new(Style::Node, options)
                    .secret("not-the-secret")
                    .signed(rng),
                1 => node.query(rng, |pairs| {
                    let digest = &mut pairs[5].1;
                    let first = if digest.starts_with('A') { "B" } else { "A" };
                    digest.replace_range(..1, first);
                }),
                2 => node.query(rng, |pairs| pairs[5].1.truncate(20)),
                _ => node.query(rng, |pairs| {
                    pairs[5].1 = URL_SAFE_NO_PAD.encode([0x5a; 32]);
                }),
            };
            refused(&query, &short, INVALID_SIGNATURE)
        }
        Kind::StaleTimestamp => {
            let query = match rng.below(6) {
                0 => Signer::new(Style::Python, options)
                    .offset_secs(-11 * 60)
                    .signed(rng),
                1 => Signer::new(Style::Python, options)
                    .offset_secs(11 * 60)
                    .signed(rng),
                2 => Signer::new(Style::Node, options)
                    .offset_secs(-3600)
                    .signed(rng),
                3 => Signer::new(Style::Node, options)
                    .offset_secs(11 * 60)
                    .signed(rng),
                4 => python.query(rng, |pairs| "yesterday".clone_into(&mut pairs[3].1)),
                _ => python.query(rng, |pairs| {
                    pairs.remove(3);
                }),
            };
            refused(&query, &short, INVALID_TIMESTAMP)
        }
        Kind::MissingSignature => {
            let query = if rng.next() % 2 == 0 {
                python.query(rng, |pairs| {
                    pairs.pop();
                })
            } else {
                node.query(rng, |pairs| pairs[5].1.clear())
            };
            refused(&query, &short, MISSING_SIGNATURE)
        }
        Kind::MissingAccessKeyId => {
            let query = match rng.below(4) {
                0 => "action=sms.message.send".to_owned(),
                1 => format!("action=sms.message.send&accessKeyId=&x={}", rng.next()),
                2 => String::new(),
                _ => python.query(rng, |pairs| {
                    pairs.remove(1);
                }),
            };
            refused(&query, &short, MISSING_ACCESS_KEY_ID)
        }
        Kind::UnknownAccessKeyId => {
            let retired = format!("{}-retired", options.key_id);
            let key_id = if rng.next() % 2 == 0 {
                "someone-else"
            } else {
                retired.as_str()
            };
            let query = Signer::new(either, options).key_id(key_id).signed(rng);
            refused(&query, &short, INVALID_ACCESS_KEY_ID)
        }
        Kind::MissingAction => {
            let query = Signer::new(either, options).action(None).signed(rng);
            refused(&query, &short, MISSING_PARAMS)
        }
        Kind::UnknownAction => {
            let action = *rng.pick(&["otp.send", "sms.message.get", "SMS.MESSAGE.SEND"]);
            let query = Signer::new(either, options)
                .action(Some(action))
                .signed(rng);
            refused(&query, &short, INVALID_PARAMS)
        }
        Kind::NotJson => {
            let bodies: [&[u8]; 8] = [
                b"not json at all",
                b"",
                b"\xff\xfe{}",
                b"<send to='+12065550100'/>",
                b"{'to': '+12065550100'}",
                br#"{"to": "+12065550100"} trailing"#,
                b"to=%2B12065550100&text=hi",
                b"\0\0\0\0",
            ];
            let body = *rng.pick(&bodies);
            refused(&valid_query(rng), body, INVALID_PARAMS)
        }
        Kind::TruncatedJson => {
            // Any cut before the closing brace leaves an unclosed object.
            let cut = 1 + rng.below(short.len() - 2);
            refused(&valid_query(rng), &short[..cut], INVALID_PARAMS)
        }
        Kind::WrongTypes => {
            let bodies = [
                json!({"to": 12_065_550_100_u64, "signature": SMS_SIGNATURE, "text": "hi"}),
                json!({"to": to, "signature": SMS_SIGNATURE, "text": 5}),
                json!({"to": to, "signature": [SMS_SIGNATURE], "text": "hi"}),
                json!({"to": [to, 7], "signature": SMS_SIGNATURE, "text": "hi"}),
                json!({"to": to, "signature": SMS_SIGNATURE, "templateId": TEMPLATE_ID, "templateData": {"code": true}}),
                json!({"to": to, "signature": SMS_SIGNATURE, "templateId": TEMPLATE_ID, "templateData": "code=1"}),
                json!({"to": {"number": to}, "signature": SMS_SIGNATURE, "text": "hi"}),
                json!([to, SMS_SIGNATURE, "hi"]),
                json!("just a string"),
                json!(42),
                json!(null),
            ];
            refused(
                &valid_query(rng),
                rng.pick(&bodies).to_string().as_bytes(),
                INVALID_PARAMS,
            )
        }
        Kind::Oversized => {
            // Within the drain limit: the gateway reads it all and keeps the connection.
            let size = limit + 1 + rng.below(limit * (DRAIN_FACTOR - 2));
            refused(
                &valid_query(rng),
                &padded_body(&to, size),
                RESTRICTED_PARAMS,
            )
        }
        Kind::MissingRecipient => {
            let bodies = [
                json!({"signature": SMS_SIGNATURE, "text": "hi"}),
                json!({"to": null, "signature": SMS_SIGNATURE, "text": "hi"}),
                json!({"to": [], "signature": SMS_SIGNATURE, "text": "hi"}),
                json!({"to": "", "signature": SMS_SIGNATURE, "text": "hi"}),
                json!({"to": [to, ""], "signature": SMS_SIGNATURE, "text": "hi"}),
                json!({"to": to, "signature": SMS_SIGNATURE}),
                json!({"to": to, "signature": SMS_SIGNATURE, "text": ""}),
                json!({}),
            ];
            refused(
                &valid_query(rng),
                rng.pick(&bodies).to_string().as_bytes(),
                MISSING_PARAMS,
            )
        }
        Kind::BadPhone => {
            let numbers = [
                json!("12065550100"),
                json!("+1 206 555 0100"),
                json!("+0123456"),
                json!("+1234567890123456"),
                json!("+1206555O100"),
                json!("+"),
                json!([to, "+0123"]),
            ];
            let body = text_body(rng.pick(&numbers), "hi");
            refused(&valid_query(rng), &body, INVALID_PHONE_NUMBERS)
        }
        Kind::MissingSmsSignature => {
            let body = if rng.next() % 2 == 0 {
                json!({"to": to, "text": "hi"})
            } else {
                json!({"to": to, "signature": "", "text": "hi"})
            };
            refused(
                &valid_query(rng),
                body.to_string().as_bytes(),
                MISSING_SMS_SIGNATURE,
            )
        }
        Kind::UnknownSmsSignature => {
            let signature = *rng.pick(&["Globex", "acme", "Acme "]);
            let body = json!({"to": to, "signature": signature, "text": "hi"});
            refused(
                &valid_query(rng),
                body.to_string().as_bytes(),
                SMS_SIGNATURE_NOT_EXISTS,
            )
        }
        Kind::UnknownTemplate => {
            let template = *rng.pick(&["pub_welcome", "PUB_OTP", "pub_otp2"]);
            let body = json!({"to": to, "signature": SMS_SIGNATURE, "templateId": template,
                              "templateData": {TEMPLATE_PARAM: 1}});
            refused(
                &valid_query(rng),
                body.to_string().as_bytes(),
                SMS_TEMPLATE_NOT_EXISTS,
            )
        }
        Kind::MissingTemplateData => {
            let data = [
                json!(null),
                json!({}),
                json!({"name": "Ada"}),
                json!({"code": ""}),
            ];
            let body = json!({"to": to, "signature": SMS_SIGNATURE, "templateId": TEMPLATE_ID,
                              "templateData": rng.pick(&data)});
            refused(
                &valid_query(rng),
                body.to_string().as_bytes(),
                MISSING_TEMPLATE_DATA,
            )
        }
        Kind::WrongMethod => {
            let method = *rng.pick(&["GET", "PUT", "DELETE"]);
            let bytes = format!(
                "{method} /?{} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n",
                valid_query(rng)
            );
            keep_alive(bytes.into_bytes(), Expect::Bare(405))
        }
        Kind::WrongPath => {
            let bytes = format!(
                "POST /v2/send?{} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n\r\n",
                valid_query(rng),
                short.len()
            );
            let mut bytes = bytes.into_bytes();
            bytes.extend_from_slice(&short);
            keep_alive(bytes, Expect::Bare(404))
        }
        Kind::BodyPastDrain => {
            let size = limit * (DRAIN_FACTOR + 1) + rng.below(limit * DRAIN_FACTOR * 3);
            Prepared {
                bytes: post(&valid_query(rng), &padded_body(&to, size), None, true),
                transport: Transport::Fresh,
                expect: Expect::RefusedOrReset(RESTRICTED_PARAMS),
            }
        }
        Kind::ShortBodyHalfClose | Kind::ShortBodyHangUp => {
            let cut = rng.below(short.len());
            let declared = short.len() + 1 + rng.below(limit);
            let bytes = post(&valid_query(rng), &short[..cut], Some(declared), true);
            if planned.kind == Kind::ShortBodyHalfClose {
                // The body ends early: the gateway cannot read a JSON object from it.
                Prepared {
                    bytes,
                    transport: Transport::HalfClose,
                    expect: Expect::Refused(INVALID_PARAMS),
                }
            } else {
                Prepared {
                    bytes,
                    transport: Transport::HangUp,
                    expect: Expect::Nothing,
                }
            }
        }
        Kind::Garbage => {
            let (bytes, status): (Vec<u8>, u16) = match rng.below(10) {
                0 => (b"GARBAGE\r\n\r\n".to_vec(), 400),
                // The start of a TLS handshake.
                1 => (
                    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n".to_vec(),
                    400,
                ),
                2 => (
                    b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n".to_vec(),
                    400,
                ),
                3 => (
                    b"POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"
                        .to_vec(),
                    400,
                ),
                4 => (b"POST / HTTP/1.1\r\nHost x\r\n\r\n".to_vec(), 400),
                5 => (b"POST / HTTP/9.9\r\n\r\n".to_vec(), 400),
                6 => (
                    b"POST / HTTP/1.1\r\nContent-Length: 18446744073709551616\r\n\r\n".to_vec(),
                    400,
                ),
                7 => (b"POST  HTTP/1.1\r\n\r\n".to_vec(), 400),
                8 => {
                    let headers = (0..200).fold(String::new(), |mut headers, index| {
                        write!(headers, "X-{index}: 1\r\n")
                            .expect("writing to a String cannot fail");
                        headers
                    });
                    (
                        format!("POST / HTTP/1.1\r\n{headers}\r\n").into_bytes(),
                        431,
                    )
                }
                _ => {
                    let query = "a=b&".repeat(20_000);
                    (format!("POST /?{query} HTTP/1.1\r\n\r\n").into_bytes(), 414)
                }
            };
            Prepared {
                bytes,
                transport: Transport::Fresh,
                expect: Expect::Bare(status),
            }
        }
    }
}

/// A response as it came over the wire.
#[derive(Debug)]
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
    /// The server closes the connection after it.
    close: bool,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header == name)
            .map(|(_, value)| value.as_str())
    }
}

fn invalid_data(reason: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, reason.to_owned())
}

/// A complete response at the start of `bytes`, and the bytes it took; `None` when more bytes
/// are needed; `eof` when no more will come.
fn parse_response(bytes: &[u8], eof: bool) -> io::Result<Option<(Response, usize)>> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let incomplete = || {
        if eof {
            Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the connection closed within a response",
            ))
        } else {
            Ok(None)
        }
    };
    let Some(head_end) = bytes.windows(4).position(|window| window == b"\r\n\r\n") else {
        return incomplete();
    };
    let head = std::str::from_utf8(&bytes[..head_end]).map_err(|_| invalid_data("head"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut words = status_line.split(' ');
    let version = words.next().unwrap_or_default();
    let status: u16 = words
        .next()
        .and_then(|status| status.parse().ok())
        .ok_or_else(|| invalid_data("status line"))?;
    if !version.starts_with("HTTP/1.") {
        return Err(invalid_data("status line"));
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_owned()))
        .collect();
    let find = |name: &str| {
        headers
            .iter()
            .find(|(header, _)| header == name)
            .map(|(_, value)| value.as_str())
    };
    if find("transfer-encoding").is_some() {
        return Err(invalid_data(
            "a chunked answer: the gateway sends whole bodies",
        ));
    }
    let close = version == "HTTP/1.0"
        || find("connection").is_some_and(|value| value.eq_ignore_ascii_case("close"));
    let body_start = head_end + 4;
    let length = match find("content-length") {
        Some(length) => length
            .parse::<usize>()
            .map_err(|_| invalid_data("content-length"))?,
        None if status == 204 || status == 304 || (100..200).contains(&status) => 0,
        // Delimited by the end of the connection.
        None if eof => bytes.len() - body_start,
        None => return Ok(None),
    };
    let Some(body) = bytes.get(body_start..body_start + length) else {
        return incomplete();
    };
    let response = Response {
        status,
        body: body.to_vec(),
        headers,
        close,
    };
    Ok(Some((response, body_start + length)))
}

/// Writes `request` while reading, until a whole response arrived; `None` when the server
/// closed the connection without answering. Reading while writing lets the server answer
/// before it read a large body, as the gateway does past its drain limit.
async fn exchange(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    request: &[u8],
    half_close: bool,
) -> io::Result<Option<Response>> {
    let mut written = 0;
    let mut write_error = None;
    let mut eof = false;
    let mut chunk = vec![0; 64 * 1024];
    loop {
        match parse_response(buffer, eof) {
            Ok(Some((response, used))) => {
                buffer.drain(..used);
                return Ok(Some(response));
            }
            Ok(None) => {}
            // The write error explains a truncated answer better than the truncation.
            Err(error) => return Err(write_error.unwrap_or(error)),
        }
        if eof {
            return write_error.map_or(Ok(None), Err);
        }
        let writing = written < request.len() && write_error.is_none();
        let interest = if writing {
            Interest::READABLE | Interest::WRITABLE
        } else {
            Interest::READABLE
        };
        let ready = stream.ready(interest).await?;
        if writing && ready.is_writable() {
            match stream.try_write(&request[written..]) {
                Ok(count) => {
                    written += count;
                    if written == request.len() && half_close {
                        shutdown_write(stream).await?;
                    }
                }
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                // An answer may still be waiting to be read: keep reading.
                Err(error) => write_error = Some(error),
            }
        }
        if ready.is_readable() {
            match stream.try_read(&mut chunk) {
                Ok(0) => eof = true,
                Ok(count) => buffer.extend_from_slice(&chunk[..count]),
                Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
                Err(error) => return Err(write_error.unwrap_or(error)),
            }
        }
    }
}

async fn shutdown_write(stream: &mut TcpStream) -> io::Result<()> {
    std::future::poll_fn(|context| Pin::new(&mut *stream).poll_shutdown(context)).await
}

async fn write_all(stream: &TcpStream, mut bytes: &[u8]) -> io::Result<()> {
    while !bytes.is_empty() {
        stream.writable().await?;
        match stream.try_write(bytes) {
            Ok(count) => bytes = &bytes[count..],
            Err(error) if error.kind() == io::ErrorKind::WouldBlock => {}
            Err(error) => return Err(error),
        }
    }
    Ok(())
}

/// What happened to a request.
#[derive(Debug)]
enum Observed {
    Answer(Response),
    /// The server closed the connection without answering.
    Closed,
    Failed(io::Error),
    TimedOut,
    /// The client hung up, as planned.
    HungUp,
}

/// A worker's keep-alive connection.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

async fn send(
    addr: SocketAddr,
    connection: &mut Option<Connection>,
    prepared: &Prepared,
    stats: &mut Stats,
) -> Observed {
    if prepared.transport != Transport::KeepAlive {
        let mut stream = match TcpStream::connect(addr).await {
            Ok(stream) => stream,
            Err(error) => return Observed::Failed(error),
        };
        if prepared.transport == Transport::HangUp {
            return match write_all(&stream, &prepared.bytes).await {
                Ok(()) => Observed::HungUp,
                Err(error) => Observed::Failed(error),
            };
        }
        let half_close = prepared.transport == Transport::HalfClose;
        return match exchange(&mut stream, &mut Vec::new(), &prepared.bytes, half_close).await {
            Ok(Some(response)) => Observed::Answer(response),
            Ok(None) => Observed::Closed,
            Err(error) => Observed::Failed(error),
        };
    }
    if connection.is_none() {
        match TcpStream::connect(addr).await {
            Ok(stream) => {
                stats.connections += 1;
                *connection = Some(Connection {
                    stream,
                    buffer: Vec::new(),
                });
            }
            Err(error) => return Observed::Failed(error),
        }
    }
    let open = connection.as_mut().expect("connected above");
    let observed = match exchange(&mut open.stream, &mut open.buffer, &prepared.bytes, false).await
    {
        Ok(Some(response)) => Observed::Answer(response),
        Ok(None) => Observed::Closed,
        Err(error) => Observed::Failed(error),
    };
    let keep = match &observed {
        Observed::Answer(response) => !response.close,
        _ => false,
    };
    if !keep {
        if matches!(observed, Observed::Answer(_)) {
            stats.closed_by_server += 1;
        }
        *connection = None;
    }
    observed
}

/// Checks an answer; `Ok` names the outcome when more than one is right.
fn judge(expect: &Expect, observed: &Observed) -> Result<&'static str, String> {
    match (expect, observed) {
        (Expect::Refused(refusal), Observed::Answer(response)) => {
            check_refusal(response, *refusal).map(|()| "refused")
        }
        (Expect::Sent { to, segments }, Observed::Answer(response)) => {
            check_sent(response, to, *segments).map(|()| "sent")
        }
        (Expect::SentOrLimited { to }, Observed::Answer(response)) => {
            if response.status == 200 {
                check_sent(response, std::slice::from_ref(to), 1).map(|()| "sent")
            } else {
                check_refusal(response, LIMIT_EXCEED).map(|()| "limited")
            }
        }
        (Expect::Bare(status), Observed::Answer(response)) => {
            if response.status == *status {
                Ok("answered")
            } else {
                Err(format!("HTTP {}, expected {status}", response.status))
            }
        }
        (Expect::RefusedOrReset(refusal), Observed::Answer(response)) => {
            check_refusal(response, *refusal).map(|()| "refused")
        }
        (Expect::RefusedOrReset(_), Observed::Closed) => Ok("closed"),
        (Expect::RefusedOrReset(_), Observed::Failed(error))
            if matches!(
                error.kind(),
                io::ErrorKind::ConnectionReset | io::ErrorKind::BrokenPipe
            ) =>
        {
            Ok("reset")
        }
        (Expect::Nothing, Observed::HungUp) => Ok("hung up"),
        (_, Observed::Answer(response)) => Err(format!(
            "an answer, HTTP {}, where none was expected",
            response.status
        )),
        (_, Observed::Closed) => Err("the server closed the connection unanswered".to_owned()),
        (_, Observed::Failed(error)) => Err(format!("connection error: {error}")),
        (_, Observed::TimedOut) => Err(format!("no answer within {IO_TIMEOUT:?}")),
        (_, Observed::HungUp) => Err("hung up".to_owned()),
    }
}

fn body_text(response: &Response) -> String {
    let text = String::from_utf8_lossy(&response.body);
    text.chars().take(300).collect()
}

fn check_api_headers(response: &Response) -> Result<(), String> {
    if response.header("content-type") != Some("application/json") {
        return Err(format!(
            "content-type {:?}",
            response.header("content-type")
        ));
    }
    match response.header("x-uni-request-id") {
        Some(id) if id.len() == 32 && id.bytes().all(|byte| byte.is_ascii_hexdigit()) => Ok(()),
        other => Err(format!("x-uni-request-id {other:?}")),
    }
}

fn check_refusal(response: &Response, refusal: Refusal) -> Result<(), String> {
    let expected =
        json!({"code": refusal.code, "message": refusal.message, "detail": refusal.detail});
    let body: Option<Value> = serde_json::from_slice(&response.body).ok();
    if response.status != refusal.status || body.as_ref() != Some(&expected) {
        return Err(format!(
            "HTTP {} {}, expected HTTP {} {expected}",
            response.status,
            body_text(response),
            refusal.status
        ));
    }
    check_api_headers(response)
}

fn check_sent(response: &Response, to: &[String], segments: usize) -> Result<(), String> {
    let wrong = || {
        format!(
            "HTTP {} {}, expected a success to {to:?}",
            response.status,
            body_text(response)
        )
    };
    let body: Value = serde_json::from_slice(&response.body).map_err(|_| wrong())?;
    let data = &body["data"];
    let messages = data["messages"].as_array().ok_or_else(wrong)?;
    let right = response.status == 200
        && body["code"] == "0"
        && body["message"] == "Success"
        && data["recipients"] == to.len()
        && data["messageCount"] == to.len() * segments
        && messages.len() == to.len()
        && messages.iter().zip(to).all(|(message, to)| {
            message["to"] == to.as_str()
                && message["status"] == "sent"
                && message["messageCount"] == segments
                && message["id"].as_str().is_some_and(|id| id.len() == 32)
        });
    if right {
        check_api_headers(response)
    } else {
        Err(wrong())
    }
}

/// One row of the report.
#[derive(Debug, Default, Clone)]
struct Tally {
    requests: u64,
    mismatches: u64,
    outcomes: BTreeMap<&'static str, u64>,
}

/// What a worker saw.
#[derive(Debug, Default)]
struct Stats {
    latencies_micros: Vec<u32>,
    by_expect: BTreeMap<String, Tally>,
    by_kind: BTreeMap<Kind, u64>,
    mismatches: u64,
    server_errors: u64,
    timeouts: u64,
    connection_failures: u64,
    shown: Vec<String>,
    connections: u64,
    closed_by_server: u64,
    hot_sent: u64,
    hot_requests: u64,
}

impl Stats {
    fn record(
        &mut self,
        planned: &Planned,
        prepared: &Prepared,
        observed: &Observed,
        took: Duration,
    ) {
        self.latencies_micros
            .push(u32::try_from(took.as_micros()).unwrap_or(u32::MAX));
        *self.by_kind.entry(planned.kind).or_default() += 1;
        let tally = self.by_expect.entry(prepared.expect.label()).or_default();
        tally.requests += 1;
        if let Observed::Answer(response) = observed
            && response.status >= 500
        {
            self.server_errors += 1;
        }
        match judge(&prepared.expect, observed) {
            Ok(outcome) => {
                *tally.outcomes.entry(outcome).or_default() += 1;
                if planned.kind == Kind::SendHot {
                    self.hot_requests += 1;
                    if outcome == "sent" {
                        self.hot_sent += 1;
                    }
                }
            }
            Err(mismatch) => {
                tally.mismatches += 1;
                self.mismatches += 1;
                match observed {
                    Observed::TimedOut => self.timeouts += 1,
                    Observed::Closed | Observed::Failed(_) => self.connection_failures += 1,
                    Observed::Answer(_) | Observed::HungUp => {}
                }
                if self.shown.len() < SHOWN_MISMATCHES {
                    let request =
                        String::from_utf8_lossy(&prepared.bytes[..prepared.bytes.len().min(400)])
                            .into_owned();
                    self.shown.push(format!(
                        "{:?} (seed {:#x}, {:?}): {mismatch}\n    request: {request:?}",
                        planned.kind, planned.seed, prepared.transport
                    ));
                }
            }
        }
    }

    fn merge(&mut self, other: Stats) {
        self.latencies_micros.extend(other.latencies_micros);
        for (label, tally) in other.by_expect {
            let mine = self.by_expect.entry(label).or_default();
            mine.requests += tally.requests;
            mine.mismatches += tally.mismatches;
            for (outcome, count) in tally.outcomes {
                *mine.outcomes.entry(outcome).or_default() += count;
            }
        }
        for (kind, count) in other.by_kind {
            *self.by_kind.entry(kind).or_default() += count;
        }
        self.mismatches += other.mismatches;
        self.server_errors += other.server_errors;
        self.timeouts += other.timeouts;
        self.connection_failures += other.connection_failures;
        let room = SHOWN_MISMATCHES.saturating_sub(self.shown.len());
        self.shown.extend(other.shown.into_iter().take(room));
        self.connections += other.connections;
        self.closed_by_server += other.closed_by_server;
        self.hot_sent += other.hot_sent;
        self.hot_requests += other.hot_requests;
    }
}

/// What the workers share.
struct Shared {
    options: Options,
    plan: Plan,
    next: AtomicUsize,
    deadline: Instant,
}

async fn worker(shared: Arc<Shared>) -> Stats {
    let mut stats = Stats::default();
    let mut connection = None;
    while Instant::now() < shared.deadline {
        let index = shared.next.fetch_add(1, Ordering::Relaxed);
        let Some(planned) = shared.plan.requests.get(index) else {
            break;
        };
        let prepared = prepare(planned, &shared.plan, &shared.options);
        let started = Instant::now();
        let sending = send(shared.options.addr, &mut connection, &prepared, &mut stats);
        let observed = tokio::time::timeout(IO_TIMEOUT, sending)
            .await
            .unwrap_or(Observed::TimedOut);
        if matches!(observed, Observed::TimedOut) {
            connection = None;
        }
        stats.record(planned, &prepared, &observed, started.elapsed());
    }
    stats
}

fn millis(micros: u32) -> f64 {
    f64::from(micros) / 1000.0
}

/// The count as a float, for rates; exact below 2^53.
fn float(count: u64) -> f64 {
    let high = u32::try_from(count >> 32).unwrap_or(u32::MAX);
    let low = u32::try_from(count & 0xFFFF_FFFF).expect("masked to 32 bits");
    f64::from(high) * 4_294_967_296.0 + f64::from(low)
}

/// The run's verdict: prints the report, and whether everything was right.
fn report(options: &Options, mut stats: Stats, elapsed: Duration) -> bool {
    let sent = stats.latencies_micros.len();
    stats.latencies_micros.sort_unstable();
    let at = |per_mille: usize| {
        stats
            .latencies_micros
            .get((sent * per_mille / 1000).min(sent.saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    };
    let (p50, p99, max) = (at(500), at(990), at(1000));
    let sent_count = u64::try_from(sent).expect("usize fits in u64");
    let rps = float(sent_count) / elapsed.as_secs_f64();
    println!("requests by kind:");
    for (kind, count) in &stats.by_kind {
        println!("  {:<24} {count:>7}", format!("{kind:?}"));
    }
    println!("answers by expected code:            requests  mismatches  outcomes");
    for (label, tally) in &stats.by_expect {
        let outcomes: Vec<String> = tally
            .outcomes
            .iter()
            .map(|(outcome, count)| format!("{outcome} {count}"))
            .collect();
        println!(
            "  {label:<34} {:>8}  {:>10}  {}",
            tally.requests,
            tally.mismatches,
            outcomes.join(", ")
        );
    }
    // No more than the limit per recipient within a minute: in a run under a minute exactly
    // the limit succeeds, whatever the order; a longer one may see the window slide.
    let limit = u64::from(options.rate_limit);
    let windows = elapsed.as_secs() / 60 + 1;
    let fewest = limit.min(stats.hot_requests);
    let most = (limit * windows).min(stats.hot_requests);
    let hot_right = (fewest..=most).contains(&stats.hot_sent);
    println!(
        "one recipient: {} of {} sent (the rate limit allows {fewest}..={most} in {:.1} s){}",
        stats.hot_sent,
        stats.hot_requests,
        elapsed.as_secs_f64(),
        if hot_right { "" } else { ": WRONG" }
    );
    for shown in &stats.shown {
        println!("mismatch: {shown}");
    }
    let complete = sent == options.requests;
    if !complete {
        println!(
            "incomplete: {sent} of {} requests within {} s",
            options.requests, options.max_secs
        );
    }
    println!(
        "keep-alive connections opened: {}, closed by the server after an answer: {}",
        stats.connections, stats.closed_by_server
    );
    println!(
        "summary requests={sent} seconds={:.2} rps={rps:.0} p50_ms={:.2} p99_ms={:.2} \
         max_ms={:.2} mismatches={} 5xx={} timeouts={} connection_failures={} hot_sent={}",
        elapsed.as_secs_f64(),
        millis(p50),
        millis(p99),
        millis(max),
        stats.mismatches,
        stats.server_errors,
        stats.timeouts,
        stats.connection_failures,
        stats.hot_sent,
    );
    complete
        && hot_right
        && stats.mismatches == 0
        && stats.server_errors == 0
        && stats.timeouts == 0
        && stats.connection_failures == 0
}

/// One valid message to a recipient of its own, checked: the gateway still answers right.
async fn probe(options: &Options) -> Result<(), String> {
    let to = "+12069000001".to_owned();
    let query = Signer::new(Style::Python, options).signed(&mut Rng(options.seed));
    let prepared = Prepared {
        bytes: post(&query, &text_body(&json!(to), "still there?"), None, true),
        transport: Transport::Fresh,
        expect: Expect::Sent {
            to: vec![to],
            segments: 1,
        },
    };
    let mut stats = Stats::default();
    let mut connection = None;
    let sending = send(options.addr, &mut connection, &prepared, &mut stats);
    let observed = tokio::time::timeout(IO_TIMEOUT, sending)
        .await
        .unwrap_or(Observed::TimedOut);
    judge(&prepared.expect, &observed).map(|_| ())
}

fn main() -> ExitCode {
    let options = match options_or_exit("load", USAGE, parse_options(std::env::args().skip(1))) {
        Ok(options) => options,
        Err(code) => return code,
    };
    let runtime = match apicode_tests::load::runtime("load") {
        Ok(runtime) => runtime,
        Err(code) => return code,
    };
    if options.probe {
        return match runtime.block_on(probe(&options)) {
            Ok(()) => {
                println!("probe: a valid message was sent");
                ExitCode::SUCCESS
            }
            Err(mismatch) => {
                println!("probe: {mismatch}");
                ExitCode::FAILURE
            }
        };
    }
    let plan = match Plan::new(&options) {
        Ok(plan) => plan,
        Err(mistake) => {
            eprintln!("load: {mistake}");
            return ExitCode::from(2);
        }
    };
    // Past the deadline no request starts, and each one in flight times out: if the run still
    // has not ended, something is stuck, and the process goes anyway.
    let limit = Duration::from_secs(options.max_secs) + IO_TIMEOUT + Duration::from_secs(5);
    watchdog("load", limit, 3);
    println!(
        "load: {} requests over {} connections to {}, seed {}, {} recipients",
        options.requests, options.connections, options.addr, options.seed, plan.recipients
    );
    let started = Instant::now();
    let shared = Arc::new(Shared {
        deadline: started + Duration::from_secs(options.max_secs),
        next: AtomicUsize::new(0),
        plan,
        options: options.clone(),
    });
    let stats = runtime.block_on(async {
        let workers: Vec<_> = (0..options.connections)
            .map(|_| tokio::spawn(worker(Arc::clone(&shared))))
            .collect();
        let mut total = Stats::default();
        for worker in workers {
            match worker.await {
                Ok(stats) => total.merge(stats),
                Err(error) => panic!("a worker failed: {error}"),
            }
        }
        total
    });
    if report(&options, stats, started.elapsed()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

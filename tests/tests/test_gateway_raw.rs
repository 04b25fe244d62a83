//! The gateway over raw HTTP/1.1: every path, with the bytes no SDK sends (broken JSON, stale
//! timestamps, a missing key id, oversized bodies, the Node SDK's base64 digest and millisecond
//! timestamp), each answer checked for its status, content type, body and request id.
//!
//! The signatures here are computed independently of the gateway's code, following the two
//! official SDKs: Python signs `urlencode(sorted(query))` (space as `+`) with a hex digest and a
//! timestamp in seconds; Node signs pairs encoded with `encodeURIComponent` (space as `%20`)
//! with a base64 digest and a timestamp in milliseconds, and axios sends the query with its own
//! escaping.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::{self, Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use apicode::ApiError;
use apicode_sms::SmsError;
use apicode_tests::client::raw::{self, RawResponse};
use apicode_tests::gateway::{Config, Server};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use serde_json::{Value, json};
use sha2::Sha256;

const KEY_ID: &str = "raw-key";
const SECRET: &str = "raw-secret";
const TO: &str = "+12065550100";

fn hmac_gateway() -> Server {
    Server::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .secret(SECRET)
            .sms_signature("Acme")
            .template("pub_otp", &["code"])
            .rate_limit(3)
            .body_limit(1024),
    )
    .expect("the gateway starts")
}

fn simple_gateway() -> Server {
    Server::start(Config::new("127.0.0.1:0", KEY_ID).sms_signature("Acme"))
        .expect("the gateway starts")
}

/// How a client signs.
#[derive(Clone, Copy)]
enum Sdk {
    /// Hex digest, seconds, `urlencode` (space as `+`).
    Python,
    /// Base64 digest, milliseconds, `encodeURIComponent` (space as `%20`), sent as axios does.
    Node,
}

fn now_secs() -> i64 {
    let elapsed = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
    i64::try_from(elapsed.as_secs()).unwrap()
}

fn percent(text: &str, keep: &[u8], space: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || keep.contains(&byte) {
                char::from(byte).to_string()
            } else if byte == b' ' {
                space.to_owned()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

fn quote_plus(text: &str) -> String {
    percent(text, b"-._~", "+")
}

fn encode_uri_component(text: &str) -> String {
    percent(text, b"-_.!~*'()", "%20")
}

/// axios 0.27's query escaping: `encodeURIComponent`, then a few characters put back.
fn axios_encode(text: &str) -> String {
    encode_uri_component(text)
        .replace("%3A", ":")
        .replace("%24", "$")
        .replace("%2C", ",")
        .replace("%20", "+")
        .replace("%5B", "[")
        .replace("%5D", "]")
}

/// The query string of a request signed by `sdk` with `secret`, the timestamp `offset_secs`
/// away from now; `edit` may change the pairs after signing.
fn signed_query(
    sdk: Sdk,
    key_id: &str,
    secret: &str,
    offset_secs: i64,
    edit: impl FnOnce(&mut Vec<(String, String)>),
) -> String {
    let timestamp = match sdk {
        Sdk::Python => now_secs() + offset_secs,
        Sdk::Node => (now_secs() + offset_secs) * 1000 + 123,
    };
    let mut pairs = vec![
        ("action".to_owned(), "sms.message.send".to_owned()),
        ("accessKeyId".to_owned(), key_id.to_owned()),
        ("algorithm".to_owned(), "hmac-sha256".to_owned()),
        ("timestamp".to_owned(), timestamp.to_string()),
        ("nonce".to_owned(), "5f2a9c01d3e4b786".to_owned()),
    ];
    let mut sorted = pairs.clone();
    sorted.sort();
    let encode_signed = match sdk {
        Sdk::Python => quote_plus,
        Sdk::Node => encode_uri_component,
    };
    let signed = sorted
        .iter()
        .map(|(key, value)| format!("{key}={}", encode_signed(value)))
        .collect::<Vec<_>>()
        .join("&");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(signed.as_bytes());
    let digest = mac.finalize().into_bytes();
    let signature = match sdk {
        Sdk::Python => digest.iter().fold(String::new(), |mut hex, byte| {
            write!(hex, "{byte:02x}").expect("writing to a String cannot fail");
            hex
        }),
        Sdk::Node => base64::engine::general_purpose::STANDARD.encode(digest),
    };
    pairs.push(("signature".to_owned(), signature));
    edit(&mut pairs);
    let encode_sent = match sdk {
        Sdk::Python => quote_plus,
        Sdk::Node => axios_encode,
    };
    pairs
        .iter()
        .map(|(key, value)| format!("{key}={}", encode_sent(value)))
        .collect::<Vec<_>>()
        .join("&")
}

fn python_query() -> String {
    signed_query(Sdk::Python, KEY_ID, SECRET, 0, |_| {})
}

fn post(addr: SocketAddr, query: &str, body: &Value) -> RawResponse {
    post_bytes(addr, query, body.to_string().as_bytes())
}

fn post_bytes(addr: SocketAddr, query: &str, body: &[u8]) -> RawResponse {
    raw::post(addr, &format!("/?{query}"), body).expect("the gateway answers")
}

fn text(to: &str) -> Value {
    json!({"to": to, "signature": "Acme", "text": "Your code is 2048."})
}

fn request_id(response: &RawResponse) -> String {
    let id = response
        .header("x-uni-request-id")
        .expect("every answer carries x-uni-request-id");
    assert_eq!(id.len(), 32, "request id {id}");
    id.to_owned()
}

/// The answer is `expected` exactly as the API sends it, with its human text in English (the
/// request names no language).
#[track_caller]
fn assert_refused(response: &RawResponse, expected: SmsError) {
    let body = response.json();
    assert_eq!(
        body,
        json!({"code": u32::from(expected).to_string(), "message": expected.message(),
               "detail": expected.to_string()}),
        "expected {expected:?}"
    );
    assert_eq!(
        response.status,
        expected.http_status(),
        "status of {expected:?}"
    );
    assert_eq!(response.header("content-type"), Some("application/json"));
    request_id(response);
}

#[track_caller]
fn assert_sent(response: &RawResponse, to: &[&str]) -> Value {
    let body = response.json();
    assert_eq!(response.status, 200, "{body}");
    assert_eq!(response.header("content-type"), Some("application/json"));
    assert_eq!(body["code"], "0", "{body}");
    assert_eq!(body["message"], "Success");
    let data = &body["data"];
    assert_eq!(data["recipients"], to.len());
    let recipients: Vec<&str> = data["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|message| message["to"].as_str().unwrap())
        .collect();
    assert_eq!(recipients, to);
    request_id(response);
    data.clone()
}

#[test]
fn python_style_hex_digest_and_seconds_are_accepted() {
    let gateway = hmac_gateway();
    let response = post(gateway.addr(), &python_query(), &text(TO));
    let data = assert_sent(&response, &[TO]);
    assert_eq!(data["messages"][0]["status"], "sent");
    assert_eq!(data["messages"][0]["signature"], "Acme");
    assert_eq!(data["messageCount"], 1);
}

#[test]
fn node_style_base64_digest_and_milliseconds_are_accepted() {
    let gateway = hmac_gateway();
    let query = signed_query(Sdk::Node, KEY_ID, SECRET, 0, |_| {});
    assert_sent(&post(gateway.addr(), &query, &text(TO)), &[TO]);
}

#[test]
fn a_key_id_with_spaces_and_symbols_verifies_under_both_encodings() {
    let key_id = "team key+1/é";
    let gateway = Server::start(
        Config::new("127.0.0.1:0", key_id)
            .secret(SECRET)
            .sms_signature("Acme"),
    )
    .unwrap();
    for sdk in [Sdk::Python, Sdk::Node] {
        let query = signed_query(sdk, key_id, SECRET, 0, |_| {});
        assert_sent(&post(gateway.addr(), &query, &text(TO)), &[TO]);
    }
}

#[test]
fn a_base64_plus_sent_unescaped_still_verifies() {
    let gateway = hmac_gateway();
    // Find a request whose base64 digest has a `+`, then send it without escaping it: form
    // decoding reads it as a space.
    for offset in 0..64 {
        let query = signed_query(Sdk::Node, KEY_ID, SECRET, -offset, |_| {});
        if query.contains("%2B") {
            let query = query.replace("%2B", "+");
            assert_sent(&post(gateway.addr(), &query, &text(TO)), &[TO]);
            return;
        }
    }
    panic!("no digest with a `+` in 64 tries");
}

#[test]
fn missing_or_empty_access_key_id() {
    let gateway = hmac_gateway();
    let response = post(gateway.addr(), "action=sms.message.send", &text(TO));
    assert_refused(&response, SmsError::MissingAccessKeyId);
    let response = post(
        gateway.addr(),
        "action=sms.message.send&accessKeyId=",
        &text(TO),
    );
    assert_refused(&response, SmsError::MissingAccessKeyId);
    let response = post_bytes(gateway.addr(), "", b"");
    assert_refused(&response, SmsError::MissingAccessKeyId);
}

#[test]
fn unknown_access_key_id() {
    let gateway = hmac_gateway();
    let query = signed_query(Sdk::Python, "someone-else", SECRET, 0, |_| {});
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::InvalidAccessKeyId,
    );
    let simple = simple_gateway();
    let response = post(
        simple.addr(),
        "action=sms.message.send&accessKeyId=nobody",
        &text(TO),
    );
    assert_refused(&response, SmsError::InvalidAccessKeyId);
}

#[test]
fn missing_signature_in_hmac_mode() {
    let gateway = hmac_gateway();
    let query = format!("action=sms.message.send&accessKeyId={KEY_ID}");
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::MissingSignature,
    );
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, 0, |pairs| {
        pairs.retain(|(key, _)| key != "signature");
    });
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::MissingSignature,
    );
}

#[test]
fn wrong_signatures() {
    let gateway = hmac_gateway();
    for sdk in [Sdk::Python, Sdk::Node] {
        let query = signed_query(sdk, KEY_ID, "not-the-secret", 0, |_| {});
        assert_refused(
            &post(gateway.addr(), &query, &text(TO)),
            SmsError::InvalidSignature,
        );
    }
    // Signed, then a signed pair changed.
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, 0, |pairs| {
        pairs[4].1 = "0000000000000000".to_owned();
    });
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::InvalidSignature,
    );
    // A pair added after signing.
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, 0, |pairs| {
        pairs.push(("extra".to_owned(), "1".to_owned()));
    });
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::InvalidSignature,
    );
    // Not a digest at all, and another algorithm.
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, 0, |pairs| {
        pairs[5].1 = "not a digest!".to_owned();
    });
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::InvalidSignature,
    );
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, 0, |pairs| {
        pairs[2].1 = "hmac-sha1".to_owned();
    });
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::InvalidSignature,
    );
}

#[test]
fn stale_future_and_malformed_timestamps() {
    let gateway = hmac_gateway();
    // Correctly signed, eleven minutes off, in seconds and in milliseconds.
    for (sdk, offset) in [
        (Sdk::Python, -11 * 60),
        (Sdk::Python, 11 * 60),
        (Sdk::Node, -11 * 60),
        (Sdk::Node, 11 * 60),
    ] {
        let query = signed_query(sdk, KEY_ID, SECRET, offset, |_| {});
        assert_refused(
            &post(gateway.addr(), &query, &text(TO)),
            SmsError::InvalidSignatureTimestamp,
        );
    }
    // Nine minutes off is within the window.
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, -9 * 60, |_| {});
    assert_sent(&post(gateway.addr(), &query, &text(TO)), &[TO]);
    // Not a number, and no timestamp at all.
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, 0, |pairs| {
        pairs[3].1 = "yesterday".to_owned();
    });
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::InvalidSignatureTimestamp,
    );
    let query = signed_query(Sdk::Python, KEY_ID, SECRET, 0, |pairs| {
        pairs.remove(3);
    });
    assert_refused(
        &post(gateway.addr(), &query, &text(TO)),
        SmsError::InvalidSignatureTimestamp,
    );
}

#[test]
fn missing_or_unknown_action() {
    let gateway = simple_gateway();
    let response = post(gateway.addr(), &format!("accessKeyId={KEY_ID}"), &text(TO));
    assert_refused(&response, SmsError::MissingParams);
    let response = post(
        gateway.addr(),
        &format!("action=otp.send&accessKeyId={KEY_ID}"),
        &text(TO),
    );
    assert_refused(&response, SmsError::InvalidParams);
}

#[test]
fn broken_json_is_invalid_params_never_a_500() {
    let gateway = hmac_gateway();
    let bodies: [&[u8]; 6] = [
        br#"{"to": "+12065550100", "signature": "Acme", "text": "#,
        b"",
        b"not json at all",
        br#"{"to": "+12065550100"} trailing"#,
        b"\xff\xfe{}",
        br#"["+12065550100", "Acme", "text"]"#,
    ];
    for body in bodies {
        let response = post_bytes(gateway.addr(), &python_query(), body);
        assert_refused(&response, SmsError::InvalidParams);
    }
}

#[test]
fn wrong_types_are_invalid_params() {
    let gateway = hmac_gateway();
    let bodies = [
        json!({"to": 12_065_550_100_u64, "signature": "Acme", "text": "hi"}),
        json!({"to": TO, "signature": "Acme", "text": 5}),
        json!({"to": TO, "signature": ["Acme"], "text": "hi"}),
        json!({"to": [TO, 7], "signature": "Acme", "text": "hi"}),
        json!({"to": TO, "signature": "Acme", "templateId": "pub_otp", "templateData": {"code": true}}),
        json!({"to": TO, "signature": "Acme", "templateId": "pub_otp", "templateData": "code=1"}),
        json!("just a string"),
    ];
    for body in &bodies {
        let response = post(gateway.addr(), &python_query(), body);
        assert_refused(&response, SmsError::InvalidParams);
    }
}

#[test]
fn oversized_body_is_refused_with_a_table_code() {
    let gateway = hmac_gateway();
    // The limit is 1024 bytes: a valid message padded past it.
    let body = json!({"to": TO, "signature": "Acme", "text": "x".repeat(4000)});
    let response = post(gateway.addr(), &python_query(), &body);
    assert_refused(&response, SmsError::RestrictedParams);
    // Just under the limit goes through.
    let body = json!({"to": TO, "signature": "Acme", "text": "x".repeat(900)});
    let data = assert_sent(&post(gateway.addr(), &python_query(), &body), &[TO]);
    assert_eq!(
        data["messageCount"], 6,
        "900 characters take 6 segments of 153"
    );
}

#[test]
fn missing_recipient_or_content() {
    let gateway = hmac_gateway();
    let bodies = [
        json!({"signature": "Acme", "text": "hi"}),
        json!({"to": null, "signature": "Acme", "text": "hi"}),
        json!({"to": [], "signature": "Acme", "text": "hi"}),
        json!({"to": "", "signature": "Acme", "text": "hi"}),
        json!({"to": TO, "signature": "Acme"}),
        json!({"to": TO, "signature": "Acme", "text": ""}),
        json!({}),
    ];
    for body in &bodies {
        let response = post(gateway.addr(), &python_query(), body);
        assert_refused(&response, SmsError::MissingParams);
    }
}

#[test]
fn recipients_not_in_e164() {
    let gateway = hmac_gateway();
    for to in [
        json!("12065550100"),
        json!("+1 206 555 0100"),
        json!([TO, "+0123"]),
    ] {
        let body = json!({"to": to, "signature": "Acme", "text": "hi"});
        let response = post(gateway.addr(), &python_query(), &body);
        assert_refused(&response, SmsError::InvalidPhoneNumbers);
    }
}

#[test]
fn missing_or_unknown_sms_signature() {
    let gateway = hmac_gateway();
    for body in [
        json!({"to": TO, "text": "hi"}),
        json!({"to": TO, "signature": "", "text": "hi"}),
    ] {
        let response = post(gateway.addr(), &python_query(), &body);
        assert_refused(&response, SmsError::MissingSmsSignature);
    }
    let body = json!({"to": TO, "signature": "Globex", "text": "hi"});
    let response = post(gateway.addr(), &python_query(), &body);
    assert_refused(&response, SmsError::SmsSignatureNotExists);
}

#[test]
fn templates() {
    let gateway = hmac_gateway();
    let body = json!({"to": TO, "signature": "Acme", "templateId": "pub_welcome"});
    let response = post(gateway.addr(), &python_query(), &body);
    assert_refused(&response, SmsError::SmsTemplateNotExists);
    for data in [
        json!(null),
        json!({}),
        json!({"name": "Ada"}),
        json!({"code": ""}),
    ] {
        let body =
            json!({"to": TO, "signature": "Acme", "templateId": "pub_otp", "templateData": data});
        let response = post(gateway.addr(), &python_query(), &body);
        assert_refused(&response, SmsError::MissingSmsTemplateData);
    }
    let body = json!({"to": TO, "signature": "Acme", "templateId": "pub_otp", "templateData": {"code": 2048}});
    let data = assert_sent(&post(gateway.addr(), &python_query(), &body), &[TO]);
    assert_eq!(data["messages"][0]["templateId"], "pub_otp");
    assert_eq!(data["messages"][0]["templateData"], json!({"code": "2048"}));
}

#[test]
fn rate_limit_per_recipient() {
    let gateway = hmac_gateway();
    let busy = "+12065550177";
    for _ in 0..3 {
        assert_sent(&post(gateway.addr(), &python_query(), &text(busy)), &[busy]);
    }
    let response = post(gateway.addr(), &python_query(), &text(busy));
    assert_refused(&response, SmsError::LimitExceed);
    // A refused batch sends to nobody; another recipient still has its allowance.
    let both = json!({"to": [TO, busy], "signature": "Acme", "text": "hi"});
    assert_refused(
        &post(gateway.addr(), &python_query(), &both),
        SmsError::LimitExceed,
    );
    for _ in 0..3 {
        assert_sent(&post(gateway.addr(), &python_query(), &text(TO)), &[TO]);
    }
}

#[test]
fn simple_mode_needs_the_key_id_only() {
    let gateway = simple_gateway();
    let query = format!("action=sms.message.send&accessKeyId={KEY_ID}");
    let body = json!({"to": [TO, "+6512345678"], "signature": "Acme", "text": "hi"});
    let data = assert_sent(&post(gateway.addr(), &query, &body), &[TO, "+6512345678"]);
    assert_eq!(data["messageCount"], 2);
    // A signature, even a wrong one, is not looked at.
    let query = signed_query(Sdk::Python, KEY_ID, "whatever", -3600, |_| {});
    assert_sent(&post(gateway.addr(), &query, &text(TO)), &[TO]);
}

#[test]
fn every_answer_has_its_own_request_id() {
    let gateway = hmac_gateway();
    let mut ids = BTreeSet::new();
    for _ in 0..3 {
        ids.insert(request_id(&post(
            gateway.addr(),
            &python_query(),
            &text(TO),
        )));
        ids.insert(request_id(&post(gateway.addr(), "", &text(TO))));
    }
    // Refusals outside the API (another method, another path) carry one too.
    let response = raw::get(gateway.addr(), "/").unwrap();
    assert_eq!(response.status, 405);
    ids.insert(request_id(&response));
    let response = raw::post(gateway.addr(), "/v2/send", b"{}").unwrap();
    assert_eq!(response.status, 404);
    ids.insert(request_id(&response));
    assert_eq!(ids.len(), 8);
}

/// Everything the gateway sends on `stream` until it closes the connection. The read timeout is
/// only a guard, far past the gateway's own: hitting it means the connection was held open.
fn read_until_closed(stream: &mut TcpStream) -> Vec<u8> {
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let mut bytes = Vec::new();
    match stream.read_to_end(&mut bytes) {
        Ok(_) => bytes,
        Err(error) if error.kind() == io::ErrorKind::ConnectionReset => bytes,
        Err(error) => panic!("the gateway kept the connection open: {error}"),
    }
}

#[test]
fn slow_and_idle_connections_are_closed_and_do_not_hold_up_others() {
    let gateway = Server::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .sms_signature("Acme")
            .header_read_timeout(Duration::from_secs(1)),
    )
    .unwrap();
    // A request head that never ends, and a connection that sends nothing.
    let mut partial = TcpStream::connect(gateway.addr()).unwrap();
    partial
        .write_all(b"POST / HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let mut silent = TcpStream::connect(gateway.addr()).unwrap();
    // Meanwhile another client is served.
    let query = format!("action=sms.message.send&accessKeyId={KEY_ID}");
    assert_sent(&post(gateway.addr(), &query, &text(TO)), &[TO]);
    // Both are closed by the gateway, with no answer.
    assert_eq!(read_until_closed(&mut partial), b"");
    assert_eq!(read_until_closed(&mut silent), b"");
    // A kept-alive connection gets its answer, then is closed once it has been idle too long.
    let mut kept_alive = TcpStream::connect(gateway.addr()).unwrap();
    let body = text(TO).to_string();
    let request = format!(
        "POST /?{query} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{body}",
        body.len()
    );
    kept_alive.write_all(request.as_bytes()).unwrap();
    let answer = String::from_utf8(read_until_closed(&mut kept_alive)).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200 OK\r\n"), "{answer}");
    assert!(answer.contains(r#""code":"0""#), "{answer}");
}

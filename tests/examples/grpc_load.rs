//! A load and abuse generator for the gRPC example: a flood of `SendMessage` calls over a few
//! HTTP/2 connections, each answer checked against the one that call must get, while other
//! connections send what a gRPC server must survive: bytes that are not HTTP/2, broken frames,
//! wrong content types, messages that are not protobuf, cut short or too large.
//!
//! ```text
//! cargo run --release --example grpc -- --listen 127.0.0.1:50051 --access-key-id load-key \
//!     --sms-signature Acme --template pub_otp=code --rate-limit 60 --body-limit 4096
//! cargo run --release --example grpc_load -- --addr 127.0.0.1:50051 --access-key-id load-key \
//!     --body-limit 4096
//! ```
//!
//! The service must run in simple mode with the SMS signature `Acme` and the template
//! `pub_otp=code`, and the body limit given here. `scripts/grpc-load-test.sh` starts one, runs
//! this against it and watches its memory.
//!
//! It stops after `--calls` calls or `--max-secs` seconds, whichever comes first, and exits
//! with 1 on any answer that is not the expected one, any failed call or lost connection among
//! the well-formed ones, any abuse case left unanswered or accepted, or when it could not make
//! every call in time.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apicode::ApiError;
use apicode::grpc::FromStatus as _;
use apicode_sms::SmsError;
use apicode_tests::grpc::proto::SendMessageRequest;
use apicode_tests::grpc::proto::sms_client::SmsClient;
use apicode_tests::load::{number, options_or_exit, read_flags, run_checked, watchdog};
use prost::Message as _;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;
use tonic::metadata::MetadataValue;
use tonic::transport::Channel;
use tonic_types::StatusExt as _;

const USAGE: &str = "\
usage: grpc_load --addr HOST:PORT --access-key-id ID [--body-limit BYTES] [--calls N]
                 [--connections N] [--concurrency N] [--max-secs S] [--round K] [--probe]

  --addr HOST:PORT      the service (simple mode, --sms-signature Acme,
                        --template pub_otp=code)
  --access-key-id ID    its access key id
  --body-limit BYTES    its --body-limit (default 65536)
  --calls N             how many checked calls to make (default 50000)
  --connections N       HTTP/2 connections for the checked calls (default 4)
  --concurrency N       calls in flight per connection (default 16)
  --max-secs S          stop calling after S seconds (default 120)
  --round K             recipients +1207K...: runs against one service within
                        a minute need distinct rounds (default 0)
  --probe               make one valid call and check its answer only
";

/// How long one call or abuse case may take before it counts as a hang.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

/// The service reads messages up to this many times its body limit and refuses larger ones
/// unread.
const DECODE_FACTOR: usize = 16;

const METHOD: &str = "/apicode.sms.v1.Sms/SendMessage";

#[derive(Debug, Clone)]
struct Options {
    addr: SocketAddr,
    key_id: String,
    body_limit: usize,
    calls: usize,
    connections: usize,
    concurrency: usize,
    max_secs: u64,
    round: u8,
    probe: bool,
}

fn parse_options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        key_id: String::new(),
        body_limit: 65_536,
        calls: 50_000,
        connections: 4,
        concurrency: 16,
        max_secs: 120,
        round: 0,
        probe: false,
    };
    let mut addr = None;
    read_flags(args, &["--probe"], |flag, value| {
        let value = value.unwrap_or_default();
        match flag {
            "--probe" => options.probe = true,
            "--addr" => addr = Some(number::<SocketAddr>(flag, &value)?),
            "--access-key-id" => options.key_id = value,
            "--body-limit" => options.body_limit = number(flag, &value)?,
            "--calls" => options.calls = number(flag, &value)?,
            "--connections" => options.connections = number::<usize>(flag, &value)?.max(1),
            "--concurrency" => options.concurrency = number::<usize>(flag, &value)?.max(1),
            "--max-secs" => options.max_secs = number(flag, &value)?,
            "--round" => options.round = number::<u8>(flag, &value)?.min(9),
            _ => return Err(format!("unknown option {flag}")),
        }
        Ok(())
    })?;
    options.addr = addr.ok_or("--addr is required")?;
    if options.key_id.is_empty() {
        return Err("--access-key-id is required".into());
    }
    Ok(options)
}

/// One checked call: what is sent and what must come back.
struct Call {
    message: SendMessageRequest,
    key: Option<String>,
    expected: Expected,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Expected {
    /// A success with this many messages.
    Sent(usize),
    /// A refusal with this code.
    Refused(SmsError),
}

// Ordered for the report: successes by count, then refusals by code (the table itself has no
// order of its own).
impl Ord for Expected {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let key = |expected: &Expected| match *expected {
            Expected::Sent(count) => (0, count),
            Expected::Refused(error) => (1, error.code() as usize),
        };
        key(self).cmp(&key(other))
    }
}

impl PartialOrd for Expected {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Expected {
    fn label(self) -> String {
        match self {
            Expected::Sent(count) => format!("sent ({count} message(s))"),
            Expected::Refused(error) => format!("{} {}", error.code(), error.message()),
        }
    }
}

/// The `index`th call of the mix: thirteen in twenty valid, the rest one of seven refusals, each
/// valid send to recipients nobody else gets.
fn call(options: &Options, index: usize) -> Call {
    let key = Some(options.key_id.clone());
    let recipient = |nth: usize| format!("+1207{}{:09}", options.round, index * 3 + nth);
    let text = |to: Vec<String>, signature: &str, text: String| SendMessageRequest {
        to,
        signature: signature.to_owned(),
        text,
        ..SendMessageRequest::default()
    };
    let template = |data: &[(&str, &str)]| SendMessageRequest {
        to: vec![recipient(0)],
        signature: "Acme".into(),
        template_id: "pub_otp".into(),
        template_data: data
            .iter()
            .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
            .collect(),
        ..SendMessageRequest::default()
    };
    let refused = |message, key, error| Call {
        message,
        key,
        expected: Expected::Refused(error),
    };
    match index % 20 {
        0..=10 => Call {
            message: text(vec![recipient(0)], "Acme", format!("one-time code {index}")),
            key,
            expected: Expected::Sent(1),
        },
        11 => Call {
            message: template(&[("code", "2048")]),
            key,
            expected: Expected::Sent(1),
        },
        12 => Call {
            message: text((0..3).map(recipient).collect(), "Acme", "batch".into()),
            key,
            expected: Expected::Sent(3),
        },
        13 => refused(
            text(vec![recipient(0)], "Acme", "hi".into()),
            None,
            SmsError::MissingAccessKeyId,
        ),
        14 => refused(
            text(vec![recipient(0)], "Acme", "hi".into()),
            Some("someone-else".into()),
            SmsError::InvalidAccessKeyId,
        ),
        15 => refused(
            text(vec!["12065550100".into()], "Acme", "hi".into()),
            key,
            SmsError::InvalidPhoneNumbers,
        ),
        16 => refused(
            text(vec![recipient(0)], "Globex", "hi".into()),
            key,
            SmsError::SmsSignatureNotExists,
        ),
        17 => refused(
            text(Vec::new(), "Acme", "hi".into()),
            key,
            SmsError::MissingParams,
        ),
        18 => {
            // Above the body limit, below what tonic refuses unread.
            let size = options.body_limit + 1 + index % (options.body_limit * 4);
            refused(
                text(vec![recipient(0)], "Acme", "x".repeat(size)),
                key,
                SmsError::RestrictedParams,
            )
        }
        _ => refused(
            template(&[("other", "1")]),
            key,
            SmsError::MissingSmsTemplateData,
        ),
    }
}

/// What the checked calls saw.
#[derive(Default)]
struct Tally {
    by_expected: BTreeMap<Expected, usize>,
    mismatches: Vec<String>,
    failed_calls: usize,
    latencies: Vec<Duration>,
}

/// Makes `call` and checks its answer: `Ok` when it is the expected one.
async fn check(client: &mut SmsClient<Channel>, call: Call) -> Result<(), String> {
    let mut request = tonic::Request::new(call.message);
    if let Some(key) = &call.key {
        let value = MetadataValue::try_from(key.as_str()).map_err(|error| error.to_string())?;
        request.metadata_mut().insert("access-key-id", value);
    }
    let answer = tokio::time::timeout(IO_TIMEOUT, client.send_message(request))
        .await
        .map_err(|_| "timed out".to_owned())?;
    match (call.expected, answer) {
        (Expected::Sent(count), Ok(response)) => {
            let response = response.into_inner();
            if response.messages.len() == count
                && response
                    .messages
                    .iter()
                    .all(|message| message.id.len() == 32)
            {
                Ok(())
            } else {
                Err(format!("expected {count} message(s), got {response:?}"))
            }
        }
        (Expected::Refused(error), Err(status)) => {
            let info = status.get_details_error_info();
            let matches = status.code() as i32 == error.grpc_code().as_i32()
                && SmsError::from_status(&status) == Ok(error)
                && info.as_ref().is_some_and(|info| {
                    info.domain == "api.unimtx.com"
                        && apicode::grpc::reason(error.message())
                            .is_ok_and(|reason| info.reason == reason.as_str())
                });
            if matches {
                Ok(())
            } else {
                Err(format!("expected {}, got {status:?}", error.message()))
            }
        }
        (expected, Ok(response)) => Err(format!(
            "expected {}, got a success {:?}",
            expected.label(),
            response.into_inner()
        )),
        (expected, Err(status)) => Err(format!("expected {}, got {status:?}", expected.label())),
    }
}

/// Whether a failed check is a broken call (a timeout, a transport or HTTP/2 error) rather
/// than a wrong answer of the service.
fn is_transport_failure(error: &str) -> bool {
    error == "timed out" || error.contains("transport error") || error.contains("h2 protocol")
}

async fn flood(options: Arc<Options>, channels: Vec<Channel>, deadline: Instant) -> Tally {
    let next = Arc::new(AtomicUsize::new(0));
    let tally = Arc::new(Mutex::new(Tally::default()));
    let mut workers = Vec::new();
    for channel in &channels {
        for _ in 0..options.concurrency {
            let mut client = SmsClient::new(channel.clone());
            let (next, tally, options) =
                (Arc::clone(&next), Arc::clone(&tally), Arc::clone(&options));
            workers.push(tokio::spawn(async move {
                let mut local = Tally::default();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    if index >= options.calls || Instant::now() >= deadline {
                        break;
                    }
                    let call = call(&options, index);
                    let expected = call.expected;
                    let started = Instant::now();
                    let result = check(&mut client, call).await;
                    local.latencies.push(started.elapsed());
                    *local.by_expected.entry(expected).or_default() += 1;
                    if let Err(error) = result {
                        if is_transport_failure(&error) {
                            local.failed_calls += 1;
                        }
                        local.mismatches.push(format!("call {index}: {error}"));
                    }
                }
                let mut shared = tally.lock().expect("no worker panics holding the tally");
                for (expected, count) in local.by_expected {
                    *shared.by_expected.entry(expected).or_default() += count;
                }
                shared.mismatches.extend(local.mismatches);
                shared.failed_calls += local.failed_calls;
                shared.latencies.extend(local.latencies);
            }));
        }
    }
    for worker in workers {
        if worker.await.is_err() {
            tally.lock().expect("the tally").failed_calls += 1;
        }
    }
    Arc::try_unwrap(tally)
        .ok()
        .and_then(|tally| tally.into_inner().ok())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------
// Abuse: each case on a connection of its own

/// One abuse case: what is sent, and what the server answered.
#[derive(Clone, Copy, Debug)]
enum Abuse {
    /// Bytes that are not the HTTP/2 preface.
    NotHttp2,
    /// An HTTP/1.1 request.
    Http1,
    /// The preface, then a frame on stream 0 that HTTP/2 forbids there, then garbage.
    BrokenFrames,
    /// The preface and settings, then a HEADERS frame whose header block does not decode.
    BadHeaderBlock,
    /// A well-formed call under `content-type: application/json`.
    WrongContentType,
    /// A message whose bytes are not protobuf.
    NotProtobuf,
    /// A length prefix larger than the bytes that follow, then the end of the stream.
    CutShort,
    /// The compressed flag without a `grpc-encoding`.
    CompressedFlag,
    /// A message past what the service reads (16 times its body limit).
    Oversized,
    /// A method the service does not have.
    UnknownMethod,
}

const ABUSES: [Abuse; 10] = [
    Abuse::NotHttp2,
    Abuse::Http1,
    Abuse::BrokenFrames,
    Abuse::BadHeaderBlock,
    Abuse::WrongContentType,
    Abuse::NotProtobuf,
    Abuse::CutShort,
    Abuse::CompressedFlag,
    Abuse::Oversized,
    Abuse::UnknownMethod,
];

/// A gRPC message frame: the compressed flag, the length, the bytes.
fn frame(compressed: bool, declared: usize, bytes: &[u8]) -> bytes::Bytes {
    let mut out = Vec::with_capacity(5 + bytes.len());
    out.push(u8::from(compressed));
    out.extend_from_slice(&u32::try_from(declared).unwrap_or(u32::MAX).to_be_bytes());
    out.extend_from_slice(bytes);
    out.into()
}

/// Sends raw bytes and reads until the server closes: `Ok` with what it sent back.
async fn raw(addr: SocketAddr, bytes: &[u8]) -> Result<String, String> {
    let mut stream = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    stream.write_all(bytes).await.map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => break,
            Ok(read) => answer.extend_from_slice(&buffer[..read]),
        }
        if answer.len() > 1 << 20 {
            return Err("the server kept sending".into());
        }
    }
    Ok(if answer.is_empty() {
        "closed".into()
    } else if answer.starts_with(b"HTTP/1") {
        let line = answer
            .split(|&byte| byte == b'\r')
            .next()
            .unwrap_or_default();
        format!("{}, closed", String::from_utf8_lossy(line))
    } else {
        format!("{}, closed", frames(&answer))
    })
}

/// The HTTP/2 frames in `bytes`, by type, with a GOAWAY's error code.
fn frames(mut bytes: &[u8]) -> String {
    const TYPES: [&str; 10] = [
        "DATA",
        "HEADERS",
        "PRIORITY",
        "RST_STREAM",
        "SETTINGS",
        "PUSH_PROMISE",
        "PING",
        "GOAWAY",
        "WINDOW_UPDATE",
        "CONTINUATION",
    ];
    const ERRORS: [&str; 14] = [
        "NO_ERROR",
        "PROTOCOL_ERROR",
        "INTERNAL_ERROR",
        "FLOW_CONTROL_ERROR",
        "SETTINGS_TIMEOUT",
        "STREAM_CLOSED",
        "FRAME_SIZE_ERROR",
        "REFUSED_STREAM",
        "CANCEL",
        "COMPRESSION_ERROR",
        "CONNECT_ERROR",
        "ENHANCE_YOUR_CALM",
        "INADEQUATE_SECURITY",
        "HTTP_1_1_REQUIRED",
    ];
    let mut seen = Vec::new();
    while bytes.len() >= 9 {
        let length =
            usize::from(bytes[0]) << 16 | usize::from(bytes[1]) << 8 | usize::from(bytes[2]);
        let kind = TYPES
            .get(usize::from(bytes[3]))
            .copied()
            .unwrap_or("unknown frame");
        let payload = &bytes[9..(9 + length).min(bytes.len())];
        let name = if kind == "GOAWAY" && payload.len() >= 8 {
            let code = u32::from_be_bytes([payload[4], payload[5], payload[6], payload[7]]);
            let error = usize::try_from(code).ok().and_then(|code| ERRORS.get(code));
            format!("GOAWAY {}", error.copied().unwrap_or("unknown error"))
        } else {
            kind.to_owned()
        };
        if seen.last() != Some(&name) {
            seen.push(name);
        }
        bytes = &bytes[(9 + length).min(bytes.len())..];
    }
    if !bytes.is_empty() {
        seen.push(format!("{} stray bytes", bytes.len()));
    }
    seen.join(" ")
}

/// One call over a raw HTTP/2 client: the HTTP status and `grpc-status`.
async fn h2_call(
    addr: SocketAddr,
    key: &str,
    path: &str,
    content_type: &str,
    body: bytes::Bytes,
) -> Result<String, String> {
    let tcp = TcpStream::connect(addr).await.map_err(|e| e.to_string())?;
    let (client, connection) = h2::client::handshake(tcp)
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(async move {
        let _ = connection.await;
    });
    let mut client = client.ready().await.map_err(|e| e.to_string())?;
    let request = axum::http::Request::builder()
        .method("POST")
        .uri(format!("http://{addr}{path}"))
        .header("content-type", content_type)
        .header("te", "trailers")
        .header("access-key-id", key)
        .body(())
        .map_err(|e| e.to_string())?;
    let (response, mut send) = client
        .send_request(request, false)
        .map_err(|e| e.to_string())?;
    // The server may refuse before it has read everything: a failed send is not the outcome.
    let _ = send.send_data(body, true);
    let response = match response.await {
        Ok(response) => response,
        Err(error) => return Ok(format!("reset ({error})")),
    };
    let http_status = response.status().as_u16();
    let mut grpc_status = response
        .headers()
        .get("grpc-status")
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let mut body = response.into_body();
    while let Some(chunk) = body.data().await {
        let chunk = match chunk {
            Ok(chunk) => chunk,
            Err(error) => return Ok(format!("HTTP {http_status}, then reset ({error})")),
        };
        let _ = body.flow_control().release_capacity(chunk.len());
    }
    if grpc_status.is_none() {
        let trailers = match body.trailers().await {
            Ok(trailers) => trailers,
            Err(error) => return Ok(format!("HTTP {http_status}, then reset ({error})")),
        };
        grpc_status = trailers
            .as_ref()
            .and_then(|trailers| trailers.get("grpc-status"))
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
    }
    Ok(format!(
        "HTTP {http_status}, grpc-status {}",
        grpc_status.as_deref().unwrap_or("none")
    ))
}

/// Runs one abuse case; `Ok` with what the server did. A refusal of any kind is fine; what
/// is not is a hang or, for a well-formed HTTP/2 stream, a grpc-status 0.
async fn abuse(options: &Options, case: Abuse) -> Result<String, String> {
    let valid = SendMessageRequest {
        to: vec!["+12065550100".into()],
        signature: "Acme".into(),
        text: "hi".into(),
        ..SendMessageRequest::default()
    }
    .encode_to_vec();
    let (addr, key) = (options.addr, options.key_id.as_str());
    let grpc = "application/grpc";
    let outcome = match case {
        Abuse::NotHttp2 => raw(addr, b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03garbage").await,
        Abuse::Http1 => {
            raw(
                addr,
                b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}",
            )
            .await
        }
        Abuse::BrokenFrames => {
            let mut bytes = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
            // An empty SETTINGS frame, then a DATA frame on stream 0, then noise.
            bytes.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 0, 0]);
            bytes.extend_from_slice(&[0, 0, 4, 0, 1, 0, 0, 0, 0, 1, 2, 3, 4]);
            bytes.extend_from_slice(&[0xff; 64]);
            raw(addr, &bytes).await
        }
        Abuse::BadHeaderBlock => {
            let mut bytes = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_vec();
            bytes.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 0, 0]);
            // HEADERS on stream 1, END_STREAM | END_HEADERS: an HPACK integer that never ends.
            bytes.extend_from_slice(&[0, 0, 4, 1, 5, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff]);
            raw(addr, &bytes).await
        }
        Abuse::WrongContentType => {
            h2_call(
                addr,
                key,
                METHOD,
                "application/json",
                frame(false, valid.len(), &valid),
            )
            .await
        }
        Abuse::NotProtobuf => {
            let noise = [0xff_u8; 32];
            h2_call(addr, key, METHOD, grpc, frame(false, noise.len(), &noise)).await
        }
        Abuse::CutShort => h2_call(addr, key, METHOD, grpc, frame(false, 1000, &valid)).await,
        Abuse::CompressedFlag => {
            h2_call(addr, key, METHOD, grpc, frame(true, valid.len(), &valid)).await
        }
        Abuse::Oversized => {
            let size = options.body_limit * DECODE_FACTOR + 1;
            let big = SendMessageRequest {
                to: vec!["+12065550100".into()],
                signature: "Acme".into(),
                text: "x".repeat(size),
                ..SendMessageRequest::default()
            }
            .encode_to_vec();
            h2_call(addr, key, METHOD, grpc, frame(false, big.len(), &big)).await
        }
        Abuse::UnknownMethod => {
            let path = "/apicode.sms.v1.Sms/DeleteEverything";
            h2_call(addr, key, path, grpc, frame(false, valid.len(), &valid)).await
        }
    }?;
    if outcome.ends_with("grpc-status 0") {
        return Err(format!("{case:?} was accepted: {outcome}"));
    }
    Ok(outcome)
}

async fn abuse_loop(
    options: Arc<Options>,
    stop: Arc<AtomicBool>,
) -> (BTreeMap<String, usize>, Vec<String>) {
    let mut seen = BTreeMap::new();
    let mut failures = Vec::new();
    let mut index = 0;
    // At least one round of every case, then on until the flood ends.
    while index < ABUSES.len() || !stop.load(Ordering::Relaxed) {
        let case = ABUSES[index % ABUSES.len()];
        index += 1;
        match tokio::time::timeout(IO_TIMEOUT, abuse(&options, case)).await {
            Ok(Ok(outcome)) => *seen.entry(format!("{case:?}: {outcome}")).or_default() += 1,
            Ok(Err(error)) => failures.push(format!("{case:?}: {error}")),
            Err(_) => failures.push(format!("{case:?}: no answer in {IO_TIMEOUT:?}")),
        }
    }
    (seen, failures)
}

fn percentile(sorted: &[Duration], per_mille: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() - 1) * per_mille / 1000]
}

/// Opens a channel's TCP connections and counts them. A tonic channel reconnects by itself
/// when its connection drops, so the count is how a connection the server closed shows: a
/// channel that opened more than one lost one.
#[derive(Clone)]
struct CountingConnector {
    addr: SocketAddr,
    opened: Arc<AtomicUsize>,
}

impl tonic::codegen::Service<tonic::codegen::http::Uri> for CountingConnector {
    type Response = hyper_util::rt::TokioIo<TcpStream>;
    type Error = std::io::Error;
    type Future = tonic::codegen::BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Self::Error>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, _: tonic::codegen::http::Uri) -> Self::Future {
        let (addr, opened) = (self.addr, Arc::clone(&self.opened));
        Box::pin(async move {
            let stream = TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            opened.fetch_add(1, Ordering::Relaxed);
            Ok(hyper_util::rt::TokioIo::new(stream))
        })
    }
}

async fn connect(options: &Options, opened: &Arc<AtomicUsize>) -> Result<Channel, String> {
    let connector = CountingConnector {
        addr: options.addr,
        opened: Arc::clone(opened),
    };
    tonic::transport::Endpoint::from_shared(format!("http://{}", options.addr))
        .map_err(|e| e.to_string())?
        .connect_with_connector(connector)
        .await
        .map_err(|e| format!("cannot connect to {}: {e}", options.addr))
}

async fn run(options: Options) -> Result<bool, String> {
    let options = Arc::new(options);
    if options.probe {
        let opened = Arc::new(AtomicUsize::new(0));
        let mut client = SmsClient::new(connect(&options, &opened).await?);
        let probe = Call {
            message: SendMessageRequest {
                to: vec![format!("+1208{:09}", std::process::id())],
                signature: "Acme".into(),
                text: "probe".into(),
                ..SendMessageRequest::default()
            },
            key: Some(options.key_id.clone()),
            expected: Expected::Sent(1),
        };
        check(&mut client, probe).await?;
        println!("probe: sent");
        return Ok(true);
    }
    let opened = Arc::new(AtomicUsize::new(0));
    let mut channels = Vec::new();
    for _ in 0..options.connections {
        channels.push(connect(&options, &opened).await?);
    }
    let deadline = Instant::now() + Duration::from_secs(options.max_secs);
    let stop = Arc::new(AtomicBool::new(false));
    let abuse_task = tokio::spawn(abuse_loop(Arc::clone(&options), Arc::clone(&stop)));
    let started = Instant::now();
    let mut tally = flood(Arc::clone(&options), channels, deadline).await;
    let secs = started.elapsed().as_secs_f64();
    stop.store(true, Ordering::Relaxed);
    let (abuses, abuse_failures) = abuse_task.await.map_err(|e| e.to_string())?;
    let lost = opened
        .load(Ordering::Relaxed)
        .saturating_sub(options.connections);

    tally.latencies.sort();
    let calls = tally.latencies.len();
    println!("answers by expected outcome:");
    for (expected, count) in &tally.by_expected {
        println!("  {:>7}  {}", count, expected.label());
    }
    println!("abuse cases (each on its own connection):");
    for (outcome, count) in &abuses {
        println!("  {count:>7}  {outcome}");
    }
    for mismatch in tally.mismatches.iter().take(12) {
        println!("MISMATCH {mismatch}");
    }
    for failure in &abuse_failures {
        println!("ABUSE FAILED {failure}");
    }
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    #[allow(clippy::cast_precision_loss)] // a count of calls
    let rate = calls as f64 / secs;
    println!(
        "summary calls={calls} secs={secs:.2} calls_per_sec={rate:.0} p50_ms={:.2} p90_ms={:.2} p99_ms={:.2} p999_ms={:.2} max_ms={:.2} mismatches={} failed_calls={} lost_connections={lost} abuse={} abuse_failures={}",
        ms(percentile(&tally.latencies, 500)),
        ms(percentile(&tally.latencies, 900)),
        ms(percentile(&tally.latencies, 990)),
        ms(percentile(&tally.latencies, 999)),
        ms(tally.latencies.last().copied().unwrap_or_default()),
        tally.mismatches.len(),
        tally.failed_calls,
        abuses.values().sum::<usize>(),
        abuse_failures.len(),
    );
    if lost > 0 {
        println!(
            "LOST {lost} of the {} connections: the channels reconnected",
            options.connections
        );
    }
    let complete = calls == options.calls;
    if !complete {
        println!(
            "INCOMPLETE: {calls} of {} calls in {}s",
            options.calls, options.max_secs
        );
    }
    Ok(complete && lost == 0 && tally.mismatches.is_empty() && abuse_failures.is_empty())
}

fn main() -> ExitCode {
    let options = match options_or_exit("grpc_load", USAGE, parse_options(std::env::args().skip(1)))
    {
        Ok(options) => options,
        Err(code) => return code,
    };
    // Whatever happens, the process ends: a hung server must not hang the caller.
    watchdog("grpc_load", Duration::from_secs(options.max_secs + 15), 1);
    run_checked("grpc_load", run(options))
}

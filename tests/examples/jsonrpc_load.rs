//! A load generator for the JSON-RPC example: a flood of JSON-RPC calls over keep-alive HTTP/1.1
//! connections, written by hand, each answer checked against the one that call must get: valid
//! calls, every code of the reference table through `fail`, wrong params, unknown methods,
//! batches, notifications, bodies that are not JSON or not requests, and bodies over the limit
//! (on connections of their own).
//!
//! ```text
//! cargo run --release --example jsonrpc -- --listen 127.0.0.1:8545 --body-limit 4096
//! cargo run --release --example jsonrpc_load -- --addr 127.0.0.1:8545 --body-limit 4096
//! ```
//!
//! `scripts/jsonrpc-load-test.sh` starts a server, runs this against it and watches its
//! memory. It stops after `--calls` calls or `--max-secs` seconds, whichever comes first, and
//! exits with 1 on any answer that is not the expected one, any failed call or connection the
//! server closed, or when it could not make every call in time. What each call must get is
//! written from the table `apicode_tests::jsonrpc::RpcError` and the JSON-RPC specification.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use apicode::{ApiError, CodeTable};
use apicode_tests::jsonrpc::RpcError;
use apicode_tests::load::{number, options_or_exit, read_flags, run_checked, watchdog};
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpStream;

const USAGE: &str = "\
usage: jsonrpc_load --addr HOST:PORT [--body-limit BYTES] [--calls N] [--connections N]
                    [--max-secs S] [--probe]

  --addr HOST:PORT      the server
  --body-limit BYTES    its --body-limit (default 65536)
  --calls N             how many checked calls to make (default 200000)
  --connections N       keep-alive connections, one call in flight on each (default 32)
  --max-secs S          stop calling after S seconds (default 120)
  --probe               make one valid call and check its answer only
";

/// How long one call may take before it counts as a hang.
const IO_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone)]
struct Options {
    addr: SocketAddr,
    body_limit: usize,
    calls: usize,
    connections: usize,
    max_secs: u64,
    probe: bool,
}

fn parse_options(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut options = Options {
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        body_limit: 65_536,
        calls: 200_000,
        connections: 32,
        max_secs: 120,
        probe: false,
    };
    let mut addr = None;
    read_flags(args, &["--probe"], |flag, value| {
        let value = value.unwrap_or_default();
        match flag {
            "--probe" => options.probe = true,
            "--addr" => addr = Some(number::<SocketAddr>(flag, &value)?),
            "--body-limit" => options.body_limit = number(flag, &value)?,
            "--calls" => options.calls = number(flag, &value)?,
            "--connections" => options.connections = number::<usize>(flag, &value)?.max(1),
            "--max-secs" => options.max_secs = number(flag, &value)?,
            _ => return Err(format!("unknown option {flag}")),
        }
        Ok(())
    })?;
    options.addr = addr.ok_or("--addr is required")?;
    Ok(options)
}

/// One checked call: the body sent, the HTTP status and body that must come back, and the
/// label it is counted under.
struct Call {
    body: Vec<u8>,
    status: u16,
    /// The JSON answer; `None` for no body at all (a notification).
    answer: Option<Value>,
    label: String,
    /// On a connection of its own, closed after the answer: a body the server refuses unread.
    own_connection: bool,
}

/// The error object the server sends for `error`: the `Display` below HTTP 500, the detail
/// from 500 on, the table's message and status in `data`, and `"retryable": true` for a code
/// worth retrying (the table declares none otherwise: 429 and 503).
fn error_object(error: RpcError) -> Value {
    let message = if error.http_status() < 500 {
        error.to_string()
    } else {
        error.detail().to_owned()
    };
    let mut data = json!({"message": error.message(), "status": error.http_status()});
    if matches!(error.http_status(), 429 | 503) {
        data["retryable"] = Value::Bool(true);
    }
    json!({"code": error.code(), "message": message, "data": data})
}

fn error_response(id: &Value, error: RpcError) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": error_object(error)})
}

fn label(error: RpcError) -> String {
    format!("{} {}", error.code(), error.message())
}

/// The codes `fail` is asked for: the table's, then some outside it.
fn fail_codes() -> Vec<i32> {
    RpcError::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .chain([-32099, -32000, 0, 7])
        .collect()
}

/// The call number `index`, drawn from a fixed mix (in hundredths).
#[allow(clippy::too_many_lines)] // one arm per kind of call
fn call(index: usize, body_limit: usize, codes: &[i32]) -> Call {
    let id = json!(index);
    // Small terms whose sum every client computes exactly.
    let a = i64::try_from(index % 1_000_003).unwrap_or(0);
    let b = 40 - i64::try_from(index % 89).unwrap_or(0);
    let request = |method: &str, params: Value| {
        serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .unwrap_or_default()
    };
    let ok = |answer: Value, label: &str| Call {
        body: Vec::new(),
        status: 200,
        answer: Some(answer),
        label: label.to_owned(),
        own_connection: false,
    };
    match index % 100 {
        0..40 => Call {
            body: request("add", json!([a, b])),
            ..ok(
                json!({"jsonrpc": "2.0", "id": id, "result": a + b}),
                "result (add)",
            )
        },
        40..45 => Call {
            body: request("add", json!({"a": a, "b": b})),
            ..ok(
                json!({"jsonrpc": "2.0", "id": id, "result": a + b}),
                "result (add)",
            )
        },
        45..70 => {
            let code = codes[index / 100 % codes.len()];
            let error = RpcError::from(code);
            Call {
                body: request("fail", json!([code])),
                ..ok(error_response(&id, error), &label(error))
            }
        }
        70..75 => Call {
            body: request("add", json!(["two", b])),
            ..ok(
                error_response(&id, RpcError::InvalidParams),
                &label(RpcError::InvalidParams),
            )
        },
        75..80 => Call {
            body: request("delete_everything", json!([])),
            ..ok(
                json!({"jsonrpc": "2.0", "id": id, "error": {"code": -32601, "message": "Method not found"}}),
                "-32601 (jsonrpsee's own)",
            )
        },
        80..85 => {
            let batch = json!([
                {"jsonrpc": "2.0", "id": 1, "method": "add", "params": [a, b]},
                {"jsonrpc": "2.0", "id": 2, "method": "fail", "params": [-32020]},
                {"jsonrpc": "2.0", "method": "add", "params": [1, 2]},
                7,
            ]);
            Call {
                body: serde_json::to_vec(&batch).unwrap_or_default(),
                ..ok(
                    json!([
                        {"jsonrpc": "2.0", "id": 1, "result": a + b},
                        error_response(&json!(2), RpcError::RateLimited),
                        {"jsonrpc": "2.0", "id": null, "error": {"code": -32600, "message": "Invalid request"}},
                    ]),
                    "batch",
                )
            }
        }
        85..90 => {
            // jsonrpsee answers 400 to a body that does not start like JSON-RPC (`{` or `[`).
            const NOT_JSON: [(&[u8], u16); 4] = [
                (b"add 2 and 40", 400),
                (br#"{"jsonrpc": "2.0", "id": 1, "method": "add""#, 200),
                (b"\xff\xfe{", 400),
                (b"", 400),
            ];
            let (body, status) = NOT_JSON[index / 100 % NOT_JSON.len()];
            Call {
                body: body.to_vec(),
                status,
                ..ok(
                    json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}}),
                    "-32700 (jsonrpsee's own)",
                )
            }
        }
        90..95 => {
            const NOT_REQUESTS: [&str; 4] = [
                "1",
                "{}",
                r#"{"jsonrpc": "1.0", "method": "add", "params": [1, 2]}"#,
                r#"{"jsonrpc": "2.0", "id": {}, "method": "add"}"#,
            ];
            Call {
                body: NOT_REQUESTS[index / 100 % NOT_REQUESTS.len()]
                    .as_bytes()
                    .to_vec(),
                ..ok(
                    error_response(&Value::Null, RpcError::InvalidRequest),
                    &label(RpcError::InvalidRequest),
                )
            }
        }
        95..98 => Call {
            body: serde_json::to_vec(
                &json!({"jsonrpc": "2.0", "method": "fail", "params": [-32603]}),
            )
            .unwrap_or_default(),
            status: 204,
            answer: None,
            label: "204 (a notification)".into(),
            own_connection: false,
        },
        _ => {
            let mut body = request("add", json!([a, b]));
            body.resize(body_limit + 1 + index % 4096, b' ');
            Call {
                body,
                status: 413,
                answer: Some(error_response(&Value::Null, RpcError::RequestTooLarge)),
                label: format!("{} (HTTP 413)", label(RpcError::RequestTooLarge)),
                own_connection: true,
            }
        }
    }
}

/// A keep-alive HTTP/1.1 connection and the bytes read past the last answer.
struct Connection {
    stream: TcpStream,
    buffer: Vec<u8>,
}

impl Connection {
    async fn open(addr: SocketAddr) -> std::io::Result<Self> {
        let stream = TcpStream::connect(addr).await?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            stream,
            buffer: Vec::new(),
        })
    }

    /// Posts `body`; the status and the body of the answer.
    async fn post(
        &mut self,
        addr: SocketAddr,
        body: &[u8],
        close: bool,
    ) -> Result<(u16, Vec<u8>), String> {
        let connection = if close { "close" } else { "keep-alive" };
        let head = format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: {connection}\r\n\r\n",
            body.len()
        );
        let mut request = head.into_bytes();
        request.extend_from_slice(body);
        // A refused body may be answered before it is all written.
        let written = self.stream.write_all(&request).await;
        let answer = self.read_answer().await;
        match (written, answer) {
            (_, Ok(answer)) => Ok(answer),
            (Err(error), Err(_)) => Err(format!("write: {error}")),
            (Ok(()), Err(error)) => Err(error),
        }
    }

    async fn fill(&mut self) -> Result<(), String> {
        self.buffer.reserve(16 * 1024);
        let read = self
            .stream
            .read_buf(&mut self.buffer)
            .await
            .map_err(|error| format!("read: {error}"))?;
        if read == 0 {
            return Err("the server closed the connection".into());
        }
        Ok(())
    }

    async fn read_answer(&mut self) -> Result<(u16, Vec<u8>), String> {
        let end = loop {
            if let Some(end) = self.buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                break end;
            }
            if self.buffer.len() > 64 * 1024 {
                return Err("an answer head over 64 KiB".into());
            }
            self.fill().await?;
        };
        let head = String::from_utf8_lossy(&self.buffer[..end]).into_owned();
        let mut lines = head.split("\r\n");
        let status = lines
            .next()
            .and_then(|line| line.split(' ').nth(1))
            .and_then(|status| status.parse().ok())
            .ok_or_else(|| format!("not an HTTP answer: {head:?}"))?;
        let length: usize = lines
            .filter_map(|line| line.split_once(':'))
            .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, value)| value.trim().parse().ok())
            .unwrap_or(0);
        self.buffer.drain(..end + 4);
        while self.buffer.len() < length {
            self.fill().await?;
        }
        let body = self.buffer.drain(..length).collect();
        Ok((status, body))
    }
}

/// Whether `answer` is what `call` must get. A batch's answers may come in any order.
fn matches(call: &Call, status: u16, body: &[u8]) -> bool {
    if status != call.status {
        return false;
    }
    let Some(expected) = &call.answer else {
        return body.is_empty();
    };
    let Ok(received) = serde_json::from_slice::<Value>(body) else {
        return false;
    };
    match (expected, received) {
        (Value::Array(expected), Value::Array(mut received)) => {
            let key = |value: &Value| value.to_string();
            received.sort_by_key(key);
            let mut expected = expected.clone();
            expected.sort_by_key(key);
            expected == received
        }
        (expected, received) => *expected == received,
    }
}

#[derive(Default)]
struct Tally {
    by_label: BTreeMap<String, usize>,
    latencies: Vec<Duration>,
    mismatches: Vec<String>,
    failed_calls: usize,
    lost_connections: usize,
}

async fn worker(
    options: Arc<Options>,
    next: Arc<AtomicUsize>,
    codes: Arc<Vec<i32>>,
    deadline: Instant,
    tally: Arc<Mutex<Tally>>,
) {
    let mut local = Tally::default();
    let mut connection = Connection::open(options.addr).await.ok();
    if connection.is_none() {
        local.failed_calls += 1;
    }
    while connection.is_some() && Instant::now() < deadline {
        let index = next.fetch_add(1, Ordering::Relaxed);
        if index >= options.calls {
            break;
        }
        let call = call(index, options.body_limit, &codes);
        let started = Instant::now();
        let outcome = if call.own_connection {
            match Connection::open(options.addr).await {
                Ok(mut own) => {
                    tokio::time::timeout(IO_TIMEOUT, own.post(options.addr, &call.body, true)).await
                }
                Err(error) => Ok(Err(error.to_string())),
            }
        } else if let Some(connection) = connection.as_mut() {
            tokio::time::timeout(IO_TIMEOUT, connection.post(options.addr, &call.body, false)).await
        } else {
            break;
        };
        local.latencies.push(started.elapsed());
        *local.by_label.entry(call.label.clone()).or_default() += 1;
        match outcome {
            Ok(Ok((status, body))) => {
                if !matches(&call, status, &body) {
                    local.mismatches.push(format!(
                        "call {index} ({}): HTTP {status} {}",
                        call.label,
                        String::from_utf8_lossy(&body)
                    ));
                }
            }
            Ok(Err(error)) => {
                local.failed_calls += 1;
                local.mismatches.push(format!("call {index}: {error}"));
                if !call.own_connection {
                    local.lost_connections += 1;
                    connection = Connection::open(options.addr).await.ok();
                }
            }
            Err(_) => {
                local.failed_calls += 1;
                local
                    .mismatches
                    .push(format!("call {index}: no answer in {IO_TIMEOUT:?}"));
                connection = Connection::open(options.addr).await.ok();
            }
        }
    }
    let mut tally = tally
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    for (label, count) in local.by_label {
        *tally.by_label.entry(label).or_default() += count;
    }
    tally.latencies.extend(local.latencies);
    tally.mismatches.extend(local.mismatches);
    tally.failed_calls += local.failed_calls;
    tally.lost_connections += local.lost_connections;
}

fn percentile(sorted: &[Duration], per_mille: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() - 1) * per_mille / 1000]
}

async fn probe(options: &Options) -> Result<bool, String> {
    let mut connection = Connection::open(options.addr)
        .await
        .map_err(|error| format!("cannot connect to {}: {error}", options.addr))?;
    let body = br#"{"jsonrpc": "2.0", "id": "probe", "method": "add", "params": [2, 40]}"#;
    let (status, answer) =
        tokio::time::timeout(IO_TIMEOUT, connection.post(options.addr, body, true))
            .await
            .map_err(|_| "no answer to the probe".to_owned())??;
    let expected = json!({"jsonrpc": "2.0", "id": "probe", "result": 42});
    let ok = status == 200 && serde_json::from_slice::<Value>(&answer).ok() == Some(expected);
    println!("probe: {}", if ok { "answered" } else { "WRONG ANSWER" });
    Ok(ok)
}

async fn run(options: Options) -> Result<bool, String> {
    if options.probe {
        return probe(&options).await;
    }
    let options = Arc::new(options);
    let next = Arc::new(AtomicUsize::new(0));
    let codes = Arc::new(fail_codes());
    let tally = Arc::new(Mutex::new(Tally::default()));
    let deadline = Instant::now() + Duration::from_secs(options.max_secs);
    let started = Instant::now();
    let workers: Vec<_> = (0..options.connections)
        .map(|_| {
            tokio::spawn(worker(
                Arc::clone(&options),
                Arc::clone(&next),
                Arc::clone(&codes),
                deadline,
                Arc::clone(&tally),
            ))
        })
        .collect();
    for worker in workers {
        worker.await.map_err(|error| error.to_string())?;
    }
    let secs = started.elapsed().as_secs_f64();
    let mut tally = std::mem::take(
        &mut *tally
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    tally.latencies.sort();
    let calls = tally.latencies.len();
    println!("answers by expected outcome:");
    for (label, count) in &tally.by_label {
        println!("  {count:>7}  {label}");
    }
    for mismatch in tally.mismatches.iter().take(12) {
        println!("MISMATCH {mismatch}");
    }
    let ms = |duration: Duration| duration.as_secs_f64() * 1000.0;
    #[allow(clippy::cast_precision_loss)] // a count of calls
    let rate = calls as f64 / secs;
    println!(
        "summary calls={calls} secs={secs:.2} calls_per_sec={rate:.0} p50_ms={:.2} p90_ms={:.2} p99_ms={:.2} p999_ms={:.2} max_ms={:.2} mismatches={} failed_calls={} lost_connections={}",
        ms(percentile(&tally.latencies, 500)),
        ms(percentile(&tally.latencies, 900)),
        ms(percentile(&tally.latencies, 990)),
        ms(percentile(&tally.latencies, 999)),
        ms(tally.latencies.last().copied().unwrap_or_default()),
        tally.mismatches.len(),
        tally.failed_calls,
        tally.lost_connections,
    );
    let complete = calls == options.calls;
    if !complete {
        println!(
            "INCOMPLETE: {calls} of {} calls in {}s",
            options.calls, options.max_secs
        );
    }
    Ok(complete && tally.mismatches.is_empty() && tally.lost_connections == 0)
}

fn main() -> ExitCode {
    let options = match options_or_exit(
        "jsonrpc_load",
        USAGE,
        parse_options(std::env::args().skip(1)),
    ) {
        Ok(options) => options,
        Err(code) => return code,
    };
    // Whatever happens, the process ends: a hung server must not hang the caller.
    watchdog(
        "jsonrpc_load",
        Duration::from_secs(options.max_secs + 15),
        1,
    );
    run_checked("jsonrpc_load", run(options))
}

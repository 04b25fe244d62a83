//! The JSON-RPC example server against malformed requests, over raw HTTP/1.1 on loopback: each
//! gets the error the JSON-RPC 2.0 specification gives (`-32700` Parse error for a body that is
//! not JSON, `-32600` Invalid Request for JSON that is not a request, per element in a batch),
//! a body over the limit `-32007` `RequestTooLarge` with HTTP 413, and the server goes on
//! answering valid calls.

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use apicode::ApiError;
use apicode_tests::jsonrpc::RpcError;
use apicode_tests::jsonrpc::http::{Config, Running};
use serde_json::{Value, json};

const BODY_LIMIT: u32 = 4096;

fn server() -> Running {
    Running::start(&Config::new("127.0.0.1:0").body_limit(BODY_LIMIT)).unwrap()
}

/// One HTTP answer: the status, the `content-type` and the body.
struct Answer {
    status: u16,
    content_type: Option<String>,
    body: Vec<u8>,
}

impl Answer {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {:?}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }
}

/// Sends `head` (request line and headers, without the blank line) and `body` on a connection
/// of its own, and reads the answer to the end.
fn exchange(addr: SocketAddr, head: &str, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .write_all(format!("{head}\r\nConnection: close\r\n\r\n").as_bytes())
        .unwrap();
    // The server may answer (a 413) and close before it has read everything.
    let _ = stream.write_all(body);
    let mut answer = Vec::new();
    stream
        .read_to_end(&mut answer)
        .expect("an answer within 10 s");
    let split = answer
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no HTTP head: {:?}", String::from_utf8_lossy(&answer)));
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|status| status.parse().ok())
        .expect("a status line");
    let content_type = lines.find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("content-type")
            .then(|| value.trim().to_owned())
    });
    Answer {
        status,
        content_type,
        body: answer[split + 4..].to_vec(),
    }
}

fn post(addr: SocketAddr, body: &[u8]) -> Answer {
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}",
        body.len()
    );
    exchange(addr, &head, body)
}

/// The response object of an error of the table, as the layer or the server sends it.
fn error_response(id: &Value, error: RpcError) -> Value {
    json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": {
            "code": error.code(),
            "message": error.to_string(),
            "data": {"message": error.message(), "status": error.http_status()},
        },
    })
}

fn assert_code(answer: &Answer, code: i32, case: &str) {
    assert_eq!(answer.status, 200, "{case}");
    let body = answer.json();
    assert_eq!(body["jsonrpc"], "2.0", "{case}: {body}");
    assert_eq!(body["error"]["code"], code, "{case}: {body}");
}

fn assert_still_serves(addr: SocketAddr) {
    let answer = post(
        addr,
        br#"{"jsonrpc": "2.0", "id": 1, "method": "add", "params": [2, 40]}"#,
    );
    assert_eq!(
        answer.json(),
        json!({"jsonrpc": "2.0", "id": 1, "result": 42})
    );
}

#[test]
fn bodies_that_are_not_json_get_parse_error() {
    let server = server();
    let cases: &[(&str, &[u8])] = &[
        (
            "cut short",
            br#"{"jsonrpc": "2.0", "id": 1, "method": "add""#,
        ),
        ("text", b"add 2 and 40"),
        ("empty", b""),
        ("invalid UTF-8", b"\xff\xfe\x00{"),
        (
            "trailing bytes",
            br#"{"jsonrpc": "2.0", "id": 1, "method": "add"} x"#,
        ),
        (
            "single quotes",
            b"{'jsonrpc': '2.0', 'id': 1, 'method': 'add'}",
        ),
        (
            "unclosed batch",
            br#"[{"jsonrpc": "2.0", "id": 1, "method": "add""#,
        ),
    ];
    for (case, body) in cases {
        let answer = post(server.addr(), body);
        // jsonrpsee answers 400 to a body that does not start like JSON-RPC (`{` or `[`), 200
        // to the rest: the JSON-RPC answer is the same.
        assert!(
            matches!(answer.status, 200 | 400),
            "{case}: {}",
            answer.status
        );
        let body = answer.json();
        assert_eq!(
            body,
            json!({"jsonrpc": "2.0", "id": null, "error": {"code": -32700, "message": "Parse error"}}),
            "{case}"
        );
        assert_eq!(
            answer.content_type.as_deref(),
            Some("application/json; charset=utf-8"),
            "{case}"
        );
    }
    assert_still_serves(server.addr());
}

#[test]
fn json_that_is_not_a_request_gets_invalid_request() {
    let server = server();
    let no_id = Value::Null;
    let cases: &[(&str, &str, Value)] = &[
        ("a number", "1", no_id.clone()),
        ("null", "null", no_id.clone()),
        ("a string", r#""add""#, no_id.clone()),
        ("an empty object", "{}", no_id.clone()),
        (
            "version 1.0",
            r#"{"jsonrpc": "1.0", "id": 7, "method": "add", "params": [1, 2]}"#,
            json!(7),
        ),
        (
            "version as a number",
            r#"{"jsonrpc": 2.0, "id": 7, "method": "add", "params": [1, 2]}"#,
            json!(7),
        ),
        (
            "no version",
            r#"{"id": "a", "method": "add", "params": [1, 2]}"#,
            json!("a"),
        ),
        ("no method", r#"{"jsonrpc": "2.0", "id": 7}"#, json!(7)),
        (
            "a numeric method",
            r#"{"jsonrpc": "2.0", "id": 7, "method": 1}"#,
            json!(7),
        ),
        (
            "params a string",
            r#"{"jsonrpc": "2.0", "id": 7, "method": "add", "params": "1, 2"}"#,
            json!(7),
        ),
        (
            "an object id",
            r#"{"jsonrpc": "2.0", "id": {}, "method": "add", "params": [1, 2]}"#,
            no_id.clone(),
        ),
        (
            "a fractional id",
            r#"{"jsonrpc": "2.0", "id": 1.5, "method": "add", "params": [1, 2]}"#,
            no_id.clone(),
        ),
        (
            "a negative id",
            r#"{"jsonrpc": "2.0", "id": -1, "method": "add", "params": [1, 2]}"#,
            no_id.clone(),
        ),
    ];
    for (case, body, id) in cases {
        let answer = post(server.addr(), body.as_bytes());
        assert_eq!(answer.status, 200, "{case}");
        assert_eq!(
            answer.json(),
            error_response(id, RpcError::InvalidRequest),
            "{case}"
        );
    }

    // An empty batch is one Invalid Request (jsonrpsee's own, with its message).
    let empty = post(server.addr(), b"[]");
    assert_code(&empty, -32600, "empty batch");
    assert_eq!(empty.json()["id"], Value::Null);
    assert_still_serves(server.addr());
}

#[test]
fn a_batch_of_garbage_gets_invalid_request_for_each_element() {
    let server = server();
    let garbage = post(
        server.addr(),
        br#"[1, "add", null, {}, [], {"jsonrpc": "1.0", "id": 3, "method": "add"}]"#,
    );
    let answers = garbage.json();
    let answers = answers.as_array().expect("one answer per element");
    assert_eq!(answers.len(), 6, "{answers:?}");
    for answer in answers {
        assert_eq!(answer["error"]["code"], -32600, "{answer}");
        assert_eq!(answer["id"], Value::Null, "{answer}");
    }

    // Arrays nested 2,000 deep: a batch of one element that is not a request.
    let mut deep = "[".repeat(2_000);
    deep.push_str(&"]".repeat(2_000));
    let deep = post(server.addr(), deep.as_bytes()).json();
    assert_eq!(deep.as_array().map(Vec::len), Some(1), "{deep}");
    assert_eq!(deep[0]["error"]["code"], -32600, "{deep}");

    // Valid calls in a batch are answered next to the garbage.
    let mixed = post(
        server.addr(),
        br#"[{"jsonrpc": "2.0", "id": 1, "method": "add", "params": [1, 2]}, 5,
            {"jsonrpc": "2.0", "id": {}, "method": "add", "params": [1, 2]},
            {"jsonrpc": "2.0", "id": 2, "method": "fail", "params": {"code": -32601}}]"#,
    )
    .json();
    let mixed = mixed.as_array().expect("a batch answer");
    assert_eq!(mixed.len(), 4, "{mixed:?}");
    let by_id = |id: i64| mixed.iter().find(|answer| answer["id"] == id);
    assert_eq!(by_id(1).unwrap()["result"], 3);
    assert_eq!(
        by_id(2).unwrap(),
        &error_response(&json!(2), RpcError::MethodNotFound)
    );
    let invalid: Vec<&Value> = mixed
        .iter()
        .filter(|answer| answer["id"].is_null())
        .collect();
    assert_eq!(invalid.len(), 2);
    assert!(
        invalid
            .iter()
            .all(|answer| answer["error"]["code"] == -32600)
    );
    assert_still_serves(server.addr());
}

#[test]
fn notifications_get_no_answer() {
    let server = server();
    for body in [
        r#"{"jsonrpc": "2.0", "method": "add", "params": [1, 2]}"#,
        r#"{"jsonrpc": "2.0", "method": "fail", "params": [-32603]}"#,
        r#"[{"jsonrpc": "2.0", "method": "add", "params": [1, 2]}]"#,
    ] {
        let answer = post(server.addr(), body.as_bytes());
        assert_eq!(answer.status, 204, "{body}");
        assert!(answer.body.is_empty(), "{body}");
    }
    assert_still_serves(server.addr());
}

#[test]
fn huge_bodies_get_request_too_large() {
    let server = server();
    let limit = usize::try_from(BODY_LIMIT).unwrap();
    let expected = error_response(&Value::Null, RpcError::RequestTooLarge);

    // A valid request padded past the limit, announced by its Content-Length.
    let padded = format!(
        r#"{{"jsonrpc": "2.0", "id": 1, "method": "add", "params": [1, 2]{}}}"#,
        " ".repeat(limit)
    );
    let answer = post(server.addr(), padded.as_bytes());
    assert_eq!((answer.status, answer.json()), (413, expected.clone()));

    // The same in chunks, without a Content-Length.
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
        server.addr()
    );
    let mut chunked = Vec::new();
    for chunk in padded.as_bytes().chunks(1000) {
        chunked.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        chunked.extend_from_slice(chunk);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let answer = exchange(server.addr(), &head, &chunked);
    assert_eq!((answer.status, answer.json()), (413, expected.clone()));

    // A Content-Length of 10 GB, and a few bytes: refused before reading.
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\nContent-Length: 10000000000",
        server.addr()
    );
    let answer = exchange(server.addr(), &head, b"{}");
    assert_eq!((answer.status, answer.json()), (413, expected));

    // A batch of 10 MB of garbage.
    let batch = format!("[{}1]", "1,".repeat(5_000_000));
    let answer = post(server.addr(), batch.as_bytes());
    assert_eq!(answer.status, 413);
    assert_still_serves(server.addr());
}

#[test]
fn other_methods_and_content_types_are_refused_by_http() {
    let server = server();
    let addr = server.addr();
    let get = exchange(addr, &format!("GET / HTTP/1.1\r\nHost: {addr}"), b"");
    assert_eq!(get.status, 405);
    let form = exchange(
        addr,
        &format!(
            "POST / HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 3"
        ),
        b"a=1",
    );
    assert_eq!(form.status, 415);
    assert_still_serves(addr);
}

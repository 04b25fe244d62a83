//! The client side against real servers over loopback, through both HTTP clients (reqwest and
//! ureq): an axum service answering problem+json and the default body, a WeChat-style
//! `errcode`/`errmsg` API, and a misbehaving server (HTML error pages, wrong content types,
//! truncated, cut and oversized bodies, a 200 with an error code, a 500 with a success code).
//! Each odd answer gives what the `apicode::client` documentation says it gives.

use std::fmt::Write as _;
use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use apicode::ApiError;
use apicode::client::reqwest::ResponseExt as _;
use apicode::client::ureq::ResponseExt as _;
use apicode::client::{ClientError, ClientErrorKind, Reader};
use apicode::http::OwnedErrorBody;
use apicode::problem::Problem;
use apicode_sms::SmsError;
use apicode_tests::gateway::Server;
use axum::extract::{Path, RawQuery};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// `GET url` read by both clients with `reader`; the two answers must agree, and the ureq one
/// is returned.
async fn both<T, E>(url: &str, reader: &Reader<'_>) -> Result<Result<T, E>, ClientError>
where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
    E: ApiError + apicode::CodeTable + serde::de::DeserializeOwned + PartialEq,
{
    let by_reqwest = match reqwest::get(url).await {
        Ok(response) => response.api_result_with::<T, E>(reader).await,
        Err(error) => Err(ClientError::from(error)),
    };
    let by_ureq = match agent().get(url).call() {
        Ok(response) => response.api_result_with::<T, E>(reader),
        Err(error) => Err(ClientError::from(error)),
    };
    match (&by_reqwest, &by_ureq) {
        (Ok(a), Ok(b)) => assert!(a == b, "{url}: reqwest {a:?}, ureq {b:?}"),
        (Err(a), Err(b)) => {
            assert_eq!(a.kind(), b.kind(), "{url}: reqwest {a}, ureq {b}");
            assert_eq!(a.status(), b.status(), "{url}");
        }
        _ => panic!("{url}: reqwest {by_reqwest:?}, ureq {by_ureq:?}"),
    }
    by_ureq
}

// ---------------------------------------------------------------------------------------------
// An axum service answering problem+json, and the default body.

#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(status = 400)]
enum StoreError {
    /// Reserved
    #[code(0, "Ok", status = 200)]
    Ok,
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    #[error("{item} is out of stock")]
    OutOfStock { item: String },
    /// The store is closed for maintenance
    #[code(1002, "Closed", status = 503)]
    Closed,
    #[code(other)]
    Unknown(u32),
}

#[derive(Debug, PartialEq, Deserialize)]
struct Reservation {
    item: String,
    left: u32,
}

fn store() -> Server {
    async fn reserve(Path(item): Path<String>) -> Result<Json<Value>, Problem<StoreError>> {
        match item.as_str() {
            "tea" => Ok(Json(json!({"code": 0, "data": {"item": "tea", "left": 3}}))),
            "closed" => Err(StoreError::Closed.into()),
            _ => Err(Problem::new(StoreError::OutOfStock { item })
                .with_type_base("https://errors.example.com/")),
        }
    }
    async fn plain(Path(item): Path<String>) -> Result<Json<Value>, StoreError> {
        Err(StoreError::OutOfStock { item })
    }
    let router = Router::new()
        .route("/problem/{item}", get(reserve))
        .route("/plain/{item}", get(plain));
    Server::start_router("127.0.0.1:0", router).expect("the store starts")
}

#[tokio::test]
async fn problem_json_answers_are_typed_errors_and_successes_stay_successes() {
    let server = store();
    let reader = Reader::new();
    let url = |path: &str| format!("{}{path}", server.url());

    let tea = both::<Reservation, StoreError>(&url("/problem/tea"), &reader).await;
    let expected = Reservation {
        item: "tea".into(),
        left: 3,
    };
    assert_eq!(tea.unwrap(), Ok(expected));

    // From a code alone, a variant's fields are their defaults: the item is in `detail`.
    let gone = both::<Reservation, StoreError>(&url("/problem/coffee"), &reader).await;
    assert_eq!(
        gone.unwrap(),
        Err(StoreError::OutOfStock {
            item: String::new()
        })
    );
    let closed = both::<Reservation, StoreError>(&url("/problem/closed"), &reader).await;
    assert_eq!(closed.unwrap(), Err(StoreError::Closed));

    // The default body reads the same way.
    let plain = both::<Reservation, StoreError>(&url("/plain/milk"), &reader).await;
    assert!(matches!(plain.unwrap(), Err(StoreError::OutOfStock { .. })));
    server.stop().unwrap();
}

#[tokio::test]
async fn problem_documents_and_default_bodies_read_back_whole() {
    let server = store();
    let response = reqwest::get(format!("{}/problem/coffee", server.url()))
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    let body = response.bytes().await.unwrap();
    let problem: Problem<StoreError> = serde_json::from_slice(&body).unwrap();
    let received = problem.received().expect("read back");
    assert_eq!(received.type_uri, "https://errors.example.com/1001");
    assert_eq!(received.title.as_deref(), Some("OutOfStock"));
    assert_eq!(received.detail.as_deref(), Some("coffee is out of stock"));
    assert_eq!(received.status, Some(409));
    assert_eq!(problem.status(), 409);
    assert_eq!(problem.error().code(), 1001);
    // Written again, it is the document the service sent.
    let sent: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(serde_json::to_value(&problem).unwrap(), sent);

    // A 5xx keeps its Display to itself; the client reads the table's detail.
    let body = reqwest::get(format!("{}/problem/closed", server.url()))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let problem: Problem<StoreError> = serde_json::from_slice(&body).unwrap();
    let detail = problem.received().unwrap().detail.as_deref();
    assert_eq!(detail, Some("The store is closed for maintenance"));
    assert_eq!(problem.received().unwrap().type_uri, "about:blank");

    let body = reqwest::get(format!("{}/plain/milk", server.url()))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let read: OwnedErrorBody<StoreError> = serde_json::from_slice(&body).unwrap();
    assert_eq!(read.message, "OutOfStock");
    assert_eq!(read.code.code(), 1001);
    server.stop().unwrap();
}

#[test]
fn problem_members_of_the_wrong_shape_are_refused() {
    let read = |body: &str| serde_json::from_str::<Problem<StoreError>>(body);
    assert!(
        read(r#"{"type": "about:blank", "status": 409}"#).is_err(),
        "no code"
    );
    assert!(read(r#"{"code": 1001, "status": "409"}"#).is_err());
    assert!(read(r#"{"code": 1001, "code": 1002}"#).is_err());
    assert!(read(r#"{"code": 1001, "x": 1, "x": 2}"#).is_err());
    assert!(read("[1001]").is_err());
    let unknown = read(r#"{"code": 77}"#).unwrap();
    assert_eq!(unknown.error(), &StoreError::Unknown(77));
    assert_eq!(unknown.received().unwrap().type_uri, "about:blank");
    let body = |body: &str| serde_json::from_str::<OwnedErrorBody<StoreError>>(body);
    assert!(body(r#"{"code": 1001}"#).is_err(), "no message");
    assert!(body(r#"{"message": "OutOfStock"}"#).is_err(), "no code");
    assert!(body(r#"{"code": 1001, "message": 5}"#).is_err());
}

// ---------------------------------------------------------------------------------------------
// A WeChat-style API: `errcode`/`errmsg`, data beside them, HTTP 200 whatever happened.

#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(status = 400)]
enum WeChatError {
    /// ok
    #[code(0, "Ok", status = 200)]
    Ok,
    /// The app secret is wrong, or the access token is invalid
    #[code(40001, "InvalidCredential", status = 401)]
    InvalidCredential,
    /// The grant type is invalid
    #[code(40002, "InvalidGrantType")]
    InvalidGrantType,
    #[code(other)]
    Unknown(u32),
}

/// The reader of this API, defined once: its token endpoint leaves the code out of a success.
const WECHAT: Reader = Reader::new()
    .code("errcode")
    .message("errmsg")
    .flattened_data()
    .success_without_code();

#[derive(Debug, PartialEq, Deserialize)]
struct Token {
    access_token: String,
    expires_in: u32,
}

fn wechat() -> Server {
    async fn token(RawQuery(query): RawQuery) -> Json<Value> {
        let query = query.unwrap_or_default();
        let has = |pair: &str| query.split('&').any(|given| given == pair);
        Json(if !has("grant_type=client_credential") {
            json!({"errcode": 40002, "errmsg": "invalid grant_type"})
        } else if has("secret=s3cret") {
            json!({"access_token": "T0k3n", "expires_in": 7200})
        } else if has("secret=s3cret-too") {
            json!({"errcode": 0, "errmsg": "ok", "access_token": "T0k3n", "expires_in": 7200})
        } else if has("secret=frozen") {
            json!({"errcode": 50002, "errmsg": "user limited"})
        } else {
            json!({"errcode": 40001, "errmsg": "invalid credential"})
        })
    }
    async fn send(Json(body): Json<Value>) -> Json<Value> {
        Json(if body["touser"].is_string() {
            json!({"errcode": 0, "errmsg": "ok"})
        } else {
            json!({"errcode": 40001, "errmsg": "invalid credential"})
        })
    }
    let router = Router::new()
        .route("/cgi-bin/token", get(token))
        .route("/cgi-bin/message/send", post(send));
    Server::start_router("127.0.0.1:0", router).expect("the WeChat server starts")
}

#[tokio::test]
async fn a_wechat_style_envelope_is_read_with_its_own_member_names() {
    let server = wechat();
    let token = |grant: &str, secret: &str| {
        format!(
            "{}/cgi-bin/token?grant_type={grant}&secret={secret}",
            server.url()
        )
    };
    let expected = || Token {
        access_token: "T0k3n".into(),
        expires_in: 7200,
    };
    let ok = both::<Token, WeChatError>(&token("client_credential", "s3cret"), &WECHAT).await;
    assert_eq!(ok.unwrap(), Ok(expected()));
    let ok = both::<Token, WeChatError>(&token("client_credential", "s3cret-too"), &WECHAT).await;
    assert_eq!(ok.unwrap(), Ok(expected()));

    // HTTP 200 with an error code is an error.
    let wrong = both::<Token, WeChatError>(&token("client_credential", "nope"), &WECHAT).await;
    assert_eq!(wrong.unwrap(), Err(WeChatError::InvalidCredential));
    let grant = both::<Token, WeChatError>(&token("password", "s3cret"), &WECHAT).await;
    assert_eq!(grant.unwrap(), Err(WeChatError::InvalidGrantType));
    // A code outside the table is kept by the catch-all.
    let frozen = both::<Token, WeChatError>(&token("client_credential", "frozen"), &WECHAT).await;
    assert_eq!(frozen.unwrap(), Err(WeChatError::Unknown(50002)));

    // The default member names find no code in these bodies: a reader that requires one says
    // so, and the default one reads an error as a success body that is not a `Token`.
    let url = token("client_credential", "s3cret-too");
    let default = both::<Token, WeChatError>(&url, &Reader::new().code_required()).await;
    assert_eq!(default.unwrap_err().kind(), ClientErrorKind::MissingCode);
    let url = token("client_credential", "nope");
    let default = both::<Token, WeChatError>(&url, &Reader::new()).await;
    assert_eq!(default.unwrap_err().kind(), ClientErrorKind::Data);

    // An answer without data, per call: the same names, no data.
    let url = format!("{}/cgi-bin/message/send", server.url());
    let reader = WECHAT.without_data();
    let sent = agent()
        .post(&url)
        .send_json(json!({"touser": "OPENID", "msgtype": "text"}))
        .unwrap()
        .api_result_with::<(), WeChatError>(&reader)
        .unwrap();
    assert_eq!(sent, Ok(()));
    let refused = reqwest::Client::new()
        .post(&url)
        .json(&json!({"msgtype": "text"}))
        .send()
        .await
        .unwrap()
        .api_result_with::<(), WeChatError>(&reader)
        .await
        .unwrap();
    assert_eq!(refused, Err(WeChatError::InvalidCredential));
    server.stop().unwrap();
}

// ---------------------------------------------------------------------------------------------
// A misbehaving server: canned answers by path, written as raw HTTP/1.1.

/// A table without a catch-all: unknown codes are refused.
#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(serde = "string")]
enum StrictError {
    /// Success
    #[code(0, "Ok", status = 200)]
    Ok,
    /// Invalid phone number
    #[code(107111, "InvalidPhoneNumbers", status = 400)]
    InvalidPhoneNumbers,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Sent {
    recipients: u32,
}

const HTML: &str = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";

/// The answer for `path`: the status line's code, the content type, the body, and how many
/// bytes the `Content-Length` claims (`None`: chunked).
fn canned(path: &str) -> (u16, Option<&'static str>, Vec<u8>, Option<usize>) {
    let json = Some("application/json");
    let full =
        |status, content_type, body: &[u8]| (status, content_type, body.to_vec(), Some(body.len()));
    match path {
        "/html-502" => full(502, Some("text/html; charset=utf-8"), HTML.as_bytes()),
        "/html-labelled-json" => full(502, json, HTML.as_bytes()),
        "/html-unlabelled" => full(503, None, HTML.as_bytes()),
        "/json-as-text" => full(
            200,
            Some("text/plain"),
            br#"{"code": "0", "data": {"recipients": 1}}"#,
        ),
        "/truncated" => full(200, json, br#"{"code": "0", "data": {"recipi"#),
        "/trailing" => full(200, json, br#"{"code": "0", "data": {"recipients": 1}} {}"#),
        "/empty-502" => full(502, json, b""),
        "/ok-with-error-code" => full(
            200,
            json,
            br#"{"code": "107111", "message": "InvalidPhoneNumbers"}"#,
        ),
        "/500-with-success-code" => full(
            500,
            json,
            br#"{"code": "0", "message": "Success", "data": {"recipients": 1}}"#,
        ),
        "/problem-with-success-code" => full(
            200,
            Some("application/problem+json"),
            br#"{"status": 200, "code": "0"}"#,
        ),
        "/unknown-code" => full(400, json, br#"{"code": "999", "message": "Mystery"}"#),
        "/negative-code" => full(400, json, br#"{"code": -1}"#),
        "/no-code" => full(400, json, br#"{"error": "bad request"}"#),
        "/array" => full(200, json, b"[1, 2, 3]"),
        "/success-without-data" => full(200, json, br#"{"code": "0", "message": "Success"}"#),
        "/success-with-wrong-data" => full(
            200,
            json,
            br#"{"code": "0", "data": {"recipients": "one"}}"#,
        ),
        "/error-with-odd-data" => full(404, json, br#"{"code": "107111", "data": "see docs"}"#),
        "/oversized" => {
            let body = oversized();
            let length = body.len();
            (200, json, body, Some(length))
        }
        "/oversized-chunked" => (200, json, oversized(), None),
        // Claims more than it sends, then closes the connection.
        "/cut" => (200, json, br#"{"code": "0", "da"#.to_vec(), Some(400)),
        _ => full(404, Some("text/plain"), b"no such page"),
    }
}

/// A valid success of 2 MiB, over the default limit of 1 MiB.
fn oversized() -> Vec<u8> {
    let padding = "x".repeat(2 << 20);
    format!(r#"{{"code": "0", "data": {{"recipients": 1}}, "padding": "{padding}"}}"#).into_bytes()
}

/// A server that answers every connection with the canned answer of its path, until dropped.
struct Misbehaving {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Misbehaving {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    // A client that went away is no failure of the server.
                    let _ = answer(stream);
                }
            }
        });
        Misbehaving {
            addr,
            stop,
            thread: Some(thread),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Misbehaving {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(stream: TcpStream) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" {
            break;
        }
    }
    let path = request_line.split(' ').nth(1).unwrap_or("/");
    let (status, content_type, body, length) = canned(path);
    let mut head = format!("HTTP/1.1 {status} Whatever\r\nConnection: close\r\n");
    if let Some(content_type) = content_type {
        let _ = write!(head, "Content-Type: {content_type}\r\n");
    }
    let mut stream = reader.into_inner();
    if let Some(length) = length {
        let _ = write!(head, "Content-Length: {length}\r\n\r\n");
        stream.write_all(head.as_bytes())?;
        stream.write_all(&body)?;
    } else {
        head.push_str("Transfer-Encoding: chunked\r\n\r\n");
        stream.write_all(head.as_bytes())?;
        for chunk in body.chunks(64 * 1024) {
            write!(stream, "{:x}\r\n", chunk.len())?;
            stream.write_all(chunk)?;
            stream.write_all(b"\r\n")?;
        }
        stream.write_all(b"0\r\n\r\n")?;
    }
    stream.flush()
}

/// The kind and status of a failure.
fn failure<T: std::fmt::Debug, E: std::fmt::Debug>(
    answer: Result<Result<T, E>, ClientError>,
) -> (ClientErrorKind, Option<u16>) {
    let error = answer.expect_err("not the API's answer");
    (error.kind(), error.status())
}

#[tokio::test]
async fn pages_that_are_not_the_api_are_client_errors_with_their_status() {
    use ClientErrorKind::{
        ContentType, Data, Malformed, MissingCode, NotJson, RejectedCode, Transport, Truncated,
        UnexpectedSuccess,
    };
    let server = Misbehaving::start();
    let reader = Reader::new();
    let read = |path: &'static str| {
        let url = server.url(path);
        async move { both::<Sent, SmsError>(&url, &reader).await }
    };

    let page = read("/html-502").await.unwrap_err();
    assert_eq!((page.kind(), page.status()), (ContentType, Some(502)));
    assert_eq!(page.content_type(), Some("text/html; charset=utf-8"));
    assert_eq!(page.body_excerpt(), HTML);
    assert!(
        page.to_string()
            .starts_with("the answer is not JSON (HTTP 502, text/html")
    );
    assert_eq!(
        failure(read("/html-labelled-json").await),
        (NotJson, Some(502))
    );
    assert_eq!(
        failure(read("/html-unlabelled").await),
        (NotJson, Some(503))
    );
    assert_eq!(
        failure(read("/json-as-text").await),
        (ContentType, Some(200))
    );
    assert_eq!(failure(read("/truncated").await), (Truncated, Some(200)));
    assert_eq!(failure(read("/trailing").await), (NotJson, Some(200)));
    assert_eq!(failure(read("/empty-502").await), (NotJson, Some(502)));
    assert_eq!(failure(read("/no-code").await), (MissingCode, Some(400)));
    assert_eq!(failure(read("/array").await), (Malformed, Some(200)));
    assert_eq!(
        failure(read("/negative-code").await),
        (RejectedCode, Some(400))
    );
    assert_eq!(
        failure(read("/success-without-data").await),
        (Data, Some(200))
    );
    assert_eq!(
        failure(read("/success-with-wrong-data").await),
        (Data, Some(200))
    );
    assert_eq!(failure(read("/cut").await), (Transport, Some(200)));
    assert_eq!(
        failure(read("/missing-page").await),
        (ContentType, Some(404))
    );

    // A success code never becomes a success under a 500, nor in a problem document.
    let odd = read("/500-with-success-code").await.unwrap_err();
    assert_eq!((odd.kind(), odd.status()), (UnexpectedSuccess, Some(500)));
    assert_eq!(
        failure(read("/problem-with-success-code").await),
        (UnexpectedSuccess, Some(200))
    );

    // A code the table refuses: unknown to a table without a catch-all.
    let url = server.url("/unknown-code");
    let strict = both::<Sent, StrictError>(&url, &reader).await.unwrap_err();
    assert_eq!((strict.kind(), strict.status()), (RejectedCode, Some(400)));
    assert!(strict.to_string().contains("999"), "{strict}");
}

#[tokio::test]
async fn odd_but_genuine_answers_are_read_as_the_api_meant_them() {
    let server = Misbehaving::start();
    let reader = Reader::new();
    let read = |path: &'static str, reader: Reader<'static>| {
        let url = server.url(path);
        async move { both::<Sent, SmsError>(&url, &reader).await }
    };
    // A 200 with an error code is the error.
    let answer = read("/ok-with-error-code", reader).await.unwrap();
    assert_eq!(answer, Err(SmsError::InvalidPhoneNumbers));
    // An error's data need not be a `T`.
    let answer = read("/error-with-odd-data", reader).await.unwrap();
    assert_eq!(answer, Err(SmsError::InvalidPhoneNumbers));
    // A catch-all keeps an unknown code.
    let answer = read("/unknown-code", reader).await.unwrap();
    assert_eq!(answer, Err(SmsError::Unknown(999)));
    // JSON labelled text/plain, for an API known to do that.
    let answer = read("/json-as-text", reader.any_content_type())
        .await
        .unwrap();
    assert_eq!(answer, Ok(Sent { recipients: 1 }));
    // The HTML page is still no JSON.
    let answer = read("/html-502", reader.any_content_type()).await;
    assert_eq!(failure(answer), (ClientErrorKind::NotJson, Some(502)));
    // Without a code, a 4xx is no success, even for a reader that lets a 2xx leave it out.
    let lenient = reader.success_without_code().flattened_data();
    let answer = read("/no-code", lenient).await;
    assert_eq!(failure(answer), (ClientErrorKind::MissingCode, Some(400)));
    // `Option<T>` accepts a success without data.
    let url = server.url("/success-without-data");
    let answer = both::<Option<Sent>, SmsError>(&url, &reader).await;
    assert_eq!(answer.unwrap(), Ok(None));
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_and_the_limit_is_configurable() {
    let server = Misbehaving::start();
    let read = |path: &'static str, reader: Reader<'static>| {
        let url = server.url(path);
        async move { both::<Sent, SmsError>(&url, &reader).await }
    };
    for path in ["/oversized", "/oversized-chunked"] {
        let error = read(path, Reader::new()).await.unwrap_err();
        assert_eq!(
            (error.kind(), error.status()),
            (ClientErrorKind::TooLarge, Some(200))
        );
        assert!(
            error.to_string().contains("more than 1048576 bytes"),
            "{error}"
        );
        let roomy = Reader::new().body_limit(4 << 20);
        assert_eq!(read(path, roomy).await.unwrap(), Ok(Sent { recipients: 1 }));
    }
    // A tight limit refuses even a small answer.
    let tight = Reader::new().body_limit(16);
    let answer = read("/ok-with-error-code", tight).await;
    assert_eq!(failure(answer), (ClientErrorKind::TooLarge, Some(200)));
}

#[tokio::test]
async fn a_request_that_gets_no_answer_is_a_transport_error_without_status() {
    // A port nothing listens on: bind one, then free it.
    let addr = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let url = format!("http://{addr}/");
    let answer = both::<Sent, SmsError>(&url, &Reader::new()).await;
    assert_eq!(failure(answer), (ClientErrorKind::Transport, None));
    // ureq's default agent refuses a 4xx before its body: the status is kept.
    let server = Misbehaving::start();
    let error = ClientError::from(ureq::get(server.url("/no-code")).call().unwrap_err());
    assert_eq!(
        (error.kind(), error.status()),
        (ClientErrorKind::Transport, Some(400))
    );
    assert!(
        error.to_string().contains("http_status_as_error(false)"),
        "{error}"
    );
}

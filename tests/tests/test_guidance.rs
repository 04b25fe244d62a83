//! The guidance a table declares (help links, retry policies) over loopback: the headers the
//! axum integration sends and what the clients read back in one call (`api_answer` on reqwest
//! and ureq), the gateway's help pages, and urllib3's own retry logic honouring the service's
//! `Retry-After` (`PyPI`'s `urllib3`, pinned, in a virtual environment under the target directory).

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use apicode::ApiError;
use apicode::client::ClientErrorKind;
use apicode::client::reqwest::ResponseExt as _;
use apicode::client::ureq::ResponseExt as _;
use apicode::guidance::{Guidance, Retry};
use apicode_sms::SmsError;
use apicode_tests::gateway::{Config, Server};
use apicode_tests::python::{Package, python_with, run};
use axum::Router;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};

/// A table whose rate limiter knows the real wait of each refusal.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(status = 400, help = "https://docs.example.com/quota#{message}")]
enum QuotaError {
    /// Too many requests: wait as long as the limiter says
    #[code(2001, "Throttled", status = 429)]
    Throttled {
        #[retry_after]
        wait: Duration,
    },
    /// The quota is spent for today
    #[code(2002, "QuotaSpent", status = 429, retry = false, help = none)]
    QuotaSpent,
    #[code(other)]
    Unknown(u32),
}

#[derive(Debug, PartialEq, serde::Deserialize)]
struct Sent {
    recipients: u32,
}

/// The service: table errors answered by the axum integration, and two answers written by
/// hand (a 503 page with no code, and a refusal whose `Retry-After` the handler sets itself).
fn service() -> Server {
    let calls = Arc::new(AtomicUsize::new(0));
    let limited = move || {
        // The first call is refused, the next ones pass: what a retry should meet.
        let first = calls.fetch_add(1, Ordering::SeqCst) == 0;
        async move {
            if first {
                SmsError::LimitExceed.into_response()
            } else {
                axum::Json(json!({"code": "0", "message": "Success", "data": {"recipients": 1}}))
                    .into_response()
            }
        }
    };
    let router = Router::new()
        .route("/limit", get(|| async { SmsError::LimitExceed }))
        .route(
            "/configured",
            get(|| async { SmsError::NoUpstreamConfigured }),
        )
        .route("/phone", get(|| async { SmsError::InvalidPhoneNumbers }))
        .route(
            "/throttled",
            get(|| async {
                QuotaError::Throttled {
                    wait: Duration::from_millis(2500),
                }
            }),
        )
        .route("/spent", get(|| async { QuotaError::QuotaSpent }))
        .route(
            "/sooner",
            get(|| async {
                let mut response = SmsError::LimitExceed.into_response();
                response
                    .headers_mut()
                    .insert("retry-after", HeaderValue::from_static("5"));
                response
            }),
        )
        .route(
            "/down",
            get(|| async {
                let mut response: Response = "<html>down for maintenance</html>".into_response();
                *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
                response
            }),
        )
        .route(
            "/ok",
            get(|| async {
                axum::Json(json!({"code": "0", "message": "Success", "data": {"recipients": 2}}))
            }),
        )
        .route(
            "/foreign-problem",
            get(|| async {
                // Another service's problem document: its `type` documents the problem.
                let body = json!({"type": "https://errors.example.com/limits", "title": "Slow down",
                                  "status": 429, "code": "105300", "message": "LimitExceed"});
                let mut response: Response = body.to_string().into_response();
                *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
                response.headers_mut().insert(
                    "content-type",
                    HeaderValue::from_static("application/problem+json"),
                );
                response
            }),
        )
        .route("/limited", get(limited))
        .route(
            "/unheaded",
            get(|| async {
                let mut response: Response = axum::Json(json!({"code": "105300"})).into_response();
                *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
                response
            }),
        );
    Server::start_router("127.0.0.1:0", router).expect("the service starts")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// The guidance of `url` through both clients, which must agree, with the result's kind.
async fn guidance_of<E>(url: &str) -> (Result<Result<Sent, E>, ClientErrorKind>, Guidance)
where
    E: apicode::ApiTable + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let by_reqwest = reqwest::get(url)
        .await
        .expect("the service answers")
        .api_answer::<Sent, E>()
        .await;
    let by_ureq = agent()
        .get(url)
        .call()
        .expect("the service answers")
        .api_answer::<Sent, E>();
    assert_eq!(by_reqwest.guidance, by_ureq.guidance, "{url}");
    let result = by_ureq.result.map_err(|error| error.kind());
    assert_eq!(
        by_reqwest.result.map_err(|error| error.kind()),
        result,
        "{url}"
    );
    (result, by_ureq.guidance)
}

#[tokio::test]
async fn errors_carry_retry_after_and_their_help_link_as_headers() {
    let server = service();
    let url = |path: &str| format!("{}{path}", server.url());
    let answer = reqwest::get(url("/limit")).await.unwrap();
    assert_eq!(answer.status(), 429);
    assert_eq!(answer.headers()["retry-after"], "60");
    assert_eq!(answer.headers()["link"], "</errors/105300>; rel=\"help\"");

    // The instance's own delay, rounded up to whole seconds; the message fills the link in.
    let answer = reqwest::get(url("/throttled")).await.unwrap();
    assert_eq!(answer.headers()["retry-after"], "3");
    assert_eq!(
        answer.headers()["link"],
        "<https://docs.example.com/quota#Throttled>; rel=\"help\""
    );
    // Not worth retrying, no link: neither header.
    let answer = reqwest::get(url("/spent")).await.unwrap();
    assert!(answer.headers().get("retry-after").is_none());
    assert!(answer.headers().get("link").is_none());
    // A 400, not worth retrying: no `Retry-After`, the link still.
    let answer = reqwest::get(url("/phone")).await.unwrap();
    assert!(answer.headers().get("retry-after").is_none());
    assert_eq!(answer.headers()["link"], "</errors/107111>; rel=\"help\"");
}

#[tokio::test]
async fn one_call_says_whether_and_when_to_retry_every_answer() {
    let server = service();
    let url = |path: &str| format!("{}{path}", server.url());

    let (result, guidance) = guidance_of::<SmsError>(&url("/limit")).await;
    assert_eq!(result, Ok(Err(SmsError::LimitExceed)));
    assert_eq!(guidance.retry, Retry::after_secs(60));
    assert_eq!(guidance.help.as_deref(), Some("/errors/105300"));

    // The handler's own header says sooner than the table.
    let (_, guidance) = guidance_of::<SmsError>(&url("/sooner")).await;
    assert_eq!(guidance.retry, Retry::after_secs(5));

    // A 503 that the table says not to retry.
    let (result, guidance) = guidance_of::<SmsError>(&url("/configured")).await;
    assert_eq!(result, Ok(Err(SmsError::NoUpstreamConfigured)));
    assert_eq!(guidance.retry, Retry::No);

    // A 400 is not worth retrying.
    let (_, guidance) = guidance_of::<SmsError>(&url("/phone")).await;
    assert_eq!(guidance.retry, Retry::No);

    // A proxy's HTML 503: no code, so the status says.
    let (result, guidance) = guidance_of::<SmsError>(&url("/down")).await;
    assert_eq!(result, Err(ClientErrorKind::ContentType));
    assert_eq!(
        guidance,
        Guidance {
            retry: Retry::Yes,
            help: None
        }
    );

    // The instance's delay, read back from the header.
    let (result, guidance) = guidance_of::<QuotaError>(&url("/throttled")).await;
    assert!(matches!(result, Ok(Err(QuotaError::Throttled { .. }))));
    assert_eq!(guidance.retry, Retry::after_secs(3));
    assert_eq!(
        guidance.help.as_deref(),
        Some("https://docs.example.com/quota#Throttled")
    );
    let (_, guidance) = guidance_of::<QuotaError>(&url("/spent")).await;
    assert_eq!(
        guidance,
        Guidance {
            retry: Retry::No,
            help: None
        }
    );

    // A problem document without headers: its type is the help link, the table gives the delay.
    let (result, guidance) = guidance_of::<SmsError>(&url("/foreign-problem")).await;
    assert_eq!(result, Ok(Err(SmsError::LimitExceed)));
    assert_eq!(
        guidance,
        Guidance {
            retry: Retry::after_secs(60),
            help: Some("https://errors.example.com/limits".into())
        }
    );

    // A success is never retried.
    let (result, guidance) = guidance_of::<SmsError>(&url("/ok")).await;
    assert_eq!(result, Ok(Ok(Sent { recipients: 2 })));
    assert_eq!(
        guidance,
        Guidance {
            retry: Retry::No,
            help: None
        }
    );
}

#[test]
fn the_gateway_serves_the_page_each_help_link_names() {
    let gateway = Server::start(Config::new("127.0.0.1:0", "key")).unwrap();
    let page = |code: &str| {
        let response = agent()
            .get(format!("{}/errors/{code}", gateway.url()))
            .call()
            .unwrap();
        let status = response.status().as_u16();
        let body = response.into_body().read_to_string().unwrap();
        (status, body)
    };
    let (status, body) = page("105300");
    assert_eq!(status, 200);
    let entry: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        entry,
        json!({"code": 105_300, "message": "LimitExceed", "detail": SmsError::LimitExceed.detail(),
               "status": 429, "help": "/errors/105300", "retryable": true, "retry_after": 60})
    );
    assert_eq!(page("7").0, 404);
    assert_eq!(page("not-a-code").0, 404);
}

#[test]
fn urllib3_honours_the_retry_after_the_service_sends() {
    const URLLIB3: Package = Package {
        name: "urllib3",
        version: "2.7.0",
        module: "urllib3",
    };
    let server = service();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let python = python_with(target, "urllib3-2.7.0-venv", &[URLLIB3]);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("py/retry_after.py");
    let stdout = run(Command::new(&python)
        .arg(script)
        .env("APICODE_URL", server.url()));
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect();
    assert_eq!(
        lines,
        [
            // Refused with `Retry-After: 60`, retried after (recorded) 60 s, then served.
            json!({"path": "/limited", "status": 200, "slept": [60]}),
            // A 429 without the header: urllib3 does not retry it on its own.
            json!({"path": "/unheaded", "status": 429, "slept": []}),
        ]
    );
}

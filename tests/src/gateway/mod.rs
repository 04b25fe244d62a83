//! A server for the Unimatrix SMS API's `sms.message.send`, on axum and the reference table
//! [`SmsError`]: every refusal is a `SmsError` returned from the handler, which answers with the
//! table's code and status through apicode's axum integration.
//!
//! It speaks the API's wire format, so the official SDKs work against it unchanged:
//!
//! - `POST /?action=sms.message.send&accessKeyId=ID[&algorithm=hmac-sha256&timestamp=T&nonce=N&signature=S]`
//!   with a JSON body `{"to": "+12065550100", "signature": "Acme", "text": "..."}`, or
//!   `"templateId"` and `"templateData"` instead of `"text"`;
//! - with an access key secret ([`Config::access_key_secret`]) it is in HMAC mode: the
//!   signature is required, as a hex or a base64 digest, with a timestamp in seconds or in
//!   milliseconds within ten minutes of the server's clock; without one, in simple mode;
//! - the answer is `{"code": "0", "message": "Success", "data": {...}}` or
//!   `{"code": "104202", "message": "InvalidSignatureTimestamp", "detail": "Invalid signature
//!   timestamp. ..."}`, each with an `x-uni-request-id` header; a refusal's `detail` is in the
//!   language the request's `Accept-Language` asks for (Simplified Chinese or English, which
//!   `Content-Language` names), its code and message never change.
//!
//! The checks, in order, and their codes:
//!
//! | request | code | status |
//! | --- | --- | --- |
//! | no `accessKeyId` | 104110 `MissingAccessKeyId` | 401 |
//! | an `accessKeyId` other than the configured one | 104111 `InvalidAccessKeyId` | 401 |
//! | HMAC mode, no `signature` | 104200 `MissingSignature` | 401 |
//! | HMAC mode, `timestamp` missing, not a number or more than 10 minutes off | 104202 `InvalidSignatureTimestamp` | 401 |
//! | HMAC mode, a signature that does not verify (or another `algorithm`) | 104201 `InvalidSignature` | 401 |
//! | no `action` | 104001 `MissingParams` | 400 |
//! | an action other than `sms.message.send` | 104002 `InvalidParams` | 400 |
//! | a body over the size limit (64 KiB by default) | 104003 `RestrictedParams` | 403 |
//! | a body that is not a JSON object of the right types | 104002 `InvalidParams` | 400 |
//! | no `to`, or neither `text` nor `templateId` | 104001 `MissingParams` | 400 |
//! | a `to` that is not E.164 | 107111 `InvalidPhoneNumbers` | 400 |
//! | no SMS `signature` | 107120 `MissingSmsSignature` | 400 |
//! | an SMS signature that is not configured | 107121 `SmsSignatureNotExists` | 404 |
//! | a `templateId` that is not configured | 107141 `SmsTemplateNotExists` | 404 |
//! | a template parameter missing from `templateData` | 107143 `MissingSmsTemplateData` | 400 |
//! | more than the rate limit's messages to one recipient in a minute | 105300 `LimitExceed` | 429 |
//! | otherwise | 0, message `Success` | 200 |
//!
//! `GET /openapi.json` answers the OpenAPI document of all this ([`GatewayApi`]), written by
//! apicode's utoipa integration from the table.

mod args;
pub(crate) mod auth;
pub(crate) mod limit;
pub(crate) mod message;
mod server;

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use apicode_sms::SmsError;
use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::HeaderValue;
use axum::response::Response;
use axum::routing::{get, post};
use serde::Serialize;
use utoipa::OpenApi;

pub use self::args::{ArgsError, USAGE, parse_args};
pub use self::server::{Server, Stop, serve};

use self::auth::Query;
use self::limit::RateLimiter;
use self::message::Outgoing;

/// The header that carries the request's id on every answer.
pub const REQUEST_ID_HEADER: &str = "x-uni-request-id";

/// The only action this server knows.
pub const SEND_ACTION: &str = "sms.message.send";

/// What the gateway accepts: the credentials, the SMS signatures and templates, the limits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The address to listen on (`127.0.0.1:0` picks a free port).
    pub listen: String,
    /// The one access key id the gateway accepts.
    pub access_key_id: String,
    /// The access key secret: with one, requests must be signed (HMAC mode).
    pub access_key_secret: Option<String>,
    /// The SMS signatures (sender names) a message may use.
    pub sms_signatures: BTreeSet<String>,
    /// The templates a message may use, each with the parameters its `templateData` must hold.
    pub templates: BTreeMap<String, Vec<String>>,
    /// How many messages one recipient may receive per minute.
    pub rate_limit: u32,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// How long a connection may take to send a request head, counted from its opening or,
    /// on a kept-alive connection, from the end of the previous answer; past it the connection
    /// is closed, so idle and slow clients do not hold descriptors.
    pub header_read_timeout: Duration,
}

impl Config {
    /// The default rate limit: 60 messages per recipient per minute.
    pub const DEFAULT_RATE_LIMIT: u32 = 60;

    /// The default body limit: 64 KiB.
    pub const DEFAULT_BODY_LIMIT: usize = 64 * 1024;

    /// The default header-read timeout: 10 seconds.
    pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

    /// A gateway in simple mode on `listen` for `access_key_id`, with no SMS signature, no
    /// template and the default limits.
    pub fn new(listen: impl Into<String>, access_key_id: impl Into<String>) -> Self {
        Config {
            listen: listen.into(),
            access_key_id: access_key_id.into(),
            access_key_secret: None,
            sms_signatures: BTreeSet::new(),
            templates: BTreeMap::new(),
            rate_limit: Self::DEFAULT_RATE_LIMIT,
            body_limit: Self::DEFAULT_BODY_LIMIT,
            header_read_timeout: Self::DEFAULT_HEADER_READ_TIMEOUT,
        }
    }

    /// Switches to HMAC mode with `secret`.
    #[must_use]
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.access_key_secret = Some(secret.into());
        self
    }

    /// Accepts the SMS signature `name`.
    #[must_use]
    pub fn sms_signature(mut self, name: impl Into<String>) -> Self {
        self.sms_signatures.insert(name.into());
        self
    }

    /// Accepts the template `id`, whose `templateData` must hold each of `params`.
    #[must_use]
    pub fn template(mut self, id: impl Into<String>, params: &[&str]) -> Self {
        let params = params.iter().map(|param| (*param).to_owned()).collect();
        self.templates.insert(id.into(), params);
        self
    }

    /// Sets the number of messages one recipient may receive per minute.
    #[must_use]
    pub fn rate_limit(mut self, per_minute: u32) -> Self {
        self.rate_limit = per_minute;
        self
    }

    /// Sets the largest request body accepted, in bytes.
    #[must_use]
    pub fn body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// Sets how long a connection may take to send a request head, or stay idle between two
    /// requests, before it is closed.
    #[must_use]
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout;
        self
    }
}

/// The gateway's state: its configuration, the rate limiter, the id generator.
struct Gateway {
    config: Config,
    limiter: Mutex<RateLimiter>,
    ids: Ids,
}

/// Unique ids for requests and messages: a per-process random key hashed with a counter.
pub(crate) struct Ids {
    key: RandomState,
    counter: AtomicU64,
}

impl Ids {
    pub(crate) fn new() -> Self {
        Ids {
            key: RandomState::new(),
            counter: AtomicU64::new(0),
        }
    }

    /// 32 hex digits, different on every call.
    pub(crate) fn next(&self) -> String {
        let count = self.counter.fetch_add(1, Ordering::Relaxed);
        let high = self.key.hash_one((count, 0u8));
        let low = self.key.hash_one((count, 1u8));
        format!("{high:016x}{low:016x}")
    }
}

/// The body of a successful send.
#[derive(Serialize, utoipa::ToSchema)]
struct Success {
    code: &'static str,
    message: &'static str,
    data: SendData,
}

/// What a successful send describes.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct SendData {
    recipients: usize,
    message_count: usize,
    messages: Vec<SentMessage>,
}

/// One message accepted for one recipient.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
struct SentMessage {
    id: String,
    to: String,
    signature: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    template_data: Option<BTreeMap<String, String>>,
    message_count: usize,
    status: &'static str,
}

/// The gateway's routes: `POST /` answers `sms.message.send`, `GET /errors/{code}` the entry of
/// a code (what the table's help links point to) as JSON; every answer, refusals of other
/// methods and paths included, carries `x-uni-request-id`.
pub fn router(config: Config) -> Router {
    let gateway = Arc::new(Gateway {
        limiter: Mutex::new(RateLimiter::new(config.rate_limit)),
        config,
        ids: Ids::new(),
    });
    Router::new()
        .route("/", post(send))
        .route("/openapi.json", get(openapi_handler()))
        .route("/errors/{code}", get(error_page))
        .layer(axum::middleware::from_fn(localize))
        .layer(axum::middleware::map_response_with_state(
            Arc::clone(&gateway),
            with_request_id,
        ))
        .with_state(gateway)
}

/// Answers each refusal in the language the request asks for.
async fn localize(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let accept = apicode::locale::accept_language(request.headers());
    apicode::locale::localize_response(&accept, next.run(request).await)
}

async fn with_request_id(State(gateway): State<Arc<Gateway>>, mut response: Response) -> Response {
    if let Ok(id) = HeaderValue::from_str(&gateway.ids.next()) {
        response.headers_mut().insert(REQUEST_ID_HEADER, id);
    }
    response
}

/// `GET /errors/{code}`: the code's entry of [`SmsError`] (code, message, detail, status, help,
/// retry policy) as JSON; 404 with an empty body for a code outside the table.
async fn error_page(axum::extract::Path(code): axum::extract::Path<String>) -> Response {
    use apicode::CodeTable;

    let entry = code.parse::<u32>().ok().and_then(SmsError::entry);
    let Some(json) = entry.and_then(|entry| serde_json::to_vec(entry).ok()) else {
        let mut response = Response::new(Body::empty());
        *response.status_mut() = axum::http::StatusCode::NOT_FOUND;
        return response;
    };
    let mut response = Response::new(Body::from(json));
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The gateway's OpenAPI document: the `send` operation, whose error responses are every code
/// of [`SmsError`], written by apicode's utoipa integration from the table.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Unimatrix SMS gateway",
        description = "The `sms.message.send` action of the Unimatrix SMS API"
    ),
    paths(send),
    components(schemas(SmsError, Success))
)]
pub struct GatewayApi;

/// `GET /openapi.json`: [`GatewayApi`]'s document, written once when the router is made
/// rather than on every request.
fn openapi_handler() -> impl Fn() -> std::future::Ready<Response> + Clone + Send + 'static {
    let document = serde_json::to_vec(&GatewayApi::openapi())
        .map(axum::body::Bytes::from)
        .ok();
    move || {
        // utoipa's document always serializes; if it ever did not, say so rather than
        // answer an empty document.
        let Some(json) = &document else {
            let mut response = Response::new(Body::from("the document cannot be written"));
            *response.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
            return std::future::ready(response);
        };
        let mut response = Response::new(Body::from(json.clone()));
        response.headers_mut().insert(
            axum::http::header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        std::future::ready(response)
    }
}

/// `POST /`: each check returns its `SmsError` with `?`, and axum turns it into the answer.
///
/// The table's responses come first in `responses(...)`, so that the success answer replaces
/// the table's own 200 entry (`Ok`, code 0), which this operation answers with a `data` member.
#[utoipa::path(
    post,
    path = "/",
    params(
        ("action" = String, Query, description = "`sms.message.send`"),
        ("accessKeyId" = String, Query, description = "The access key id"),
        ("algorithm" = Option<String>, Query, description = "`hmac-sha256` in HMAC mode"),
        ("timestamp" = Option<String>, Query, description = "HMAC mode: Unix time in seconds or milliseconds"),
        ("nonce" = Option<String>, Query, description = "HMAC mode: a random string"),
        ("signature" = Option<String>, Query, description = "HMAC mode: the hex or base64 HMAC-SHA256 of the sorted query"),
    ),
    request_body(content = Object, content_type = "application/json", description = "`to`, `signature` and `text`, or `templateId` and `templateData`"),
    responses(SmsError, (status = 200, description = "The messages were accepted", body = Success)),
)]
async fn send(
    State(gateway): State<Arc<Gateway>>,
    RawQuery(query): RawQuery,
    body: Body,
) -> Result<Json<Success>, SmsError> {
    let query = Query::parse(query.as_deref().unwrap_or_default());
    auth::authenticate(&gateway.config, &query)?;
    match query.get("action") {
        None => return Err(SmsError::MissingParams),
        Some(SEND_ACTION) => {}
        Some(_) => return Err(SmsError::InvalidParams),
    }
    let body = message::read_body(body, gateway.config.body_limit).await?;
    let outgoing = Outgoing::parse(&body, &gateway.config)?;
    gateway
        .limiter
        .lock()
        .map_err(|_| SmsError::Internal)?
        .admit(&outgoing.to)?;
    Ok(Json(gateway.success(&outgoing)))
}

impl Gateway {
    fn success(&self, outgoing: &Outgoing) -> Success {
        let messages: Vec<SentMessage> = outgoing
            .to
            .iter()
            .map(|to| SentMessage {
                id: self.ids.next(),
                to: to.clone(),
                signature: outgoing.signature.clone(),
                text: outgoing.text.clone(),
                template_id: outgoing.template_id.clone(),
                template_data: outgoing.template_data.clone(),
                message_count: outgoing.segments,
                status: "sent",
            })
            .collect();
        Success {
            code: "0",
            message: "Success",
            data: SendData {
                recipients: messages.len(),
                message_count: messages.len() * outgoing.segments,
                messages,
            },
        }
    }
}

//! An HTTP middleware in front of jsonrpsee's server that answers malformed requests as the
//! JSON-RPC 2.0 specification says, where jsonrpsee 0.26 does not:
//!
//! | body | jsonrpsee alone | with this layer (the specification's answer) |
//! | --- | --- | --- |
//! | JSON that is not an object nor an array (`1`, `null`, `"x"`) | `-32700` Parse error | `-32600` Invalid Request |
//! | an object that is not a request (`{}`, no `method`, `"jsonrpc": "1.0"`) | `-32700` or `-32600` | `-32600` Invalid Request |
//! | a request whose `id` is an object, an array, a boolean, a fraction or a negative number (jsonrpsee's numeric ids are unsigned) | taken for a notification: no answer | `-32600` Invalid Request, `id` null |
//! | a request whose `params` is neither an array nor an object | `-32602` from the method | `-32600` Invalid Request |
//! | the same, as elements of a batch | as above, per element | `-32600` for each such element |
//!
//! A notification (a request without `id`), or a batch of nothing else, gets HTTP 204 and no
//! body, where jsonrpsee sends `null`. A body that is not JSON at all still gets jsonrpsee's `-32700`, and a body over the limit
//! `-32007` `RequestTooLarge` with HTTP 413, as from jsonrpsee; every error here is an
//! [`RpcError`] made into the error object by apicode's `jsonrpsee` feature.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body_util::{BodyExt as _, LengthLimitError, Limited};
use jsonrpsee::core::BoxError;
use jsonrpsee::server::{HttpBody, HttpRequest, HttpResponse};
use jsonrpsee::types::{Id, Response, ResponsePayload};
use serde_json::Value;

use super::RpcError;

/// The layer: `Server::builder().set_http_middleware(ServiceBuilder::new().layer(..))`.
#[derive(Debug, Clone, Copy)]
pub struct Conformance {
    body_limit: u32,
}

impl Conformance {
    /// A layer reading bodies of up to `body_limit` bytes (the server's own limit).
    pub fn new(body_limit: u32) -> Self {
        Conformance { body_limit }
    }
}

impl<S> tower::Layer<S> for Conformance {
    type Service = ConformanceService<S>;

    fn layer(&self, inner: S) -> Self::Service {
        ConformanceService {
            inner,
            body_limit: self.body_limit,
        }
    }
}

/// The service of [`Conformance`].
#[derive(Debug, Clone)]
pub struct ConformanceService<S> {
    inner: S,
    body_limit: u32,
}

/// What a body needs.
enum Verdict {
    /// Forward it as it is.
    Forward,
    /// Forward this instead: a batch whose malformed elements became `0`, which jsonrpsee
    /// answers with `-32600`.
    Rewritten(Vec<u8>),
    /// Forward it, and answer nothing: a notification, to which the specification allows no
    /// reply (jsonrpsee would send `null`).
    Notification,
    /// Answer `-32600` with this id, without calling the server.
    Invalid(Id<'static>),
}

/// The request's `id` when it is a valid one (a string, an integer or null), `None` when the
/// member is absent, `Err` when it is present and of another type.
fn request_id(object: &serde_json::Map<String, Value>) -> Result<Option<Id<'static>>, ()> {
    match object.get("id") {
        None => Ok(None),
        Some(Value::Null) => Ok(Some(Id::Null)),
        Some(Value::String(id)) => Ok(Some(Id::Str(id.clone().into()))),
        Some(Value::Number(number)) => number.as_u64().map(|id| Some(Id::Number(id))).ok_or(()),
        Some(_) => Err(()),
    }
}

/// `Ok` when `value` is a request object (with `true` when it has an id); `Err` with the id to
/// answer with when it is not.
fn check_request(value: &Value) -> Result<bool, Id<'static>> {
    let Value::Object(object) = value else {
        return Err(Id::Null);
    };
    let id = request_id(object).map_err(|()| Id::Null)?;
    let valid = object.get("jsonrpc").and_then(Value::as_str) == Some("2.0")
        && object.get("method").is_some_and(Value::is_string)
        && object
            .get("params")
            .is_none_or(|params| params.is_array() || params.is_object());
    if valid {
        Ok(id.is_some())
    } else {
        Err(id.unwrap_or(Id::Null))
    }
}

fn verdict(body: &[u8]) -> Verdict {
    // Not JSON at all: jsonrpsee's own -32700 is the specification's answer.
    let Ok(value) = serde_json::from_slice::<Value>(body) else {
        return Verdict::Forward;
    };
    match value {
        Value::Array(elements) => {
            let checked: Vec<_> = elements.iter().map(check_request).collect();
            if !elements.is_empty() && checked.iter().all(|check| *check == Ok(false)) {
                // Only notifications: no response objects, so nothing at all.
                return Verdict::Notification;
            }
            if checked.iter().all(Result::is_ok) {
                return Verdict::Forward;
            }
            let fixed: Vec<Value> = elements
                .into_iter()
                .map(|element| match check_request(&element) {
                    Ok(_) => element,
                    Err(_) => Value::from(0),
                })
                .collect();
            Verdict::Rewritten(serde_json::to_vec(&fixed).unwrap_or_default())
        }
        single => match check_request(&single) {
            Ok(true) => Verdict::Forward,
            Ok(false) => Verdict::Notification,
            Err(id) => Verdict::Invalid(id),
        },
    }
}

/// An answer of the layer's own: `error` as the JSON-RPC error object of a response to `id`.
fn answer(status: u16, id: Id<'static>, error: RpcError) -> HttpResponse {
    let response = Response::new(ResponsePayload::<()>::error(error), id);
    let body = serde_json::to_string(&response).unwrap_or_default();
    HttpResponse::builder()
        .status(status)
        .header("content-type", "application/json; charset=utf-8")
        .body(HttpBody::from(body))
        .unwrap_or_default()
}

fn is_json_post<B>(request: &HttpRequest<B>) -> bool {
    request.method() == "POST"
        && request
            .headers()
            .get("content-type")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.to_ascii_lowercase().starts_with("application/json"))
}

impl<S, B> tower::Service<HttpRequest<B>> for ConformanceService<S>
where
    S: tower::Service<HttpRequest, Response = HttpResponse> + Clone + Send + 'static,
    S::Error: Into<BoxError> + 'static,
    S::Future: Send + 'static,
    B: http_body::Body<Data = Bytes> + Send + 'static,
    B::Data: Send,
    B::Error: Into<BoxError>,
{
    type Response = HttpResponse;
    type Error = BoxError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, BoxError>> + Send + 'static>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, request: HttpRequest<B>) -> Self::Future {
        // The service that `poll_ready` readied goes into the future; a clone stays.
        let clone = self.inner.clone();
        let mut inner = std::mem::replace(&mut self.inner, clone);
        let body_limit = self.body_limit;
        Box::pin(async move {
            // Other methods and content types get jsonrpsee's own 405 and 415.
            if !is_json_post(&request) {
                return inner
                    .call(request.map(HttpBody::new))
                    .await
                    .map_err(Into::into);
            }
            let (mut parts, body) = request.into_parts();
            let limit = usize::try_from(body_limit).unwrap_or(usize::MAX);
            let too_large = parts
                .headers
                .get("content-length")
                .and_then(|value| value.to_str().ok()?.parse::<u64>().ok())
                .is_some_and(|length| length > u64::from(body_limit));
            if too_large {
                return Ok(answer(413, Id::Null, RpcError::RequestTooLarge));
            }
            let bytes = match Limited::new(body, limit).collect().await {
                Ok(collected) => collected.to_bytes(),
                Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
                    return Ok(answer(413, Id::Null, RpcError::RequestTooLarge));
                }
                // The client stopped sending: there is no one to answer, but an answer.
                Err(_) => return Ok(answer(400, Id::Null, RpcError::ParseError)),
            };
            let (bytes, notification) = match verdict(&bytes) {
                Verdict::Forward => (bytes.to_vec(), false),
                Verdict::Notification => (bytes.to_vec(), true),
                Verdict::Rewritten(rewritten) => {
                    parts.headers.remove("content-length");
                    (rewritten, false)
                }
                Verdict::Invalid(id) => return Ok(answer(200, id, RpcError::InvalidRequest)),
            };
            let request = HttpRequest::from_parts(parts, HttpBody::from(bytes));
            let response = inner.call(request).await.map_err(Into::into)?;
            if notification && response.status() == 200 {
                return Ok(HttpResponse::builder()
                    .status(204)
                    .body(HttpBody::empty())
                    .unwrap_or_default());
            }
            Ok(response)
        })
    }
}

//! The SMS API's `sms.message.send` over gRPC with tonic: the `SendMessage` call of
//! `proto/sms.proto`, checked by the HTTP gateway's own checks in the same order and refused
//! with the same [`SmsError`] codes, each a `tonic::Status` made by apicode's `tonic`
//! integration (`Err(error)?` in the handler).
//!
//! Where HTTP puts the credentials in the query, gRPC puts them in the request metadata:
//! `access-key-id`, and in HMAC mode `algorithm`, `timestamp`, `nonce` and `signature`, signed
//! as the HTTP query `accessKeyId=..&action=sms.message.send&algorithm=..&nonce=..&timestamp=..`
//! would be. The codes a call can get, in the order of the checks:
//!
//! | request | code | gRPC code |
//! | --- | --- | --- |
//! | no `access-key-id` | 104110 `MissingAccessKeyId` | `unauthenticated` |
//! | another access key id | 104111 `InvalidAccessKeyId` | `unauthenticated` |
//! | HMAC mode, no `signature` | 104200 `MissingSignature` | `unauthenticated` |
//! | HMAC mode, `timestamp` missing or more than 10 minutes off | 104202 `InvalidSignatureTimestamp` | `unauthenticated` |
//! | HMAC mode, a signature that does not verify | 104201 `InvalidSignature` | `unauthenticated` |
//! | a message larger than the body limit (64 KiB by default) | 104003 `RestrictedParams` | `permission_denied` |
//! | no `to`, or neither `text` nor `template_id` | 104001 `MissingParams` | `invalid_argument` |
//! | a `to` that is not E.164 | 107111 `InvalidPhoneNumbers` | `invalid_argument` |
//! | no SMS `signature` | 107120 `MissingSmsSignature` | `invalid_argument` |
//! | an SMS signature that is not configured | 107121 `SmsSignatureNotExists` | `not_found` |
//! | a `template_id` that is not configured | 107141 `SmsTemplateNotExists` | `not_found` |
//! | a template parameter missing from `template_data` | 107143 `MissingSmsTemplateData` | `invalid_argument` |
//! | more than the rate limit's messages to one recipient in a minute | 105300 `LimitExceed` | `resource_exhausted` |
//!
//! Each status's message is the code's text in the language the call's `accept-language`
//! metadata asks for (Simplified Chinese or English), with a `google.rpc.LocalizedMessage`
//! naming it ([`apicode::locale::localized_status`]); the code and the message name in the
//! `ErrorInfo` never change with the language.
//!
//! HTTP's `MissingParams`/`InvalidParams` for a missing or unknown `action` and a body of the
//! wrong types have no gRPC counterpart: the method is the action, and protobuf has the types.
//! A message that is not protobuf, or more than 16 times the body limit, is refused by tonic
//! itself with a status that carries no `ErrorInfo`. A request whose `content-type` is not
//! `application/grpc` (alone, or followed by `+` or `;`) gets HTTP 415 and no gRPC status, as
//! the gRPC over HTTP/2 protocol asks, so that no other HTTP/2 client reads it as a success.

use std::convert::Infallible;
use std::future::Future;
use std::io;
use std::sync::Mutex;
use std::time::Duration;

use apicode_sms::SmsError;
use prost::Message as _;
use tonic::codegen::{BoxFuture, Context, Poll, Service, http};
use tonic::metadata::MetadataMap;
use tonic::server::NamedService;
use tonic::{Request, Response, Status};

use crate::gateway::auth::{self, Query};
use crate::gateway::limit::RateLimiter;
use crate::gateway::message::{Fields, Outgoing};
use crate::gateway::{Config, Ids, SEND_ACTION, Server};

/// The code generated from `proto/sms.proto` (package `apicode.sms.v1`).
#[allow(missing_docs, clippy::pedantic, unused_qualifications)]
pub mod proto {
    tonic::include_proto!("apicode.sms.v1");
}

use self::proto::sms_server::{Sms, SmsServer};
use self::proto::{SendMessageRequest, SendMessageResponse, SentMessage};

/// How much larger than the body limit a message may be before tonic refuses it unread:
/// between the two, the service reads it and answers `RestrictedParams`, as the HTTP gateway
/// does for the bodies it drains.
const DECODE_FACTOR: usize = 16;

/// How long one call may take before tonic cancels it.
const CALL_TIMEOUT: Duration = Duration::from_secs(10);

/// The metadata keys of the credentials, with the query key each stands for.
const CREDENTIALS: [(&str, &str); 5] = [
    ("access-key-id", "accessKeyId"),
    ("algorithm", "algorithm"),
    ("timestamp", "timestamp"),
    ("nonce", "nonce"),
    ("signature", "signature"),
];

/// The `Sms` service: the gateway's configuration, rate limiter and ids.
pub struct SmsService {
    config: Config,
    limiter: Mutex<RateLimiter>,
    ids: Ids,
}

impl SmsService {
    /// A service accepting what `config` accepts (its `listen` is not read here).
    pub fn new(config: Config) -> Self {
        SmsService {
            limiter: Mutex::new(RateLimiter::new(config.rate_limit)),
            config,
            ids: Ids::new(),
        }
    }

    /// The tonic service, with its message size limit, behind the content type check.
    pub fn into_server(self) -> GrpcContentType<SmsServer<Self>> {
        let limit = self.config.body_limit.saturating_mul(DECODE_FACTOR);
        GrpcContentType(SmsServer::new(self).max_decoding_message_size(limit))
    }

    fn send(&self, request: &Request<SendMessageRequest>) -> Result<SendMessageResponse, SmsError> {
        auth::authenticate(&self.config, &credentials(request.metadata()))?;
        let message = request.get_ref();
        if message.encoded_len() > self.config.body_limit {
            return Err(SmsError::RestrictedParams);
        }
        let fields = Fields {
            to: message.to.clone(),
            signature: Some(message.signature.clone()),
            text: Some(message.text.clone()),
            template_id: Some(message.template_id.clone()),
            template_data: Some(message.template_data.clone().into_iter().collect()),
        };
        let outgoing = Outgoing::check(fields, &self.config)?;
        self.limiter
            .lock()
            .map_err(|_| SmsError::Internal)?
            .admit(&outgoing.to)?;
        let segments = u32::try_from(outgoing.segments).unwrap_or(u32::MAX);
        let messages: Vec<SentMessage> = outgoing
            .to
            .iter()
            .map(|to| SentMessage {
                id: self.ids.next(),
                to: to.clone(),
                signature: outgoing.signature.clone(),
                message_count: segments,
            })
            .collect();
        let count = u32::try_from(messages.len()).unwrap_or(u32::MAX);
        Ok(SendMessageResponse {
            message_count: count.saturating_mul(segments),
            messages,
        })
    }
}

/// The credentials of a call as the query pairs the HTTP gateway signs. A value that is not
/// visible ASCII is kept as a replacement character, so that it fails the checks rather than
/// counting as absent.
fn credentials(metadata: &MetadataMap) -> Query {
    let mut pairs = vec![("action".to_owned(), SEND_ACTION.to_owned())];
    for (key, name) in CREDENTIALS {
        if let Some(value) = metadata.get(key) {
            let value = value.to_str().unwrap_or("\u{FFFD}");
            pairs.push((name.to_owned(), value.to_owned()));
        }
    }
    Query::from_pairs(pairs)
}

#[tonic::async_trait]
impl Sms for SmsService {
    async fn send_message(
        &self,
        request: Request<SendMessageRequest>,
    ) -> Result<Response<SendMessageResponse>, Status> {
        // The refusal's message in the language of the call's `accept-language` metadata.
        self.send(&request)
            .map(Response::new)
            .map_err(|error| apicode::locale::localized_status(&error, request.metadata()))
    }
}

/// A gRPC service that answers HTTP 415 to a request whose `content-type` is not gRPC's.
///
/// tonic decodes the body of whatever request reaches a method's path, `application/json`
/// included; the protocol says a server should refuse it instead.
#[derive(Clone)]
pub struct GrpcContentType<S>(S);

/// Whether a `content-type` is gRPC's: `application/grpc`, alone or followed by a `+` (the
/// message format) or a `;` (parameters).
fn is_grpc(content_type: Option<&http::HeaderValue>) -> bool {
    content_type
        .and_then(|value| value.as_bytes().strip_prefix(b"application/grpc"))
        .is_some_and(|rest| matches!(rest.first(), None | Some(b'+' | b';')))
}

impl<S, B> Service<http::Request<B>> for GrpcContentType<S>
where
    S: Service<
            http::Request<B>,
            Response = http::Response<tonic::body::Body>,
            Error = Infallible,
            Future = BoxFuture<http::Response<tonic::body::Body>, Infallible>,
        >,
{
    type Response = http::Response<tonic::body::Body>;
    type Error = Infallible;
    type Future = BoxFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, context: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.0.poll_ready(context)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        if is_grpc(request.headers().get(http::header::CONTENT_TYPE)) {
            return self.0.call(request);
        }
        let mut response = http::Response::new(tonic::body::Body::empty());
        *response.status_mut() = http::StatusCode::UNSUPPORTED_MEDIA_TYPE;
        Box::pin(std::future::ready(Ok(response)))
    }
}

impl<S: NamedService> NamedService for GrpcContentType<S> {
    const NAME: &'static str = S::NAME;
}

/// Starts the service on `config.listen` on its own thread; it accepts calls once this
/// returns, and dropping the [`Server`] shuts it down and waits for it.
///
/// ```no_run
/// use apicode_tests::gateway::Config;
///
/// let server = apicode_tests::grpc::start(Config::new("127.0.0.1:0", "key-id").sms_signature("Acme"))?;
/// println!("gRPC on {}", server.url());
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn start(config: Config) -> io::Result<Server> {
    let listen = config.listen.clone();
    Server::spawn_with(&listen, "grpc", move |listener, stop| {
        serve(listener, config, stop.wait())
    })
}

/// Serves the service on `listener` until `shutdown` completes.
pub async fn serve(
    listener: tokio::net::TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send,
) -> io::Result<()> {
    let incoming = tokio_stream::wrappers::TcpListenerStream::new(listener);
    tonic::transport::Server::builder()
        .timeout(CALL_TIMEOUT)
        .add_service(SmsService::new(config).into_server())
        .serve_with_incoming_shutdown(incoming, shutdown)
        .await
        .map_err(io::Error::other)
}

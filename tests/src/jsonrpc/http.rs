//! A JSON-RPC 2.0 server over HTTP on jsonrpsee, answering every code of [`RpcError`].
//!
//! Its methods (params by position or by name):
//!
//! | method | params | result | errors |
//! | --- | --- | --- | --- |
//! | `add` | two integers `[a, b]` or `{"a": .., "b": ..}` | their sum | `-32602` `InvalidParams`: not two integers, or a sum past `i64` |
//! | `fail` | a code `[code]` or `{"code": ..}` | never | the table's error for that code (`Unknown` outside the table); `-32602` when `code` is not an `i32` |
//! | `codes` | none | every code of the table, in order | none |
//!
//! jsonrpsee itself answers what never reaches a method, with the same codes: `-32700` for a
//! body that is not JSON, `-32600` for JSON that is not a request (in a batch, for each such
//! element), `-32601` for a method that does not exist, and `-32007` for a body over
//! [`Config::body_limit`]; the [`Conformance`] layer in front of it answers the malformed
//! requests jsonrpsee would answer otherwise as the specification says. Handlers return `Result<_, RpcError>`: `?` and the `From<RpcError>
//! for ErrorObjectOwned` of apicode's `jsonrpsee` feature make the error object.

use std::io;
use std::net::SocketAddr;

use apicode::CodeTable;
use jsonrpsee::server::{RpcModule, Server, ServerConfig, ServerHandle};
use jsonrpsee::types::Params;
use serde::Deserialize;

use super::RpcError;
use super::conformance::Conformance;

/// What the server accepts.
#[derive(Debug, Clone)]
pub struct Config {
    /// The address to listen on; `127.0.0.1:0` picks a free port.
    pub listen: String,
    /// The largest request body, in bytes; a larger one gets `-32007` `RequestTooLarge`.
    pub body_limit: u32,
    /// The most connections at once; one more gets HTTP 429 from jsonrpsee.
    pub max_connections: u32,
}

impl Config {
    /// The default body limit: 64 KiB.
    pub const DEFAULT_BODY_LIMIT: u32 = 64 * 1024;
    /// The default connection limit.
    pub const DEFAULT_MAX_CONNECTIONS: u32 = 256;

    /// A server on `listen` with the default limits.
    pub fn new(listen: impl Into<String>) -> Self {
        Config {
            listen: listen.into(),
            body_limit: Self::DEFAULT_BODY_LIMIT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
        }
    }

    /// Sets the largest request body.
    #[must_use]
    pub fn body_limit(mut self, bytes: u32) -> Self {
        self.body_limit = bytes;
        self
    }
}

#[derive(Deserialize)]
struct Terms {
    a: i64,
    b: i64,
}

#[derive(Deserialize)]
struct Code {
    code: i32,
}

/// Reads params given by position (`[1, 2]`) or by name (`{"a": 1, "b": 2}`) into `T`.
fn params<T: serde::de::DeserializeOwned>(
    params: &Params<'_>,
    names: &[&'static str],
) -> Result<T, RpcError> {
    if params.is_object() {
        return params.parse().map_err(|_| RpcError::InvalidParams);
    }
    let values: Vec<serde_json::Value> = params.parse().map_err(|_| RpcError::InvalidParams)?;
    if values.len() != names.len() {
        return Err(RpcError::InvalidParams);
    }
    let object: serde_json::Map<String, serde_json::Value> = names
        .iter()
        .map(|name| (*name).to_owned())
        .zip(values)
        .collect();
    serde_json::from_value(object.into()).map_err(|_| RpcError::InvalidParams)
}

fn add(terms: &Params<'_>) -> Result<i64, RpcError> {
    let Terms { a, b } = params(terms, &["a", "b"])?;
    a.checked_add(b).ok_or(RpcError::InvalidParams)
}

fn fail(code: &Params<'_>) -> Result<(), RpcError> {
    let Code { code } = params(code, &["code"])?;
    Err(RpcError::from(code))
}

/// The methods, as a jsonrpsee module.
///
/// # Panics
///
/// Never: the method names are distinct.
pub fn module() -> RpcModule<()> {
    let mut module = RpcModule::new(());
    module
        .register_method("add", |terms, (), _| add(&terms))
        .expect("a new name");
    module
        .register_method("fail", |code, (), _| fail(&code))
        .expect("a new name");
    module
        .register_method("codes", |_, (), _| -> Result<Vec<i32>, RpcError> {
            Ok(RpcError::ENTRIES.iter().map(|entry| entry.code).collect())
        })
        .expect("a new name");
    module
}

/// Starts serving [`module`] on `listener` with `config`'s limits (its `listen` is not read);
/// the handle stops it.
pub fn serve(listener: std::net::TcpListener, config: &Config) -> io::Result<ServerHandle> {
    listener.set_nonblocking(true)?;
    let server_config = ServerConfig::builder()
        .http_only()
        .max_request_body_size(config.body_limit)
        .max_connections(config.max_connections)
        .build();
    let server = Server::builder()
        .set_config(server_config)
        .set_http_middleware(
            tower::ServiceBuilder::new().layer(Conformance::new(config.body_limit)),
        )
        .build_from_tcp(listener)?;
    Ok(server.start(module()))
}

/// The server running on a runtime of its own, for tests: it accepts requests once
/// [`Running::start`] returns, and stops when dropped.
pub struct Running {
    addr: SocketAddr,
    handle: ServerHandle,
    runtime: tokio::runtime::Runtime,
}

impl Running {
    /// Binds `config.listen` and starts the server.
    pub fn start(config: &Config) -> io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let listener = std::net::TcpListener::bind(&config.listen)?;
        let addr = listener.local_addr()?;
        let handle = {
            let _entered = runtime.enter();
            serve(listener, config)?
        };
        Ok(Running {
            addr,
            handle,
            runtime,
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Its URL, `http://ADDR/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if self.handle.stop().is_ok() {
            self.runtime.block_on(self.handle.clone().stopped());
        }
    }
}

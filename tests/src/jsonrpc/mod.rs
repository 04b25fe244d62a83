//! The JSON-RPC reference table, [`RpcError`], and the two example services that answer every
//! code of it: a JSON-RPC 2.0 server over HTTP on jsonrpsee ([`http`]) and a Model Context
//! Protocol server on rmcp ([`mcp`]).
//!
//! The table holds the five codes the [JSON-RPC 2.0 specification](https://www.jsonrpc.org/specification#error_object)
//! defines and a service's own codes in the block the specification leaves to servers,
//! `-32099..=-32000`. Its codes are negative, so it declares `code = i32`: `code()` is an `i32`,
//! `From<i32>` keeps any other code in [`RpcError::Unknown`], and the conversions into
//! `jsonrpsee_types::ErrorObjectOwned` and `rmcp::model::ErrorData` are `From`, not `TryFrom`.
//!
//! Two of the server codes are the ones jsonrpsee's server itself answers with, so that a
//! client reads those answers back into the same variants: `-32007` for a request larger than
//! the server accepts and `-32009` for a server at its connection limit. The others avoid the
//! codes that jsonrpsee (`-32000`, `-32001`, `-32005`, `-32006`, `-32008`, `-32010`, `-32011`)
//! and the MCP SDKs (`-32000` connection closed, `-32001` request timeout, `-32042` URL
//! elicitation required) give meanings of their own.
//!
//! ```
//! use apicode::ApiError;
//! use apicode_tests::jsonrpc::RpcError;
//!
//! let error = RpcError::from(-32601);
//! assert_eq!(error, RpcError::MethodNotFound);
//! assert_eq!((error.code(), error.message(), error.http_status()), (-32601, "MethodNotFound", 404));
//! assert_eq!(error.to_string(), "Method not found");
//! assert_eq!(RpcError::from(-32099), RpcError::Unknown(-32099));
//!
//! let object = jsonrpsee_types::ErrorObjectOwned::from(RpcError::RateLimited);
//! assert_eq!(object.code(), -32020);
//! ```

pub mod conformance;
pub mod http;
pub mod mcp;

use apicode::ApiError;

/// An error of a JSON-RPC service: the specification's five codes and the service's own.
///
/// The doc comment's first paragraph of each variant is what a client reads as the error
/// object's `message`; for the specification's codes it is the specification's own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ApiError)]
#[api_error(code = i32, status = 500, range = -32768..=-32000)]
pub enum RpcError {
    /// Parse error
    ///
    /// Invalid JSON was received by the server: an error occurred while parsing the text.
    #[code(-32700, "ParseError", status = 400)]
    ParseError,
    /// Invalid Request
    ///
    /// The JSON sent is not a valid Request object.
    #[code(-32600, "InvalidRequest", status = 400)]
    InvalidRequest,
    /// Method not found
    ///
    /// The method does not exist or is not available.
    #[code(-32601, "MethodNotFound", status = 404)]
    MethodNotFound,
    /// Invalid params
    ///
    /// Invalid method parameter(s).
    #[code(-32602, "InvalidParams", status = 400)]
    InvalidParams,
    /// Internal error
    ///
    /// Internal JSON-RPC error.
    #[code(-32603, "InternalError", status = 500)]
    InternalError,
    /// The requested resource does not exist
    #[code(-32002, "ResourceNotFound", status = 404)]
    ResourceNotFound,
    /// The request carries no valid credentials
    #[code(-32003, "Unauthorized", status = 401)]
    Unauthorized,
    /// The credentials do not allow this call
    #[code(-32004, "Forbidden", status = 403)]
    Forbidden,
    /// The request is larger than the server accepts
    #[code(-32007, "RequestTooLarge", status = 413)]
    RequestTooLarge,
    /// The server is busy, try again later
    #[code(-32009, "ServerBusy", status = 503)]
    ServerBusy,
    /// Too many requests: slow down and retry later
    #[code(-32020, "RateLimited", status = 429)]
    RateLimited,
    /// The resource was changed by another request: read it again and retry
    #[code(-32030, "Conflict", status = 409)]
    Conflict,
    /// An upstream service the server depends on is unavailable
    #[code(-32050, "UpstreamUnavailable", status = 502)]
    UpstreamUnavailable,
    /// An upstream service the server depends on did not answer in time
    #[code(-32051, "UpstreamTimeout", status = 504)]
    UpstreamTimeout,
    /// A code this table does not know
    #[code(other)]
    Unknown(i32),
}

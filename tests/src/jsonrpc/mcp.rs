//! A Model Context Protocol server on rmcp whose tools fail with every code of [`RpcError`].
//!
//! | tool | arguments | result | errors |
//! | --- | --- | --- | --- |
//! | `add` | `{"a": integer, "b": integer}` | the sum, as text | `-32602` `InvalidParams`: arguments missing or not integers, or a sum past `i64` |
//! | `fail` | `{"code": integer}` | never | the table's error for that code (`Unknown` outside the table); `-32602` when `code` is not an `i32` |
//!
//! A tool that does not exist is `-32602` `InvalidParams` too, as the MCP specification asks
//! ("Unknown tool: invalid parameters"). Each error is the table's error converted into an
//! `rmcp::model::ErrorData` by apicode's `rmcp` feature (`?` in [`Tools::call`]): the JSON-RPC
//! error of the `tools/call` request. The example `mcp` serves it over stdio.

use std::sync::Arc;

use rmcp::model::{
    CallToolRequestParams, CallToolResponse, CallToolResult, ContentBlock, ErrorData,
    Implementation, JsonObject, ListToolsResult, PaginatedRequestParams, ServerCapabilities,
    ServerConfig, Tool,
};
use rmcp::service::RequestContext;
use rmcp::{RoleServer, ServerHandler};
use serde_json::{Value, json};

use super::RpcError;

/// The server's handler: two tools.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tools;

/// The input schema of a tool taking the integer arguments `names`, all required.
fn schema(names: &[&str]) -> Arc<JsonObject> {
    let properties: JsonObject = names
        .iter()
        .map(|name| ((*name).to_owned(), json!({"type": "integer"})))
        .collect();
    let mut schema = JsonObject::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    schema.insert("required".into(), json!(names));
    Arc::new(schema)
}

/// An integer argument of a tool call that fits `T`.
fn argument<T: TryFrom<i64>>(arguments: Option<&JsonObject>, name: &str) -> Result<T, RpcError> {
    arguments
        .and_then(|arguments| arguments.get(name))
        .and_then(Value::as_i64)
        .and_then(|value| T::try_from(value).ok())
        .ok_or(RpcError::InvalidParams)
}

impl Tools {
    /// The tools, as `tools/list` gives them.
    pub fn list() -> Vec<Tool> {
        vec![
            Tool::new("add", "Adds two integers", schema(&["a", "b"])),
            Tool::new(
                "fail",
                "Fails with the JSON-RPC error of the given code",
                schema(&["code"]),
            ),
        ]
    }

    /// Runs one tool call.
    pub fn call(request: &CallToolRequestParams) -> Result<CallToolResult, RpcError> {
        let arguments = request.arguments.as_ref();
        match request.name.as_ref() {
            "add" => {
                let a: i64 = argument(arguments, "a")?;
                let b: i64 = argument(arguments, "b")?;
                let sum = a.checked_add(b).ok_or(RpcError::InvalidParams)?;
                Ok(CallToolResult::success(vec![ContentBlock::text(
                    sum.to_string(),
                )]))
            }
            "fail" => Err(RpcError::from(argument::<i32>(arguments, "code")?)),
            _ => Err(RpcError::InvalidParams),
        }
    }
}

impl ServerHandler for Tools {
    fn get_info(&self) -> ServerConfig {
        ServerConfig::new(ServerCapabilities::builder().enable_tools().build())
            .with_server_info(Implementation::new(
                "apicode-mcp-example",
                env!("CARGO_PKG_VERSION"),
            ))
            .with_instructions("`fail` fails with the JSON-RPC error of any code; `add` adds.")
    }

    async fn list_tools(
        &self,
        _request: Option<PaginatedRequestParams>,
        _context: RequestContext<RoleServer>,
    ) -> Result<ListToolsResult, ErrorData> {
        Ok(ListToolsResult::with_all_items(Self::list()))
    }

    async fn call_tool(
        &self,
        request: CallToolRequestParams,
        _context: RequestContext<RoleServer>,
    ) -> Result<CallToolResponse, ErrorData> {
        Ok(Self::call(&request)?.into())
    }
}

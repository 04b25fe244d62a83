//! An MCP server over stdio whose tools fail with every code of the JSON-RPC reference table
//! `apicode_tests::jsonrpc::RpcError`, each converted into an `rmcp::model::ErrorData` by
//! apicode's `rmcp` feature. Point an MCP client at it:
//!
//! ```text
//! cargo build --example mcp && npx @modelcontextprotocol/inspector target/debug/examples/mcp
//! ```
//!
//! Tools: `fail {"code": N}` fails with the table's error for code N, `add {"a": A, "b": B}`
//! adds (see `apicode_tests::jsonrpc::mcp`). It serves one client on stdin and stdout, logs to
//! stderr, and exits when the client closes stdin.

use std::process::ExitCode;

use apicode_tests::jsonrpc::mcp::Tools;
use rmcp::ServiceExt as _;

fn main() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("mcp: {error}");
            return ExitCode::FAILURE;
        }
    };
    let served = runtime.block_on(async {
        let service = Tools.serve(rmcp::transport::stdio()).await?;
        service.waiting().await?;
        Ok::<_, Box<dyn std::error::Error>>(())
    });
    match served {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("mcp: {error}");
            ExitCode::FAILURE
        }
    }
}

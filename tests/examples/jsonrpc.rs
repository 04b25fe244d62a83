//! A JSON-RPC 2.0 server over HTTP on jsonrpsee whose methods fail with the codes of the
//! JSON-RPC reference table `apicode_tests::jsonrpc::RpcError`, each converted into a
//! `jsonrpsee_types::ErrorObjectOwned` by apicode's `jsonrpsee` feature.
//!
//! ```text
//! cargo run --example jsonrpc -- --listen 127.0.0.1:8545
//! curl -s http://127.0.0.1:8545 -H 'content-type: application/json' \
//!     -d '{"jsonrpc": "2.0", "id": 1, "method": "fail", "params": [-32020]}'
//! ```
//!
//! Methods: `add [a, b]`, `fail [code]`, `codes` (see `apicode_tests::jsonrpc::http`).
//! Options: `--listen HOST:PORT` (default 127.0.0.1:8545), `--body-limit BYTES` (default
//! 65536), `--max-connections N` (default 256). It prints `listening on http://ADDR` once it
//! accepts requests, and stops on Ctrl-C.

use std::process::ExitCode;

use apicode_tests::jsonrpc::http::{Config, serve};

const USAGE: &str = "\
usage: jsonrpc [--listen HOST:PORT] [--body-limit BYTES] [--max-connections N]
";

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut config = Config::new("127.0.0.1:8545");
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = |value: &str| {
            value
                .parse::<u32>()
                .map_err(|_| format!("{flag} {value}: expected a number"))
        };
        match flag.as_str() {
            "--listen" => config.listen = value,
            "--body-limit" => config.body_limit = number(&value)?,
            "--max-connections" => config.max_connections = number(&value)?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(config)
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(error) if error.is_empty() => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprint!("jsonrpc: {error}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("jsonrpc: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(config: &Config) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = std::net::TcpListener::bind(&config.listen)?;
        let addr = listener.local_addr()?;
        let handle = serve(listener, config)?;
        eprintln!("jsonrpc: Ctrl-C stops it");
        println!("listening on http://{addr}");
        // If the handler cannot be installed, run until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
        // Stopping twice is the only error, and this is the first.
        let _ = handle.stop();
        handle.stopped().await;
        eprintln!("jsonrpc: stopped");
        Ok(())
    })
}

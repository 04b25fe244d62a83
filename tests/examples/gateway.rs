//! A server for the Unimatrix SMS API's `sms.message.send`, answering with the codes of the
//! reference table `apicode_sms::SmsError` through apicode's axum integration.
//!
//! ```text
//! cargo run --example gateway -- --listen 127.0.0.1:8080 --access-key-id my-key \
//!     --access-key-secret my-secret --sms-signature Acme --template pub_otp=code
//! ```
//!
//! It prints `listening on http://ADDR` once it accepts requests, and stops on Ctrl-C.
//! Point an official SDK at it: `UniClient("my-key", "my-secret", endpoint="http://127.0.0.1:8080")`.

use std::process::ExitCode;

use apicode_tests::gateway::{ArgsError, USAGE, parse_args, serve};

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(ArgsError::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprint!("gateway: {error}");
            return ExitCode::from(2);
        }
    };
    match run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("gateway: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(config: apicode_tests::gateway::Config) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&config.listen).await?;
        let mode = if config.access_key_secret.is_some() {
            "HMAC mode: requests must be signed"
        } else {
            "simple mode: the access key id is enough"
        };
        eprintln!("gateway: {mode}; Ctrl-C stops it");
        println!("listening on http://{}", listener.local_addr()?);
        serve(listener, config, async {
            // If the handler cannot be installed, run until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
        eprintln!("gateway: stopped");
        Ok(())
    })
}

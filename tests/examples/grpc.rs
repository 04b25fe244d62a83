//! The SMS API's `SendMessage` over gRPC (`tests/proto/sms.proto`), refusing with the codes of
//! the reference table `apicode_sms::SmsError` through apicode's tonic integration: each
//! refusal is a status with the canonical gRPC code and a `google.rpc.ErrorInfo`.
//!
//! ```text
//! cargo run --example grpc -- --listen 127.0.0.1:50051 --access-key-id my-key \
//!     --sms-signature Acme --template pub_otp=code
//! ```
//!
//! It takes the gateway's options (`--help` lists them), prints `listening on http://ADDR`
//! once it accepts calls, and stops on Ctrl-C.

use std::process::ExitCode;

use apicode_tests::gateway::{ArgsError, USAGE, parse_args};

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(ArgsError::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(error) => {
            eprint!("grpc: {error}");
            return ExitCode::from(2);
        }
    };
    match run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("grpc: {error}");
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
        eprintln!("grpc: Ctrl-C stops it");
        println!("listening on http://{}", listener.local_addr()?);
        apicode_tests::grpc::serve(listener, config, async {
            // If the handler cannot be installed, run until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await?;
        eprintln!("grpc: stopped");
        Ok(())
    })
}

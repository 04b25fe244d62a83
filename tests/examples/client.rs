//! A typed client of the Unimatrix SMS API: every answer comes back as
//! `Result<Sent, SmsError>`, so a refusal is matched as a variant of the reference table.
//!
//! ```text
//! cargo run --example client                      # against a gateway it starts itself
//! cargo run --example client -- --endpoint http://127.0.0.1:8080 \
//!     --access-key-id my-key --access-key-secret my-secret --signature Acme
//! ```
//!
//! It sends one message that succeeds and two that the API refuses: a number that is not
//! E.164, and a template that does not exist.

use std::error::Error;

use apicode::ApiError;
use apicode_sms::SmsError;
use apicode_tests::client::{Client, Message, Sent};
use apicode_tests::gateway::{Config, Server};

const USAGE: &str = "usage: client [--endpoint URL --access-key-id ID [--access-key-secret SECRET]] \
                     [--signature NAME] [--to NUMBER]";

fn main() -> Result<(), Box<dyn Error>> {
    let mut endpoint = None;
    let mut key_id = None;
    let mut secret = None;
    let mut signature = "Acme".to_owned();
    let mut to = "+12065550100".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))
        };
        match flag.as_str() {
            "--endpoint" => endpoint = Some(value()?),
            "--access-key-id" => key_id = Some(value()?),
            "--access-key-secret" => secret = Some(value()?),
            "--signature" => signature = value()?,
            "--to" => to = value()?,
            _ => return Err(format!("unknown argument {flag}\n{USAGE}").into()),
        }
    }

    // Without an endpoint, a gateway of our own, in HMAC mode, kept until the end of `main`.
    let mut own_gateway = None;
    let client = if let Some(endpoint) = endpoint {
        let key_id = key_id.ok_or(format!("--endpoint needs --access-key-id\n{USAGE}"))?;
        let client = Client::new(endpoint, key_id);
        match secret {
            Some(secret) => client.secret(secret),
            None => client,
        }
    } else {
        let server = own_gateway.insert(Server::start(
            Config::new("127.0.0.1:0", "example-key")
                .secret("example-secret")
                .sms_signature(&signature),
        )?);
        println!("started a gateway at {}", server.url());
        Client::new(server.url(), "example-key").secret("example-secret")
    };

    let messages = [
        Message::text(&to, &signature, "Your verification code is 2048."),
        Message::text("2065550100", &signature, "No country code: refused."),
        Message::template(&to, &signature, "no_such_template").param("code", "2048"),
    ];
    for message in &messages {
        report(client.send(message)?);
    }
    if let Some(server) = own_gateway {
        server.stop()?;
    }
    Ok(())
}

fn report(answer: Result<Sent, SmsError>) {
    match answer {
        Ok(sent) => {
            for message in &sent.data.messages {
                println!(
                    "sent to {}: message {} ({})",
                    message.to, message.id, message.status
                );
            }
        }
        Err(SmsError::InvalidPhoneNumbers) => {
            println!("refused: the number is not E.164 (code 107111); fix it and retry");
        }
        Err(error) => println!(
            "refused: {} (code {}, HTTP {}): {error}",
            error.message(),
            error.code(),
            error.http_status(),
        ),
    }
}

//! The client side against the SMS gateway over loopback: the repository's typed client (ureq
//! underneath) and reqwest, each answer of the gateway read back into `Result<T, SmsError>`:
//! the success, every refusal the gateway gives, simple and HMAC mode.

use apicode::client::reqwest::ResponseExt as _;
use apicode::client::ureq::ResponseExt as _;
use apicode_sms::SmsError;
use apicode_tests::client::{Client, Message, SendData};
use apicode_tests::gateway::{Config, Server};
use serde_json::{Value, json};

const KEY_ID: &str = "client-key";
const SECRET: &str = "client-secret";
const TO: &str = "+12065550100";

fn hmac_gateway() -> Server {
    Server::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .secret(SECRET)
            .sms_signature("Acme")
            .template("pub_otp", &["code"])
            .rate_limit(2)
            .body_limit(512),
    )
    .expect("the gateway starts")
}

fn simple_gateway() -> Server {
    Server::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .sms_signature("Acme")
            .body_limit(512),
    )
    .expect("the gateway starts")
}

/// An agent that hands 4xx and 5xx answers over instead of turning them into errors.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

#[test]
fn a_signed_send_succeeds_with_its_data_and_request_id() {
    let server = hmac_gateway();
    let client = Client::new(server.url(), KEY_ID).secret(SECRET);
    let sent = client
        .send(&Message::text(TO, "Acme", "Your code is 2048").also_to("+4915112345678"))
        .expect("the API answers")
        .expect("the API accepts the message");
    assert_eq!(sent.data.recipients, 2);
    assert_eq!(sent.data.messages.len(), 2);
    assert_eq!(sent.data.messages[1].to, "+4915112345678");
    assert_eq!(sent.data.messages[0].status, "sent");
    assert_eq!(sent.request_id.map(|id| id.len()), Some(32));

    let templated = client
        .send(&Message::template(TO, "Acme", "pub_otp").param("code", "2048"))
        .expect("the API answers");
    assert!(templated.is_ok(), "{templated:?}");
    server.stop().unwrap();
}

#[test]
fn every_refusal_of_a_well_formed_signed_request_is_its_variant() {
    let server = hmac_gateway();
    let client = Client::new(server.url(), KEY_ID).secret(SECRET);
    let refused = |message: &Message| match client.send(message).expect("the API answers") {
        Ok(sent) => panic!("accepted: {sent:?}"),
        Err(error) => error,
    };
    assert_eq!(
        refused(&Message::text("2065550100", "Acme", "hi")),
        SmsError::InvalidPhoneNumbers
    );
    assert_eq!(
        refused(&Message::text(TO, "Other", "hi")),
        SmsError::SmsSignatureNotExists
    );
    assert_eq!(
        refused(&Message::text(TO, "", "hi")),
        SmsError::MissingSmsSignature
    );
    assert_eq!(
        refused(&Message::template(TO, "Acme", "no_such")),
        SmsError::SmsTemplateNotExists
    );
    assert_eq!(
        refused(&Message::template(TO, "Acme", "pub_otp")),
        SmsError::MissingSmsTemplateData
    );
    assert_eq!(
        refused(&Message::text(TO, "Acme", "x".repeat(600))),
        SmsError::RestrictedParams
    );
    // The rate limit is two messages per recipient per minute.
    let to_limit = Message::text("+33612345678", "Acme", "hi");
    assert!(client.send(&to_limit).unwrap().is_ok());
    assert!(client.send(&to_limit).unwrap().is_ok());
    assert_eq!(refused(&to_limit), SmsError::LimitExceed);

    let wrong_secret = Client::new(server.url(), KEY_ID).secret("not-the-secret");
    let answer = wrong_secret.send(&Message::text(TO, "Acme", "hi")).unwrap();
    assert_eq!(answer.unwrap_err(), SmsError::InvalidSignature);
    let wrong_key = Client::new(server.url(), "someone-else").secret(SECRET);
    let answer = wrong_key.send(&Message::text(TO, "Acme", "hi")).unwrap();
    assert_eq!(answer.unwrap_err(), SmsError::InvalidAccessKeyId);
    let unsigned = Client::new(server.url(), KEY_ID);
    let answer = unsigned.send(&Message::text(TO, "Acme", "hi")).unwrap();
    assert_eq!(answer.unwrap_err(), SmsError::MissingSignature);
    server.stop().unwrap();
}

/// `POST target` with `body`, read back with the ureq extension: the status and the answer.
fn post(server: &Server, target: &str, body: &[u8]) -> (u16, Result<Value, SmsError>) {
    let response = agent()
        .post(format!("{}{target}", server.url()))
        .header("Content-Type", "application/json")
        .send(body)
        .expect("the gateway answers");
    let status = response.status().as_u16();
    let answer = response
        .api_result::<Value, SmsError>()
        .expect("the gateway's answer is the API's");
    (status, answer)
}

#[test]
fn refusals_no_sdk_provokes_are_read_with_their_status() {
    let simple = simple_gateway();
    let send = "/?action=sms.message.send&accessKeyId=client-key";
    let ok = br#"{"to": "+12065550100", "signature": "Acme", "text": "hi"}"#;
    let cases: [(&str, &[u8], u16, SmsError); 7] = [
        (
            "/?action=sms.message.send",
            ok,
            401,
            SmsError::MissingAccessKeyId,
        ),
        (
            "/?action=sms.message.send&accessKeyId=",
            ok,
            401,
            SmsError::MissingAccessKeyId,
        ),
        ("/?accessKeyId=client-key", ok, 400, SmsError::MissingParams),
        (
            "/?action=sms.message.list&accessKeyId=client-key",
            ok,
            400,
            SmsError::InvalidParams,
        ),
        (send, b"[1, 2]", 400, SmsError::InvalidParams),
        (
            send,
            br#"{"to": 5, "text": "hi"}"#,
            400,
            SmsError::InvalidParams,
        ),
        (
            send,
            br#"{"signature": "Acme", "text": "hi"}"#,
            400,
            SmsError::MissingParams,
        ),
    ];
    for (target, body, status, expected) in cases {
        assert_eq!(
            post(&simple, target, body),
            (status, Err(expected)),
            "{target}"
        );
    }
    let (status, answer) = post(&simple, send, ok);
    assert_eq!(status, 200);
    assert_eq!(answer.unwrap()["recipients"], 1);
    simple.stop().unwrap();

    let hmac = hmac_gateway();
    let cases: [(&str, u16, SmsError); 3] = [
        (send, 401, SmsError::MissingSignature),
        (
            "/?action=sms.message.send&accessKeyId=client-key&algorithm=hmac-sha256&nonce=1&signature=00",
            401,
            SmsError::InvalidSignatureTimestamp,
        ),
        (
            "/?action=sms.message.send&accessKeyId=client-key&algorithm=hmac-sha256&nonce=1&timestamp=99999999999&signature=00",
            401,
            SmsError::InvalidSignatureTimestamp,
        ),
    ];
    for (target, status, expected) in cases {
        assert_eq!(post(&hmac, target, ok), (status, Err(expected)), "{target}");
    }
    hmac.stop().unwrap();
}

#[tokio::test]
async fn reqwest_reads_the_gateway_success_and_refusals() {
    let server = simple_gateway();
    let http = reqwest::Client::new();
    let url = format!(
        "{}/?action=sms.message.send&accessKeyId={KEY_ID}",
        server.url()
    );
    let post_json = |body: Value| http.post(&url).json(&body).send();

    let sent = post_json(json!({"to": TO, "signature": "Acme", "text": "hi"}))
        .await
        .unwrap()
        .api_result::<SendData, SmsError>()
        .await
        .unwrap()
        .unwrap();
    assert_eq!(sent.recipients, 1);
    assert_eq!(sent.messages[0].to, TO);

    let refused = post_json(json!({"to": "12065550100", "signature": "Acme", "text": "hi"}))
        .await
        .unwrap()
        .api_result::<SendData, SmsError>()
        .await
        .unwrap();
    assert_eq!(refused.unwrap_err(), SmsError::InvalidPhoneNumbers);

    let refused = post_json(json!({"to": TO, "signature": "Nope", "text": "hi"}))
        .await
        .unwrap()
        .api_result::<SendData, SmsError>()
        .await
        .unwrap();
    assert_eq!(refused.unwrap_err(), SmsError::SmsSignatureNotExists);
    server.stop().unwrap();
}

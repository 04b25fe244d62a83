//! The gRPC side: the derive's `grpc` and `domain` keys, `tonic::Status` from a table's error
//! and back, and the example SMS service called by a tonic client over loopback for every
//! code it can produce.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use apicode::grpc::{FromStatus as _, GrpcCode, StatusError};
use apicode::{ApiError, CodeTable};
use apicode_sms::SmsError;
use apicode_tests::gateway::{Config, Server};
use apicode_tests::grpc::proto::SendMessageRequest;
use apicode_tests::grpc::proto::sms_client::SmsClient;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use tonic::Code;
use tonic::metadata::MetadataValue;
use tonic_types::{ErrorDetails, StatusExt as _};

#[derive(Debug, Clone, PartialEq, ApiError)]
#[api_error(
    status = 400,
    grpc = "failed_precondition",
    domain = "store.example.com"
)]
enum StoreError {
    /// The item exists already
    #[code(1001, "ItemExists", status = 409, grpc = "already_exists")]
    ItemExists,
    /// Not enough stock
    #[code(1002, "OutOfStock")]
    #[error("only {left} left")]
    OutOfStock { left: u32 },
    /// The store is closed
    #[code(1003, "StoreClosed", status = 503)]
    #[error("closed for maintenance until {0}")]
    Closed(String),
    /// A code this client does not know
    #[code(other, grpc = "unknown")]
    Unknown(u32),
}

#[derive(Debug, PartialEq, ApiError)]
enum AuthError {
    /// Missing token
    #[code(2001, "MissingToken", status = 401)]
    MissingToken,
    /// Token from another realm
    #[code(2002, "ForeignToken", status = 401, grpc = "permission_denied")]
    ForeignToken,
}

/// A table without keys but with a transparent variant: its codes come from the inner table.
#[derive(Debug, PartialEq, ApiError)]
enum ServiceError {
    /// Too many requests
    #[code(3001, "Busy", status = 429)]
    Busy,
    #[code(transparent)]
    Auth(AuthError),
}

fn info(status: &tonic::Status) -> tonic_types::ErrorInfo {
    status
        .get_details_error_info()
        .unwrap_or_else(|| panic!("no ErrorInfo in {status:?}"))
}

#[test]
fn grpc_codes_from_keys_enum_default_and_status() {
    assert_eq!(StoreError::ItemExists.grpc_code(), GrpcCode::AlreadyExists);
    // No key on the variant: the enum's, not the mapping of 400 or 503.
    assert_eq!(
        StoreError::OutOfStock { left: 1 }.grpc_code(),
        GrpcCode::FailedPrecondition
    );
    assert_eq!(
        StoreError::Closed("noon".into()).grpc_code(),
        GrpcCode::FailedPrecondition
    );
    assert_eq!(StoreError::Unknown(9).grpc_code(), GrpcCode::Unknown);
    // No enum key: the mapping of the status.
    assert_eq!(
        AuthError::MissingToken.grpc_code(),
        GrpcCode::Unauthenticated
    );
    assert_eq!(
        AuthError::ForeignToken.grpc_code(),
        GrpcCode::PermissionDenied
    );
    // Transparent variants ask the inner table, keys included.
    assert_eq!(ServiceError::Busy.grpc_code(), GrpcCode::ResourceExhausted);
    assert_eq!(
        ServiceError::Auth(AuthError::ForeignToken).grpc_code(),
        GrpcCode::PermissionDenied
    );
    // Trait objects too.
    let boxed: Box<dyn ApiError> = Box::new(StoreError::ItemExists);
    assert_eq!(boxed.grpc_code(), GrpcCode::AlreadyExists);
}

#[test]
fn domains_from_key_or_table_name() {
    assert_eq!(StoreError::DOMAIN, "store.example.com");
    assert_eq!(AuthError::DOMAIN, "AuthError");
    assert_eq!(SmsError::DOMAIN, "api.unimtx.com");
}

#[test]
fn every_sms_code_maps_by_its_status() {
    for entry in SmsError::ENTRIES {
        let error = SmsError::from(entry.code);
        assert_eq!(
            error.grpc_code(),
            GrpcCode::from_http_status(entry.status),
            "{}",
            entry.message
        );
    }
    assert_eq!(
        SmsError::InsufficientFunds.grpc_code(),
        GrpcCode::FailedPrecondition
    );
    assert_eq!(
        SmsError::NoUpstreamAvailable.grpc_code(),
        GrpcCode::Unavailable
    );
}

#[test]
fn status_below_500_carries_display_and_error_info() {
    let status = tonic::Status::from(StoreError::OutOfStock { left: 2 });
    assert_eq!(status.code(), Code::FailedPrecondition);
    assert_eq!(status.message(), "only 2 left");
    let info = info(&status);
    assert_eq!(info.reason, "OUT_OF_STOCK");
    assert_eq!(info.domain, "store.example.com");
    assert_eq!(
        info.metadata,
        HashMap::from([("code".to_owned(), "1002".to_owned())])
    );
}

#[test]
fn status_of_5xx_keeps_its_display_to_itself() {
    let status = tonic::Status::from(StoreError::Closed("db-7 is rebuilding".into()));
    assert_eq!(status.message(), "The store is closed");
    assert!(!format!("{status:?}").contains("db-7"));
    assert_eq!(info(&status).reason, "STORE_CLOSED");
}

#[test]
fn status_of_catch_all_and_transparent() {
    let status = tonic::Status::from(StoreError::Unknown(424_242));
    assert_eq!(status.code(), Code::Unknown);
    let info_of_unknown = info(&status);
    assert_eq!(info_of_unknown.metadata["code"], "424242");
    assert_eq!(info_of_unknown.reason, "UNKNOWN");

    let status = tonic::Status::from(ServiceError::Auth(AuthError::MissingToken));
    assert_eq!(status.code(), Code::Unauthenticated);
    let nested = info(&status);
    assert_eq!(nested.reason, "MISSING_TOKEN");
    // The domain is the outer table's: that is the table a client reads the status as.
    assert_eq!(nested.domain, "ServiceError");
    assert_eq!(
        ServiceError::from_status(&status),
        Ok(ServiceError::Auth(AuthError::MissingToken))
    );
}

/// Messages with no `ErrorInfo` reason form, in a table without `domain` or `grpc` keys: it
/// compiles with the `tonic` feature as it does without, and its statuses carry the code as
/// reason.
#[derive(Debug, PartialEq, ApiError)]
enum LegacyError {
    /// Nine lives
    #[code(9, "9lives")]
    NineLives,
    /// Closed
    #[code(1002, "Geschlossen/Fermé")]
    Closed,
    /// A single letter
    #[code(7, "X")]
    Letter,
}

#[test]
fn messages_without_reason_form_give_the_code_as_reason() {
    for (error, reason) in [
        (LegacyError::NineLives, "CODE_9"),
        (LegacyError::Closed, "CODE_1002"),
        (LegacyError::Letter, "CODE_7"),
    ] {
        let code = error.code();
        let status = tonic::Status::from(error);
        let info = info(&status);
        assert_eq!(info.reason, reason);
        assert_eq!(info.metadata["code"], code.to_string());
        assert_eq!(
            LegacyError::from_status(&status).map(|error| error.code()),
            Ok(code)
        );
    }
}

#[test]
fn from_status_gives_back_the_variant() {
    for error in [
        StoreError::ItemExists,
        StoreError::OutOfStock { left: 0 },
        StoreError::Unknown(77),
    ] {
        let status = tonic::Status::from(error.clone());
        assert_eq!(StoreError::from_status(&status), Ok(error));
    }
    for entry in SmsError::ENTRIES {
        let error = SmsError::from(entry.code);
        assert_eq!(
            SmsError::from_status(&tonic::Status::from(error)),
            Ok(error)
        );
    }
}

/// A status as another apicode service would send it: any domain and metadata.
fn foreign_status(domain: &str, metadata: &[(&str, &str)]) -> tonic::Status {
    let metadata: HashMap<String, String> = metadata
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect();
    tonic::Status::with_error_details(
        Code::InvalidArgument,
        "refused",
        ErrorDetails::with_error_info("SOME_REASON", domain, metadata),
    )
}

#[test]
fn unknown_codes_convert_as_from_u32_does() {
    // With a catch-all: the catch-all.
    let status = foreign_status("store.example.com", &[("code", "5555")]);
    assert_eq!(
        StoreError::from_status(&status),
        Ok(StoreError::Unknown(5555))
    );
    // Without one: an error naming the table and the code.
    let status = foreign_status("AuthError", &[("code", "5555")]);
    let error = AuthError::from_status(&status).unwrap_err();
    assert_eq!(
        error,
        StatusError::Unknown {
            table: "AuthError",
            code: 5555
        }
    );
    assert_eq!(
        error.to_string(),
        "unknown AuthError code 5555 in a gRPC status"
    );
}

#[test]
fn statuses_that_are_not_the_tables_are_errors() {
    let plain = tonic::Status::unavailable("connection refused");
    assert_eq!(
        StoreError::from_status(&plain),
        Err(StatusError::NoErrorInfo {
            code: GrpcCode::Unavailable,
            message: "connection refused".into()
        })
    );
    let other = foreign_status("billing.example.com", &[("code", "1001")]);
    assert_eq!(
        StoreError::from_status(&other),
        Err(StatusError::OtherDomain {
            expected: "store.example.com",
            found: "billing.example.com".into()
        })
    );
    let no_code = foreign_status("store.example.com", &[("id", "1001")]);
    assert_eq!(
        StoreError::from_status(&no_code),
        Err(StatusError::BadCode { found: None })
    );
    for bad in ["", "-1", "1001 ", "4294967296", "0x3e9", "١٠٠١"] {
        let status = foreign_status("store.example.com", &[("code", bad)]);
        assert_eq!(
            StoreError::from_status(&status),
            Err(StatusError::BadCode {
                found: Some(bad.to_owned())
            }),
            "{bad:?}"
        );
    }
}

#[test]
fn garbage_details_are_an_error_not_a_panic() {
    let garbage: &[&[u8]] = &[
        b"\xff\xff\xff\xff",
        b"\x0a\x05abc",
        b"\x1a\x03\x0a\x01",
        &[0x1a; 64],
    ];
    for details in garbage {
        let status = tonic::Status::with_details(Code::Internal, "boom", details.to_vec().into());
        let error = StoreError::from_status(&status).unwrap_err();
        assert!(
            matches!(error, StatusError::NoErrorInfo { .. }),
            "{details:?}: {error:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// The example service over loopback

const KEY_ID: &str = "grpc-key";
const SECRET: &str = "grpc-secret";

/// The credentials of one call.
enum Credentials {
    None,
    Key(&'static str),
    /// HMAC mode: the key, then the timestamp offset in seconds and whether to sign correctly.
    Signed {
        skew_secs: i64,
        valid: bool,
    },
    /// HMAC mode without a signature.
    Unsigned,
}

fn now_secs() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("the clock is after 1970")
        .as_secs();
    i64::try_from(secs).expect("the time fits in i64")
}

fn hmac_hex(secret: &str, text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(text.as_bytes());
    mac.finalize()
        .into_bytes()
        .iter()
        .fold(String::new(), |mut hex, byte| {
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

fn request(
    message: SendMessageRequest,
    credentials: &Credentials,
) -> tonic::Request<SendMessageRequest> {
    let mut request = tonic::Request::new(message);
    let metadata = request.metadata_mut();
    let mut insert = |key: &'static str, value: &str| {
        metadata.insert(key, MetadataValue::try_from(value).expect("ASCII metadata"));
    };
    match credentials {
        Credentials::None => {}
        Credentials::Key(key) => insert("access-key-id", key),
        Credentials::Unsigned => {
            insert("access-key-id", KEY_ID);
            insert("timestamp", &now_secs().to_string());
        }
        Credentials::Signed { skew_secs, valid } => {
            let timestamp = (now_secs() + skew_secs).to_string();
            let nonce = "n0nce";
            let signed = format!(
                "accessKeyId={KEY_ID}&action=sms.message.send&algorithm=hmac-sha256&nonce={nonce}&timestamp={timestamp}"
            );
            let secret = if *valid { SECRET } else { "wrong-secret" };
            insert("access-key-id", KEY_ID);
            insert("algorithm", "hmac-sha256");
            insert("timestamp", &timestamp);
            insert("nonce", nonce);
            insert("signature", &hmac_hex(secret, &signed));
        }
    }
    request
}

fn text_to(to: &[&str], signature: &str, text: &str) -> SendMessageRequest {
    SendMessageRequest {
        to: to.iter().map(|to| (*to).to_owned()).collect(),
        signature: signature.to_owned(),
        text: text.to_owned(),
        ..SendMessageRequest::default()
    }
}

fn template(id: &str, data: &[(&str, &str)]) -> SendMessageRequest {
    SendMessageRequest {
        to: vec!["+12065550100".into()],
        signature: "Acme".into(),
        template_id: id.into(),
        template_data: data
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect(),
        ..SendMessageRequest::default()
    }
}

#[test]
#[allow(clippy::too_many_lines)] // one table of cases, each a line or two
fn tonic_client_gets_every_code_the_service_produces() {
    let signed = apicode_tests::grpc::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .secret(SECRET)
            .sms_signature("Acme")
            .template("pub_otp", &["code"])
            .rate_limit(2)
            .body_limit(1024),
    )
    .unwrap();
    let simple =
        apicode_tests::grpc::start(Config::new("127.0.0.1:0", KEY_ID).sms_signature("Acme"))
            .unwrap();

    let ok = || text_to(&["+12065550100"], "Acme", "hello");
    let good = Credentials::Signed {
        skew_secs: 0,
        valid: true,
    };
    let cases: Vec<(&str, &Server, SendMessageRequest, Credentials, SmsError)> = vec![
        (
            "no key",
            &signed,
            ok(),
            Credentials::None,
            SmsError::MissingAccessKeyId,
        ),
        (
            "other key",
            &signed,
            ok(),
            Credentials::Key("nobody"),
            SmsError::InvalidAccessKeyId,
        ),
        (
            "unsigned",
            &signed,
            ok(),
            Credentials::Unsigned,
            SmsError::MissingSignature,
        ),
        (
            "stale",
            &signed,
            ok(),
            Credentials::Signed {
                skew_secs: -3600,
                valid: true,
            },
            SmsError::InvalidSignatureTimestamp,
        ),
        (
            "forged",
            &signed,
            ok(),
            Credentials::Signed {
                skew_secs: 0,
                valid: false,
            },
            SmsError::InvalidSignature,
        ),
        (
            "oversized",
            &signed,
            text_to(&["+12065550100"], "Acme", &"x".repeat(2048)),
            Credentials::Signed {
                skew_secs: 0,
                valid: true,
            },
            SmsError::RestrictedParams,
        ),
        (
            "no recipient",
            &signed,
            text_to(&[], "Acme", "hi"),
            Credentials::Signed {
                skew_secs: 0,
                valid: true,
            },
            SmsError::MissingParams,
        ),
        (
            "no text",
            &simple,
            text_to(&["+12065550100"], "Acme", ""),
            Credentials::Key(KEY_ID),
            SmsError::MissingParams,
        ),
        (
            "not e164",
            &simple,
            text_to(&["2065550100"], "Acme", "hi"),
            Credentials::Key(KEY_ID),
            SmsError::InvalidPhoneNumbers,
        ),
        (
            "no sms signature",
            &simple,
            text_to(&["+12065550100"], "", "hi"),
            Credentials::Key(KEY_ID),
            SmsError::MissingSmsSignature,
        ),
        (
            "unknown sms signature",
            &simple,
            text_to(&["+12065550100"], "Evil", "hi"),
            Credentials::Key(KEY_ID),
            SmsError::SmsSignatureNotExists,
        ),
        (
            "unknown template",
            &signed,
            template("pub_nope", &[]),
            Credentials::Signed {
                skew_secs: 0,
                valid: true,
            },
            SmsError::SmsTemplateNotExists,
        ),
        (
            "template data missing",
            &signed,
            template("pub_otp", &[("other", "1")]),
            Credentials::Signed {
                skew_secs: 0,
                valid: true,
            },
            SmsError::MissingSmsTemplateData,
        ),
    ];

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut signed_client = SmsClient::connect(signed.url()).await.unwrap();
        let mut simple_client = SmsClient::connect(simple.url()).await.unwrap();
        for (case, server, message, credentials, expected) in cases {
            let client = if server.addr() == signed.addr() {
                &mut signed_client
            } else {
                &mut simple_client
            };
            let status = client
                .send_message(request(message, &credentials))
                .await
                .expect_err(case);
            assert_eq!(
                status.code() as i32,
                expected.grpc_code().as_i32(),
                "{case}: {status:?}"
            );
            assert_eq!(status.message(), expected.to_string(), "{case}");
            let info = info(&status);
            assert_eq!(
                info.reason,
                apicode::grpc::reason(expected.message()).unwrap().as_str(),
                "{case}"
            );
            assert_eq!(info.domain, "api.unimtx.com", "{case}");
            assert_eq!(
                info.metadata,
                HashMap::from([("code".to_owned(), expected.code().to_string())]),
                "{case}"
            );
            assert_eq!(SmsError::from_status(&status), Ok(expected), "{case}");
        }

        // The rate limit: two messages a minute to one number, then LimitExceed.
        let to = "+6512345678";
        for _ in 0..2 {
            let sent = signed_client
                .send_message(request(text_to(&[to], "Acme", "otp"), &good))
                .await
                .expect("within the limit")
                .into_inner();
            assert_eq!(sent.messages.len(), 1);
            assert_eq!(sent.messages[0].to, to);
            assert_eq!(sent.messages[0].id.len(), 32);
        }
        let status = signed_client
            .send_message(request(text_to(&[to], "Acme", "otp"), &good))
            .await
            .expect_err("over the limit");
        assert_eq!(status.code(), Code::ResourceExhausted);
        assert_eq!(info(&status).reason, "LIMIT_EXCEED");
        assert_eq!(SmsError::from_status(&status), Ok(SmsError::LimitExceed));

        // A template send with its data, and a long text in several segments.
        let sent = signed_client
            .send_message(request(template("pub_otp", &[("code", "2048")]), &good))
            .await
            .expect("a complete template")
            .into_inner();
        assert_eq!(sent.message_count, 1);
        let sent = simple_client
            .send_message(request(
                text_to(&["+12065550100", "+12065550101"], "Acme", &"a".repeat(161)),
                &Credentials::Key(KEY_ID),
            ))
            .await
            .expect("a two-segment text")
            .into_inner();
        assert_eq!(sent.messages.len(), 2);
        assert_eq!(sent.message_count, 4);
    });
}

#[test]
fn tonics_own_refusals_carry_no_error_info() {
    let server = apicode_tests::grpc::start(
        Config::new("127.0.0.1:0", KEY_ID)
            .sms_signature("Acme")
            .body_limit(64),
    )
    .unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let mut client = SmsClient::connect(server.url()).await.unwrap();
        // More than 16 times the body limit: tonic refuses it before the service sees it.
        let huge = text_to(&["+12065550100"], "Acme", &"x".repeat(64 * 17));
        let status = client
            .send_message(request(huge, &Credentials::Key(KEY_ID)))
            .await
            .expect_err("too large to decode");
        assert_eq!(status.code(), Code::OutOfRange, "{status:?}");
        assert!(matches!(
            SmsError::from_status(&status),
            Err(StatusError::NoErrorInfo { .. })
        ));
        // The connection still serves well-formed calls.
        let sent = client
            .send_message(request(
                text_to(&["+12065550100"], "Acme", "hi"),
                &Credentials::Key(KEY_ID),
            ))
            .await
            .expect("a small message after a refused one");
        assert_eq!(sent.into_inner().messages.len(), 1);
    });
}

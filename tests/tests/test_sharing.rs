//! Tables made of tables: chains of transparent tables, entries reused from reused entries,
//! several nested tables, and generic outer enums.

use apicode::{ApiError, CodeTable};
use apicode_sender::SendError;
use apicode_sms::SmsError;

/// A third layer: a gateway's errors, over the sending service's table (itself over SMS).
#[derive(Debug, PartialEq, ApiError)]
#[api_error(range = 300_000..=300_999)]
enum GatewayError {
    /// The gateway is shutting down
    #[code(300_001, "ShuttingDown", status = 503)]
    ShuttingDown,
    /// Reuses a reused entry: `SendError::InvalidPhoneNumber` is `SmsError::InvalidPhoneNumbers`.
    #[code(SendError::InvalidPhoneNumber)]
    BadNumber,
    #[code(transparent)]
    Send(SendError),
    #[code(other)]
    Unknown(u32),
}

#[test]
fn a_chain_of_transparent_tables_flattens_every_level() {
    assert_eq!(GatewayError::ENTRIES.len(), 1 + SendError::ENTRIES.len());
    let error = GatewayError::from(104_202);
    assert_eq!(
        error,
        GatewayError::Send(SendError::Upstream(SmsError::InvalidSignatureTimestamp))
    );
    assert_eq!(error.http_status(), 401);
    assert_eq!(error.message(), "InvalidSignatureTimestamp");
    assert_eq!(
        GatewayError::from(200_002),
        GatewayError::Send(SendError::MessageTooLong)
    );
    // Unknown everywhere: the outer catch-all keeps it.
    assert_eq!(GatewayError::from(999_999), GatewayError::Unknown(999_999));
}

#[test]
fn a_reused_entry_can_itself_come_from_a_reused_entry() {
    let error = GatewayError::BadNumber;
    assert_eq!(error.code(), 107_111);
    assert_eq!(error.message(), "InvalidPhoneNumbers");
    assert_eq!(error.detail(), SmsError::InvalidPhoneNumbers.detail());
    // The reusing variant wins over the same code reached through `Send`.
    assert_eq!(GatewayError::from(107_111), GatewayError::BadNumber);
    let codes: Vec<u32> = GatewayError::ENTRIES
        .iter()
        .map(|entry| entry.code)
        .collect();
    assert_eq!(codes.iter().filter(|code| **code == 107_111).count(), 1);
    assert_eq!(codes[1], 107_111, "listed in the reusing variant's place");
}

/// Two independent tables nested side by side, with disjoint ranges.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(range = 1..=99)]
enum Billing {
    /// Card declined
    #[code(1, "CardDeclined", status = 402)]
    CardDeclined,
}

#[derive(Debug, PartialEq, ApiError)]
#[api_error(range = 100..=199)]
enum Storage {
    /// Disk full
    #[code(100, "DiskFull", status = 507)]
    DiskFull,
}

#[derive(Debug, PartialEq, ApiError)]
#[api_error(serde = "string")]
enum Service {
    #[code(transparent)]
    Billing(Billing),
    /// Bad request
    #[code(1000, "BadRequest")]
    BadRequest,
    #[code(transparent)]
    Storage(Storage),
}

#[test]
fn several_nested_tables_keep_declaration_order() {
    let codes: Vec<u32> = Service::ENTRIES.iter().map(|entry| entry.code).collect();
    assert_eq!(codes, [1, 1000, 100]);
    assert_eq!(
        Service::try_from(100).unwrap(),
        Service::Storage(Storage::DiskFull)
    );
    assert_eq!(
        Service::from_message("CardDeclined"),
        Some(Service::Billing(Billing::CardDeclined))
    );
    assert_eq!(Service::Storage(Storage::DiskFull).http_status(), 507);
    assert_eq!(Service::BadRequest.http_status(), 500);
    // The outer serde setting applies to the nested variants.
    assert_eq!(
        serde_json::to_string(&Service::Billing(Billing::CardDeclined)).unwrap(),
        "\"1\""
    );
    assert_eq!(serde_json::to_string(&Billing::CardDeclined).unwrap(), "1");
    let read: Service = serde_json::from_str("\"100\"").unwrap();
    assert_eq!(read, Service::Storage(Storage::DiskFull));
}

/// A generic outer enum over a non-generic shared table.
#[derive(Debug, ApiError)]
enum Tagged<T: std::fmt::Debug> {
    #[code(500_000, "Tagged")]
    #[error("tagged {0:?}")]
    Tagged(T),
    #[code(transparent)]
    Sms(SmsError),
}

#[test]
fn a_generic_enum_can_nest_a_table() {
    let error: Tagged<u8> = Tagged::from(SmsError::LimitExceed);
    assert_eq!(error.code(), 105_300);
    assert_eq!(error.http_status(), 429);
    assert_eq!(Tagged::<u8>::ENTRIES.len(), 1 + 25);
    // `T` has no `Default` bound in the declaration, so the generic impl cannot build the
    // variant from its code alone.
    assert!(Tagged::<u8>::from_code(500_000).is_none());
    assert!(matches!(
        Tagged::<u8>::from_code(105_300),
        Some(Tagged::Sms(SmsError::LimitExceed))
    ));
    assert_eq!(Tagged::Tagged(7u8).to_string(), "tagged 7");
}

#[test]
fn dyn_api_error_sees_through_every_layer() {
    let errors: Vec<Box<dyn ApiError>> = vec![
        Box::new(GatewayError::ShuttingDown),
        Box::new(GatewayError::from(105_300)),
        Box::new(Service::Billing(Billing::CardDeclined)),
    ];
    let seen: Vec<(u32, u16)> = errors
        .iter()
        .map(|error| (error.code(), error.http_status()))
        .collect();
    assert_eq!(seen, [(300_001, 503), (105_300, 429), (1, 402)]);
}

//! Tables whose codes are not `u32`: `#[api_error(code = i32)]` (JSON-RPC, WeChat), `i64`,
//! `u64`, `i16`, `u8`. The code type reaches `code()`, the conversions, the catch-all, the
//! lookups (perfect hash and bitmap over signed and folded 64-bit keys), serde in both modes,
//! nested and reused tables, and the exports.

use apicode::{ApiError, ApiTable, Code, CodeTable, Entry, UnknownCode};

/// JSON-RPC 2.0's codes and a server's own: clustered negative codes (a bitmap lookup).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = i32, status = 500, range = -32768..=-32000)]
enum RpcError {
    /// Invalid JSON was received by the server
    #[code(-32700, "ParseError", status = 400)]
    ParseError,
    /// The JSON sent is not a valid Request object
    #[code(-32600, "InvalidRequest", status = 400)]
    InvalidRequest,
    /// The method does not exist or is not available
    #[code(-32601, "MethodNotFound", status = 404)]
    MethodNotFound,
    /// Invalid method parameters
    #[code(-32602, "InvalidParams", status = 400)]
    InvalidParams,
    /// Internal JSON-RPC error
    #[code(-32603, "InternalError")]
    InternalError,
    /// The server is busy
    #[code(-32000, "ServerBusy", status = 503)]
    ServerBusy,
    /// The caller is not authorized
    #[code(-32001, "Unauthorized", status = 401)]
    Unauthorized,
    /// The resource does not exist
    #[code(-32002, "ResourceNotFound", status = 404)]
    ResourceNotFound,
    /// Too many requests
    #[code(-32003, "RateLimited", status = 429)]
    RateLimited,
    #[code(other)]
    Unknown(i32),
}

/// A server's own JSON-RPC codes, consecutive: a bitmap over negative codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = i32)]
enum ServerError {
    /// Zero
    #[code(-32000, "S0")]
    S0,
    /// One
    #[code(-32001, "S1")]
    S1,
    /// Two
    #[code(-32002, "S2")]
    S2,
    /// Three
    #[code(-32003, "S3")]
    S3,
    /// Four
    #[code(-32004, "S4")]
    S4,
    /// Five
    #[code(-32005, "S5")]
    S5,
    /// Seven
    #[code(-32007, "S7")]
    S7,
    /// Nine
    #[code(-32009, "S9")]
    S9,
    #[code(other)]
    Unknown(i32),
}

/// Consecutive codes beyond `u32`: a bitmap over 64-bit offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = i64)]
enum WideRunError {
    /// A
    #[code(5000000000, "A")]
    A,
    /// B
    #[code(5000000001, "B")]
    B,
    /// C
    #[code(5000000002, "C")]
    C,
    /// D
    #[code(5000000003, "D")]
    D,
    /// E
    #[code(5000000005, "E")]
    E,
    /// F
    #[code(5000000008, "F")]
    F,
    /// G
    #[code(5000000013, "G")]
    G,
    /// H
    #[code(5000000021, "H")]
    H,
}

/// WeChat's `errcode`s: `-1` beside positive codes (a perfect hash), codes as strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = i32, status = 400, serde = "string")]
enum WeChatError {
    /// System busy, try again later
    #[code(-1, "SystemBusy", status = 503)]
    SystemBusy,
    /// ok
    #[code(0, "Ok", status = 200)]
    Ok,
    /// Invalid credential: the access token is wrong or expired
    #[code(40001, "InvalidCredential", status = 401)]
    InvalidCredential,
    /// Invalid grant type
    #[code(40002, "InvalidGrantType")]
    InvalidGrantType,
    /// Invalid OpenID
    #[code(40003, "InvalidOpenid")]
    InvalidOpenid,
    /// Invalid AppID
    #[code(40013, "InvalidAppid")]
    InvalidAppid,
    /// Invalid AppSecret
    #[code(40125, "InvalidAppsecret", status = 401)]
    InvalidAppsecret,
    /// The access token is missing
    #[code(41001, "AccessTokenMissing", status = 401)]
    AccessTokenMissing,
    /// The access token has expired
    #[code(42001, "AccessTokenExpired", status = 401)]
    AccessTokenExpired,
    /// The API's daily call limit is reached
    #[code(45009, "ApiLimitReached", status = 429)]
    ApiLimitReached,
    /// The API is not authorized for this account
    #[code(48001, "ApiUnauthorized", status = 403)]
    ApiUnauthorized,
}

/// Codes beyond `u32`, on both sides of zero: the lookup folds them into 32-bit keys and
/// compares the whole code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = i64, status = 400)]
enum LedgerError {
    /// The smallest code but one
    #[code(-9223372036854775807, "Floor")]
    Floor,
    /// A large negative code
    #[code(-9000000000000, "Overdrawn")]
    Overdrawn,
    /// Minus five
    #[code(-5, "Failed")]
    Failed,
    /// Zero
    #[code(0, "Ok", status = 200)]
    Ok,
    /// Just above u32
    #[code(4294967296, "Wide")]
    Wide,
    /// Five billion
    #[code(5000000000, "FiveBillion")]
    FiveBillion,
    /// A code whose halves fold onto another's key
    #[code(8589934593, "Folded")]
    Folded,
    /// The largest code
    #[code(9223372036854775807, "Ceiling")]
    Ceiling,
    #[code(other)]
    Unknown(i64),
}

/// The extremes of `i64`, in a table small enough for a `match`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = i64)]
enum EdgeError {
    /// The smallest i64
    #[code(-9223372036854775808, "Min")]
    Min,
    /// The largest i64
    #[code(9223372036854775807, "Max")]
    Max,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = u64)]
enum BigError {
    /// The largest u64
    #[code(18446744073709551615, "Max")]
    Max,
    /// One
    #[code(1, "One")]
    One,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = i16, serde = "string")]
enum SmallError {
    /// Below zero
    #[code(-300, "Below")]
    Below,
    /// Above zero
    #[code(300, "Above")]
    Above,
    #[code(other)]
    Other(i16),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ApiError)]
#[api_error(code = u8)]
enum ByteError {
    /// The top byte
    #[code(255, "Top")]
    Top,
}

/// A service's own table over JSON-RPC's: nesting and reuse within one code type.
#[derive(Debug, PartialEq, ApiError)]
#[api_error(code = i32, status = 400, range = 1000..=1999)]
enum ToolError {
    /// The tool failed
    #[code(1001, "ToolFailed", status = 500)]
    ToolFailed,
    /// The shared entry, with the tool's own text
    #[code(RpcError::InvalidParams)]
    #[error("bad argument `{name}`")]
    BadArgument { name: String },
    #[code(transparent)]
    Rpc(RpcError),
}

fn every_code<C: Code, E: ApiTable<Code = C>>() -> Vec<C> {
    E::ENTRIES.iter().map(|entry| entry.code).collect()
}

#[test]
fn signed_codes_are_the_declared_type_everywhere() {
    let code: i32 = RpcError::MethodNotFound.code();
    assert_eq!(code, -32601);
    assert_eq!(i32::from(RpcError::ParseError), -32700);
    assert_eq!(RpcError::from(-32601), RpcError::MethodNotFound);
    assert_eq!(RpcError::from(-7), RpcError::Unknown(-7));
    assert_eq!(RpcError::Unknown(-7).code(), -7);
    assert_eq!(
        RpcError::from_code(-32002),
        Some(RpcError::ResourceNotFound)
    );
    assert_eq!(RpcError::from_code(-32004), None);
    assert_eq!(
        RpcError::from_message("RateLimited"),
        Some(RpcError::RateLimited)
    );
    let entry: Entry<i32> = *RpcError::entry(-32603).unwrap();
    assert_eq!((entry.message, entry.status), ("InternalError", 500));
    assert_eq!(
        RpcError::RANGE,
        Some(apicode::CodeRange {
            start: -32768,
            end: -32000
        })
    );
    assert_eq!(<RpcError as ApiTable>::Code::NAME, "i32");
    assert_eq!(RpcError::MethodNotFound.http_status(), 404);
    assert_eq!(RpcError::Unknown(-5).to_string(), "unknown error code -5");
}

#[test]
fn a_table_without_catch_all_refuses_with_its_own_code_type() {
    assert_eq!(WeChatError::try_from(-1), Ok(WeChatError::SystemBusy));
    let refused: UnknownCode<i32> = WeChatError::try_from(-2).unwrap_err();
    assert_eq!(refused.code(), -2);
    assert_eq!(refused.to_string(), "unknown WeChatError code -2");
    assert_eq!(BigError::try_from(u64::MAX), Ok(BigError::Max));
    assert_eq!(u64::from(BigError::Max), u64::MAX);
    assert_eq!(ByteError::try_from(255_u8), Ok(ByteError::Top));
    assert_eq!(SmallError::from(-300_i16), SmallError::Below);
    assert_eq!(SmallError::from(7_i16), SmallError::Other(7));
}

/// Every lookup (the perfect hash, the bitmap, the folded 64-bit keys) against a scan of the
/// entries, over the declared codes, their neighbours and the type's extremes.
#[test]
fn lookups_agree_with_a_scan_of_the_entries() {
    fn check<C: Code, E: ApiTable<Code = C> + PartialEq + std::fmt::Debug>(probes: &[i128]) {
        let mut all: Vec<i128> = probes.to_vec();
        for entry in E::ENTRIES {
            let code = entry.code.to_i128();
            all.extend([code - 1, code, code + 1]);
        }
        all.extend([C::MIN.to_i128(), C::MAX.to_i128(), 0, -1, 1]);
        for probe in all.into_iter().filter_map(C::from_i128) {
            let expected = E::ENTRIES.iter().find(|entry| entry.code == probe);
            let found = E::from_code(probe);
            assert_eq!(
                found.as_ref().map(ApiError::code),
                expected.map(|entry| entry.code),
                "{} {probe}",
                E::NAME
            );
        }
    }
    let wide_probes: Vec<i128> = (0..64)
        .flat_map(|shift| {
            [
                1_i128 << shift,
                -(1_i128 << shift),
                (1_i128 << shift) + (1 << 32),
            ]
        })
        .collect();
    check::<i32, RpcError>(&(-33_000..-31_900).collect::<Vec<_>>());
    check::<i32, ServerError>(&(-32_200..-31_800).collect::<Vec<_>>());
    check::<i64, WideRunError>(
        &(4_999_999_800..5_000_000_200)
            .chain(wide_probes.iter().copied())
            .collect::<Vec<_>>(),
    );
    check::<i32, WeChatError>(&(-100..50_000).step_by(7).collect::<Vec<_>>());
    check::<i64, LedgerError>(&wide_probes);
    check::<i64, EdgeError>(&wide_probes);
    check::<u64, BigError>(&wide_probes);
    check::<i16, SmallError>(&(-400..400).collect::<Vec<_>>());
    check::<u8, ByteError>(&(0..256).collect::<Vec<_>>());
    // 8589934593 is 2^33 + 1: its halves fold to the key of 3, which is not a code.
    assert_eq!(LedgerError::from(3), LedgerError::Unknown(3));
    assert_eq!(LedgerError::from(8_589_934_593), LedgerError::Folded);
    assert_eq!(LedgerError::from(i64::MIN + 1), LedgerError::Floor);
    assert_eq!(LedgerError::from(i64::MIN), LedgerError::Unknown(i64::MIN));
    assert_eq!(EdgeError::try_from(i64::MIN), Ok(EdgeError::Min));
}

#[test]
fn serde_reads_numbers_and_signed_decimal_strings() {
    let read = |text: &str| serde_json::from_str::<RpcError>(text);
    assert_eq!(read("-32601").unwrap(), RpcError::MethodNotFound);
    assert_eq!(read(r#""-32601""#).unwrap(), RpcError::MethodNotFound);
    assert_eq!(
        read(r#""MethodNotFound""#).unwrap(),
        RpcError::MethodNotFound
    );
    assert_eq!(read("-1").unwrap(), RpcError::Unknown(-1));
    assert_eq!(read(r#""-0""#).unwrap(), RpcError::Unknown(0));
    assert_eq!(
        serde_json::to_string(&RpcError::ParseError).unwrap(),
        "-32700"
    );
    assert_eq!(serde_json::to_string(&RpcError::Unknown(-3)).unwrap(), "-3");

    let wechat = |text: &str| serde_json::from_str::<WeChatError>(text);
    assert_eq!(wechat(r#""-1""#).unwrap(), WeChatError::SystemBusy);
    assert_eq!(wechat("40001").unwrap(), WeChatError::InvalidCredential);
    assert_eq!(
        serde_json::to_string(&WeChatError::SystemBusy).unwrap(),
        r#""-1""#
    );

    assert_eq!(
        serde_json::from_str::<EdgeError>("-9223372036854775808").unwrap(),
        EdgeError::Min
    );
    assert_eq!(
        serde_json::from_str::<LedgerError>(r#""9223372036854775807""#).unwrap(),
        LedgerError::Ceiling
    );
    assert_eq!(
        serde_json::from_str::<BigError>("18446744073709551615").unwrap(),
        BigError::Max
    );
    assert_eq!(
        serde_json::to_string(&SmallError::Other(-2)).unwrap(),
        r#""-2""#
    );
}

#[test]
fn serde_refuses_what_the_code_type_cannot_hold_naming_the_type() {
    // With a catch-all: out of range is an error, never a wrap into the catch-all.
    for text in [
        "2147483648",
        "-2147483649",
        r#""2147483648""#,
        r#""-2147483649""#,
    ] {
        let error = serde_json::from_str::<RpcError>(text)
            .unwrap_err()
            .to_string();
        assert!(error.contains("i32"), "{text}: {error}");
    }
    // Without one, too.
    let error = serde_json::from_str::<WeChatError>("4294967296")
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("WeChatError") && error.contains("i32"),
        "{error}"
    );
    // Neither a number nor a message: an error naming the table, for every malformed form.
    for text in [
        r#""--1""#, r#""-""#, r#""+5""#, r#"" -1""#, r#""-1 ""#, r#""1.5""#, r#""""#,
    ] {
        let error = serde_json::from_str::<RpcError>(text)
            .unwrap_err()
            .to_string();
        assert!(error.contains("RpcError"), "{text}: {error}");
    }
    let fraction = serde_json::from_str::<RpcError>("-32601.5").unwrap_err();
    assert!(fraction.to_string().contains("RpcError"), "{fraction}");
    // An unsigned table reads "-1" as a message, which it does not have.
    let error = serde_json::from_str::<BigError>(r#""-1""#)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("unknown BigError code or message"),
        "{error}"
    );
    let error = serde_json::from_str::<ByteError>("256")
        .unwrap_err()
        .to_string();
    assert!(error.contains("u8"), "{error}");
    let error = serde_json::from_str::<SmallError>(r#""40000""#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("does not fit in i16"), "{error}");
}

#[test]
fn formats_that_are_not_self_describing_carry_the_declared_type() {
    for value in [RpcError::MethodNotFound, RpcError::Unknown(-9)] {
        let bytes = bincode::serialize(&value).unwrap();
        assert_eq!(bytes, value.code().to_le_bytes());
        assert_eq!(bincode::deserialize::<RpcError>(&bytes).unwrap(), value);
    }
    let bytes = bincode::serialize(&EdgeError::Min).unwrap();
    assert_eq!(bytes, i64::MIN.to_le_bytes());
    assert_eq!(
        bincode::deserialize::<EdgeError>(&bytes).unwrap(),
        EdgeError::Min
    );
    let bytes = bincode::serialize(&SmallError::Below).unwrap();
    assert_eq!(
        bincode::deserialize::<SmallError>(&bytes).unwrap(),
        SmallError::Below
    );
}

#[test]
fn nested_and_reused_tables_share_the_code_type() {
    let flat = every_code::<i32, ToolError>();
    assert_eq!(flat.len(), 1 + RpcError::ENTRIES.len());
    assert_eq!(&flat[..3], &[1001, -32602, -32700]);
    assert_eq!(ToolError::Rpc(RpcError::RateLimited).code(), -32003);
    assert!(matches!(
        ToolError::from_code(-32602),
        Some(ToolError::BadArgument { .. })
    ));
    assert_eq!(
        ToolError::from_code(-32601),
        Some(ToolError::Rpc(RpcError::MethodNotFound))
    );
    assert_eq!(ToolError::from(RpcError::ServerBusy).http_status(), 503);
    let boxed: Box<dyn ApiError<i32>> = Box::new(ToolError::ToolFailed);
    assert_eq!((boxed.code(), boxed.message()), (1001, "ToolFailed"));
}

#[test]
fn exports_write_negative_and_wide_codes() {
    let json = apicode::table::json::<WeChatError>();
    assert!(
        json.starts_with(r#"[{"code":-1,"message":"SystemBusy","#),
        "{json}"
    );
    let markdown = apicode::table::markdown::<LedgerError>();
    assert!(
        markdown.contains("| -9223372036854775807 | Floor | 400 | The smallest code but one |"),
        "{markdown}"
    );
    let entries = serde_json::to_value(RpcError::ENTRIES).unwrap();
    assert_eq!(entries[0]["code"], -32700);
}

#[test]
fn generic_code_over_u32_tables_is_unchanged() {
    // Written for u32 tables before code types existed: `ApiError + CodeTable` mean u32.
    fn describe<E: ApiError + CodeTable>(error: &E) -> (u32, &'static str, usize) {
        (error.code(), error.message(), E::ENTRIES.len())
    }
    let sms = apicode_sms::SmsError::LimitExceed;
    assert_eq!(describe(&sms), (105300, "LimitExceed", 25));
    let boxed: Box<dyn ApiError> = Box::new(sms);
    assert_eq!(boxed.code(), 105_300_u32);
}

//! The wire format declared once, on both sides, over loopback: for each reference shape the
//! table declares with `#[api_error(wire(...))]` (Unimatrix's `{"code": "104202", ...}` under
//! the code's status, WeChat's `errcode`/`errmsg` under 200, RFC 9457 problem+json, and an
//! error nested in `{"error": {...}}`), an axum and an actix-web service answer the same bytes,
//! and both HTTP clients read those answers back with `api_result::<T, E>()`, nothing
//! configured at the call site: successes (plain handler bodies and envelopes), errors, and a
//! code outside the table.

use apicode::client::reqwest::ResponseExt as _;
use apicode::client::ureq::ResponseExt as _;
use apicode::client::{ClientErrorKind, Reader};
use apicode::{ApiError, ApiTable};
use apicode_sms::SmsError;
use apicode_tests::actix::ActixServer;
use apicode_tests::gateway::Server;
use axum::Router;
use axum::routing::get;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------------------------
// The shapes.

/// WeChat's: every answer a 200, errors told by `errcode`, a success's data beside it.
#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(
    status = 400,
    wire(code = "errcode", message = "errmsg", status = 200, success = 0, data = flattened)
)]
enum WeChatError {
    /// ok
    #[code(0, "ok", status = 200)]
    Ok,
    /// The app secret is wrong, or the access token is invalid
    #[code(40001, "invalid credential", status = 401)]
    InvalidCredential,
    /// The grant type is invalid
    #[code(40002, "invalid grant_type")]
    InvalidGrantType,
    #[code(other)]
    Unknown(u32),
}

/// RFC 9457 problem details, under each code's status.
#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(wire(problem))]
enum StoreError {
    /// The item is out of stock
    #[code(1001, "OutOfStock", status = 409)]
    #[error("{item} is out of stock")]
    OutOfStock { item: String },
    /// The store is closed for maintenance
    #[code(1002, "Closed", status = 503)]
    Closed,
    #[code(other)]
    Unknown(u32),
}

/// An error nested in one member, with signed codes: `{"error": {"code": -32001, ...}}`.
#[derive(Debug, Clone, PartialEq, Eq, ApiError)]
#[api_error(code = i32, wire(nest = "error"))]
enum NestedError {
    /// The quota is exhausted
    #[code(-32001, "QuotaExhausted", status = 429)]
    QuotaExhausted,
    /// No such document
    #[code(-32004, "NotFound", status = 404)]
    NotFound,
    #[code(other)]
    Unknown(i32),
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
struct Token {
    access_token: String,
    expires_in: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, Deserialize)]
struct Sent {
    recipients: u32,
}

// ---------------------------------------------------------------------------------------------
// The services: one handler per answer, written the natural way, in both frameworks. A handler
// returns `Result<Json<T>, E>`: the error's answer is the table's business.

/// What a route answers: a success body, or an error of one of the tables.
enum Outcome {
    Json(Value),
    Sms(SmsError),
    WeChat(WeChatError),
    Store(StoreError),
    Nested(NestedError),
}

/// Every route of both services.
fn outcome(path: &str) -> Outcome {
    match path {
        // Unimatrix: the envelope with data, a plain handler's body, errors under their status.
        "/sms/ok" => {
            Outcome::Json(json!({"code": "0", "message": "Success", "data": {"recipients": 2}}))
        }
        "/sms/plain" => Outcome::Json(json!({"recipients": 3})),
        "/sms/phone" => Outcome::Sms(SmsError::InvalidPhoneNumbers),
        "/sms/limit" => Outcome::Sms(SmsError::LimitExceed),
        "/sms/unknown" => Outcome::Sms(SmsError::Unknown(199_999)),
        // WeChat: a success with the code, one without, errors under 200.
        "/wechat/ok" => Outcome::Json(
            json!({"errcode": 0, "errmsg": "ok", "access_token": "T0k", "expires_in": 7200}),
        ),
        "/wechat/plain" => Outcome::Json(json!({"access_token": "T0k", "expires_in": 7200})),
        "/wechat/credential" => Outcome::WeChat(WeChatError::InvalidCredential),
        "/wechat/grant" => Outcome::WeChat(WeChatError::InvalidGrantType),
        "/wechat/unknown" => Outcome::WeChat(WeChatError::Unknown(50002)),
        // Problem details.
        "/store/ok" => Outcome::Json(json!({"recipients": 1})),
        "/store/stock" => Outcome::Store(StoreError::OutOfStock { item: "tea".into() }),
        "/store/closed" => Outcome::Store(StoreError::Closed),
        "/store/unknown" => Outcome::Store(StoreError::Unknown(7)),
        // Nested.
        "/nested/ok" => Outcome::Json(json!({"recipients": 4})),
        "/nested/quota" => Outcome::Nested(NestedError::QuotaExhausted),
        "/nested/missing" => Outcome::Nested(NestedError::NotFound),
        "/nested/unknown" => Outcome::Nested(NestedError::Unknown(-1)),
        _ => Outcome::Json(json!({"unexpected": path})),
    }
}

const PATHS: &[&str] = &[
    "/sms/ok",
    "/sms/plain",
    "/sms/phone",
    "/sms/limit",
    "/sms/unknown",
    "/wechat/ok",
    "/wechat/plain",
    "/wechat/credential",
    "/wechat/grant",
    "/wechat/unknown",
    "/store/ok",
    "/store/stock",
    "/store/closed",
    "/store/unknown",
    "/nested/ok",
    "/nested/quota",
    "/nested/missing",
    "/nested/unknown",
];

fn axum_service() -> Server {
    use axum::Json;
    use axum::response::{IntoResponse, Response};

    fn answer<E: IntoResponse>(result: Result<Json<Value>, E>) -> Response {
        result.into_response()
    }
    async fn route(uri: axum::http::Uri) -> Response {
        match outcome(uri.path()) {
            Outcome::Json(value) => Json(value).into_response(),
            Outcome::Sms(error) => answer(Err(error)),
            Outcome::WeChat(error) => answer(Err(error)),
            Outcome::Store(error) => answer(Err(error)),
            Outcome::Nested(error) => answer(Err(error)),
        }
    }
    let router = PATHS
        .iter()
        .fold(Router::new(), |router, path| router.route(path, get(route)));
    Server::start_router("127.0.0.1:0", router).expect("the axum service starts")
}

/// The same routes on actix-web.
fn actix_service() -> ActixServer {
    use actix_web::{App, HttpRequest, HttpResponse, web};

    fn answer<E: actix_web::ResponseError + 'static>(
        result: Result<web::Json<Value>, E>,
    ) -> actix_web::Result<HttpResponse> {
        Ok(HttpResponse::Ok().json(result?.0))
    }
    async fn route(request: HttpRequest) -> actix_web::Result<HttpResponse> {
        match outcome(request.path()) {
            Outcome::Json(value) => Ok(HttpResponse::Ok().json(value)),
            Outcome::Sms(error) => answer(Err(error)),
            Outcome::WeChat(error) => answer(Err(error)),
            Outcome::Store(error) => answer(Err(error)),
            Outcome::Nested(error) => answer(Err(error)),
        }
    }
    ActixServer::start(|| App::new().default_service(web::to(route)))
}

// ---------------------------------------------------------------------------------------------
// The clients.

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// An answer as it travelled: status, content type, body.
#[derive(Debug, PartialEq)]
struct Wire {
    status: u16,
    content_type: String,
    body: Value,
}

async fn fetch(url: &str) -> Wire {
    let response = reqwest::get(url).await.expect("the service answers");
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|value| value.to_str().unwrap().to_owned())
        .unwrap_or_default();
    let body = response.json().await.expect("a JSON body");
    Wire {
        status,
        content_type,
        body,
    }
}

/// `url` read by reqwest and by ureq with `api_result::<T, E>()`, nothing configured; the two
/// must agree.
async fn typed<T, E>(url: &str) -> Result<Result<T, E>, ClientErrorKind>
where
    T: DeserializeOwned + PartialEq + std::fmt::Debug,
    E: ApiTable + DeserializeOwned + PartialEq,
{
    let by_reqwest = reqwest::get(url)
        .await
        .expect("the service answers")
        .api_result::<T, E>()
        .await
        .map_err(|error| error.kind());
    let by_ureq = agent()
        .get(url)
        .call()
        .expect("the service answers")
        .api_result::<T, E>()
        .map_err(|error| error.kind());
    assert!(
        by_reqwest == by_ureq,
        "{url}: reqwest {by_reqwest:?}, ureq {by_ureq:?}"
    );
    by_ureq
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[tokio::test]
async fn axum_and_actix_web_answer_each_error_in_its_table_s_wire_format() {
    let axum = axum_service();
    let actix = actix_service();
    let expected = [
        (
            "/sms/phone",
            400,
            "application/json",
            json!({"code": "107111", "message": "InvalidPhoneNumbers",
                   "detail": "Invalid phone number"}),
        ),
        (
            "/sms/unknown",
            500,
            "application/json",
            json!({"code": "199999", "message": "Unknown",
                   "detail": "An error code outside this table"}),
        ),
        (
            "/wechat/credential",
            200,
            "application/json",
            json!({"errcode": 40001, "errmsg": "invalid credential"}),
        ),
        (
            "/wechat/unknown",
            200,
            "application/json",
            json!({"errcode": 50002, "errmsg": "Unknown"}),
        ),
        (
            "/store/stock",
            409,
            "application/problem+json",
            json!({"type": "about:blank", "title": "Conflict", "status": 409,
                   "detail": "tea is out of stock", "code": 1001, "message": "OutOfStock"}),
        ),
        (
            "/store/closed",
            503,
            "application/problem+json",
            json!({"type": "about:blank", "title": "Service Unavailable", "status": 503,
                   "detail": "The store is closed for maintenance", "code": 1002,
                   "message": "Closed"}),
        ),
        (
            "/nested/quota",
            429,
            "application/json",
            json!({"error": {"code": -32001, "message": "QuotaExhausted"}}),
        ),
    ];
    for (path, status, content_type, body) in expected {
        let want = Wire {
            status,
            content_type: content_type.into(),
            body,
        };
        assert_eq!(
            fetch(&format!("{}{}", axum.url(), path)).await,
            want,
            "axum {path}"
        );
        assert_eq!(fetch(&actix.url(path)).await, want, "actix-web {path}");
    }
}

#[tokio::test]
async fn the_client_reads_every_shape_with_nothing_configured_at_the_call_site() {
    let axum = axum_service();
    let actix = actix_service();
    for base in [axum.url(), actix.url("")] {
        let url = |path: &str| format!("{base}{path}");

        // Unimatrix: the envelope's data, a plain handler's body, errors, the catch-all.
        let sent = Sent { recipients: 2 };
        assert_eq!(typed::<Sent, SmsError>(&url("/sms/ok")).await, Ok(Ok(sent)));
        let plain = Sent { recipients: 3 };
        assert_eq!(
            typed::<Sent, SmsError>(&url("/sms/plain")).await,
            Ok(Ok(plain))
        );
        assert_eq!(
            typed::<Sent, SmsError>(&url("/sms/phone")).await,
            Ok(Err(SmsError::InvalidPhoneNumbers))
        );
        assert_eq!(
            typed::<Sent, SmsError>(&url("/sms/limit")).await,
            Ok(Err(SmsError::LimitExceed))
        );
        assert_eq!(
            typed::<Sent, SmsError>(&url("/sms/unknown")).await,
            Ok(Err(SmsError::Unknown(199_999)))
        );

        // WeChat: a 200 is a success or an error by its code.
        let token = Token {
            access_token: "T0k".into(),
            expires_in: 7200,
        };
        for path in ["/wechat/ok", "/wechat/plain"] {
            assert_eq!(
                typed::<Token, WeChatError>(&url(path)).await,
                Ok(Ok(token.clone())),
                "{path}"
            );
        }
        assert_eq!(
            typed::<Token, WeChatError>(&url("/wechat/credential")).await,
            Ok(Err(WeChatError::InvalidCredential))
        );
        assert_eq!(
            typed::<Token, WeChatError>(&url("/wechat/grant")).await,
            Ok(Err(WeChatError::InvalidGrantType))
        );
        assert_eq!(
            typed::<Token, WeChatError>(&url("/wechat/unknown")).await,
            Ok(Err(WeChatError::Unknown(50002)))
        );

        // Problem details.
        assert_eq!(
            typed::<Sent, StoreError>(&url("/store/ok")).await,
            Ok(Ok(Sent { recipients: 1 }))
        );
        assert_eq!(
            typed::<Sent, StoreError>(&url("/store/stock")).await,
            // The code is the table's; the fields of a variant are not on the wire.
            Ok(Err(StoreError::OutOfStock {
                item: String::new()
            }))
        );
        assert_eq!(
            typed::<Sent, StoreError>(&url("/store/closed")).await,
            Ok(Err(StoreError::Closed))
        );
        assert_eq!(
            typed::<Sent, StoreError>(&url("/store/unknown")).await,
            Ok(Err(StoreError::Unknown(7)))
        );

        // Nested, signed codes.
        assert_eq!(
            typed::<Sent, NestedError>(&url("/nested/ok")).await,
            Ok(Ok(Sent { recipients: 4 }))
        );
        assert_eq!(
            typed::<Sent, NestedError>(&url("/nested/quota")).await,
            Ok(Err(NestedError::QuotaExhausted))
        );
        assert_eq!(
            typed::<Sent, NestedError>(&url("/nested/missing")).await,
            Ok(Err(NestedError::NotFound))
        );
        assert_eq!(
            typed::<Sent, NestedError>(&url("/nested/unknown")).await,
            Ok(Err(NestedError::Unknown(-1)))
        );
    }
}

#[tokio::test]
async fn a_reader_of_another_wire_does_not_mistake_the_answers() {
    let axum = axum_service();
    // WeChat's errors under 200 read with the default member names: not a success, since the
    // body is no `Token`.
    let url = format!("{}{}", axum.url(), "/wechat/credential");
    let read = reqwest::get(&url)
        .await
        .unwrap()
        .api_result_with::<Token, WeChatError>(&Reader::new())
        .await;
    assert_eq!(read.unwrap_err().kind(), ClientErrorKind::Data);
    // With a reader that requires the code, the answer has none where it looks.
    let read = reqwest::get(&url)
        .await
        .unwrap()
        .api_result_with::<Token, WeChatError>(&Reader::new().code_required())
        .await;
    assert_eq!(read.unwrap_err().kind(), ClientErrorKind::MissingCode);
    // A nested error read without the nest: no code at the top, and a 429 is no success.
    let url = format!("{}{}", axum.url(), "/nested/quota");
    let read = reqwest::get(&url)
        .await
        .unwrap()
        .api_result_with::<Sent, NestedError>(&Reader::new())
        .await;
    assert_eq!(read.unwrap_err().kind(), ClientErrorKind::MissingCode);
}

#[test]
fn the_table_s_reader_is_its_wire_and_the_exports_describe_it() {
    use apicode::CodeTable;

    let wechat = Reader::of::<WeChatError>();
    assert_eq!(wechat.wire(), &WeChatError::WIRE);
    assert_eq!(wechat.wire().code_member(), "errcode");
    assert_eq!(wechat.wire().success(), Some(0));
    // The Unimatrix body, with the human text the SMS table's translations replace.
    assert_eq!(Reader::of::<SmsError>(), Reader::new().detail("detail"));
    assert!(Reader::of::<StoreError>().wire().is_problem());

    let markdown = apicode::table::markdown::<WeChatError>();
    assert!(
        markdown.starts_with(
            "Errors answer `{\"errcode\": <code>, \"errmsg\": <message>}` under HTTP 200, \
             application/json.\n\n| code |"
        ),
        "{markdown}"
    );
    let markdown = apicode::table::markdown::<StoreError>();
    assert!(
        markdown.starts_with(
            "Errors answer RFC 9457 problem details with `code` and `message` members under \
             the code's HTTP status, application/problem+json.\n\n"
        ),
        "{markdown}"
    );
    let wire: Value = serde_json::from_str(&apicode::table::wire_json::<NestedError>()).unwrap();
    assert_eq!(
        wire,
        json!({"form": "envelope", "code": "code", "message": "message", "nest": "error",
               "data": "data", "status": null, "success": null, "code_required": false,
               "content_type": "application/json"})
    );
}

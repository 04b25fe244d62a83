//! Translations chosen per request: the SMS reference table in Simplified Chinese, and a table
//! whose translations take its fields as Fluent arguments. Only the human text changes with the
//! language; the code and the message name never do.

use apicode::ApiError;
use apicode::locale::Localized;
use apicode_sms::SmsError;

/// A store's errors, translated into Chinese and French in `fixtures/locale`, as `$name`
/// with the table attributes `$table`: the same three codes on each wire below.
macro_rules! store_table {
    ($(#[$doc:meta])* $name:ident, $($table:tt)*) => {
        $(#[$doc])*
        #[derive(Debug, ApiError)]
        #[api_error(locales("zh-CN", "fr"), locale_dir = "fixtures/locale", $($table)*)]
        enum $name {
            /// The item is out of stock
            #[code(1001, "OutOfStock", status = 409)]
            #[error("{item} is out of stock")]
            OutOfStock { item: String },
            /// The store is closed for maintenance
            #[code(1002, "Closed", status = 503)]
            Closed,
            /// The storage failed
            #[code(1003, "Storage", status = 503)]
            #[error("disk {path} is full")]
            Storage { path: String },
        }
    };
}

store_table!(
    /// The errors in the default wire, which carries no human text.
    StoreError,
    status = 400
);

#[test]
fn the_sms_table_answers_in_chinese_to_zh_cn_and_in_english_otherwise() {
    let error = SmsError::LimitExceed;
    let chinese = error.localized("zh-CN");
    assert_eq!(chinese.language, "zh-CN");
    assert!(
        chinese.text.starts_with("超出发送频率限制"),
        "{}",
        chinese.text
    );
    // A browser's list: the best declared match, by quality.
    assert_eq!(
        error.localized("fr-CH, fr;q=0.9, zh-CN;q=0.8").language,
        "zh-CN"
    );
    // By language alone: `zh` and `zh-TW` find the table's `zh-CN`.
    assert_eq!(error.localized("zh").language, "zh-CN");
    assert_eq!(error.localized("zh-TW").language, "zh-CN");
    // Nothing declared matches: the table's own text, in English.
    for accept in ["en-US, en;q=0.9", "de", "", "*", "zh-CN;q=0"] {
        let english = error.localized(accept);
        assert_eq!(english.language, "en", "{accept:?}");
        assert_eq!(english.text, error.to_string(), "{accept:?}");
    }
    // The code and the message name never change.
    assert_eq!(error.code(), 105_300);
    assert_eq!(error.message(), "LimitExceed");
    assert_eq!(
        SmsError::bundles().negotiated("en;q=0.5, zh-Hans-CN"),
        Some("zh-CN")
    );
}

#[test]
fn every_sms_code_has_its_chinese_text() {
    use apicode::CodeTable;
    for entry in SmsError::ENTRIES {
        let error = SmsError::from(entry.code);
        let chinese = error.localized("zh-CN");
        assert_eq!(chinese.language, "zh-CN", "{}", entry.message);
        assert!(
            !chinese.text.is_ascii(),
            "{}: {:?} is not Chinese",
            entry.message,
            chinese.text
        );
    }
}

#[test]
fn fields_are_the_arguments_of_a_translation() {
    let error = StoreError::OutOfStock { item: "tea".into() };
    assert_eq!(error.localized("zh-CN").text, "tea 已售罄");
    assert_eq!(error.localized("fr").text, "tea est en rupture de stock");
    assert_eq!(error.localized("en").text, "tea is out of stock");
    // From 500 on the fallback is the detail, never the Display with its source's text; the
    // translation is written for clients, and names no field.
    let storage = StoreError::Storage {
        path: "/dev/sdb1".into(),
    };
    assert_eq!(storage.localized("de").text, "The storage failed");
    assert_eq!(storage.localized("fr").text, "Le stockage est indisponible");
    assert_eq!(
        StoreError::Closed.localized("zh").text,
        "商店维护中，暂停营业"
    );
}

store_table!(
    /// The same errors on a wire whose body carries the human text.
    ShopError,
    status = 400,
    wire(detail = "detail")
);

/// The middleware of the axum tests: each answer rendered again in the request's
/// `Accept-Language`, as a service layers it.
async fn localize(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let accept = apicode::locale::accept_language(request.headers());
    apicode::locale::localize_response(&accept, next.run(request).await)
}

#[tokio::test]
async fn axum_answers_in_the_language_the_request_asks_for() {
    use axum::Router;
    use axum::middleware::from_fn;
    use axum::routing::get;

    let router = Router::new()
        .route(
            "/stock",
            get(|| async { ShopError::OutOfStock { item: "tea".into() } }),
        )
        .route(
            "/storage",
            get(|| async {
                ShopError::Storage {
                    path: "/dev/sdb1".into(),
                }
            }),
        )
        .layer(from_fn(localize));
    let server = apicode_tests::gateway::Server::start_router("127.0.0.1:0", router).unwrap();
    let client = reqwest::Client::new();
    let fetch = |path: &'static str, accept: Option<&'static str>| {
        let mut request = client.get(format!("{}{path}", server.url()));
        if let Some(accept) = accept {
            request = request.header("accept-language", accept);
        }
        async move {
            let response = request.send().await.unwrap();
            let language = response
                .headers()
                .get("content-language")
                .map(|value| value.to_str().unwrap().to_owned());
            let body: serde_json::Value = response.json().await.unwrap();
            (language, body)
        }
    };
    let (language, body) = fetch("/stock", Some("zh-CN")).await;
    assert_eq!(language.as_deref(), Some("zh-CN"));
    assert_eq!(
        body,
        serde_json::json!({"code": 1001, "message": "OutOfStock", "detail": "tea 已售罄"})
    );
    let (language, body) = fetch("/stock", Some("fr-CA, en;q=0.5")).await;
    assert_eq!(language.as_deref(), Some("fr"));
    assert_eq!(body["detail"], "tea est en rupture de stock");
    let (language, body) = fetch("/stock", None).await;
    assert_eq!(language.as_deref(), Some("en"));
    assert_eq!(body["detail"], "tea is out of stock");
    // A 5xx in English says the detail, never the source's text.
    let (_, body) = fetch("/storage", Some("de")).await;
    assert_eq!(body["detail"], "The storage failed");
    let (_, body) = fetch("/storage", Some("zh")).await;
    assert_eq!(body["detail"], "存储不可用");
}

#[test]
fn grpc_answers_in_the_language_of_the_request_metadata() {
    use tonic_types::StatusExt as _;

    let mut metadata = tonic::metadata::MetadataMap::new();
    metadata.insert("accept-language", "zh-CN,en;q=0.5".parse().unwrap());
    let status = apicode::locale::localized_status(&SmsError::LimitExceed, &metadata);
    assert!(
        status.message().starts_with("超出发送频率限制"),
        "{}",
        status.message()
    );
    let details = status.get_error_details();
    let localized = details.localized_message().expect("a LocalizedMessage");
    assert_eq!(localized.locale, "zh-CN");
    assert_eq!(localized.message, status.message());
    // The code travels unchanged, in the ErrorInfo.
    assert_eq!(details.error_info().unwrap().metadata["code"], "105300");

    let english = apicode::locale::localized_status(
        &SmsError::LimitExceed,
        &tonic::metadata::MetadataMap::new(),
    );
    assert_eq!(english.message(), SmsError::LimitExceed.to_string());
    assert_eq!(
        english
            .get_error_details()
            .localized_message()
            .unwrap()
            .locale,
        "en"
    );
}

/// A table that reuses an SMS entry: the derive cannot see that entry's message, the helper can.
#[derive(Debug, ApiError)]
#[api_error(locales("zh-CN"), locale_dir = "fixtures/locale-composed")]
enum GatewayError {
    #[code(SmsError::LimitExceed)]
    LimitExceed,
    /// The queue is full
    #[code(200_001, "QueueFull", status = 503)]
    QueueFull,
}

#[test]
fn the_check_helper_sees_the_entries_other_tables_give() {
    apicode::locale::check::<SmsError>();
    apicode::locale::check::<StoreError>();
    let gaps = std::panic::catch_unwind(apicode::locale::check::<GatewayError>)
        .expect_err("the reused entry has no translation");
    let gaps = gaps.downcast_ref::<String>().expect("a message");
    assert_eq!(gaps, "zh-CN: no translation of LimitExceed (105300)");
}

store_table!(
    /// The same errors as problem details.
    ProblemError,
    wire(problem)
);

#[tokio::test]
async fn problem_details_are_answered_in_the_request_s_language() {
    use axum::Router;
    use axum::middleware::from_fn;
    use axum::routing::get;

    let router = Router::new()
        .route(
            "/stock",
            get(|| async { ProblemError::OutOfStock { item: "tea".into() } }),
        )
        .layer(from_fn(localize));
    let server = apicode_tests::gateway::Server::start_router("127.0.0.1:0", router).unwrap();
    let response = reqwest::Client::new()
        .get(format!("{}/stock", server.url()))
        .header("accept-language", "zh")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409);
    assert_eq!(response.headers()["content-language"], "zh-CN");
    assert_eq!(
        response.headers()["content-type"],
        "application/problem+json"
    );
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body,
        serde_json::json!({"type": "about:blank", "title": "Conflict", "status": 409,
                           "detail": "tea 已售罄", "code": 1001, "message": "OutOfStock"})
    );
}

#[test]
fn actix_web_answers_in_the_request_s_language() {
    use actix_web::body::MessageBody;
    use actix_web::dev::{ServiceRequest, ServiceResponse};
    use actix_web::middleware::{Next, from_fn};
    use actix_web::{App, HttpResponse, test, web};

    async fn localize(
        request: ServiceRequest,
        next: Next<impl MessageBody + 'static>,
    ) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
        let accept = apicode::locale::accept_language_actix(request.headers());
        Ok(apicode::locale::localize_actix::<ShopError, _>(
            &accept,
            next.call(request).await?,
        ))
    }
    async fn stock() -> Result<HttpResponse, ShopError> {
        Err(ShopError::OutOfStock { item: "tea".into() })
    }

    actix_web::rt::System::new().block_on(async {
        let app = test::init_service(
            App::new()
                .wrap(from_fn(localize))
                .route("/stock", web::get().to(stock)),
        )
        .await;
        let request = test::TestRequest::get()
            .uri("/stock")
            .insert_header(("accept-language", "fr"))
            .to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.status(), 409);
        assert_eq!(response.headers().get("content-language").unwrap(), "fr");
        let body: serde_json::Value = test::read_body_json(response).await;
        assert_eq!(
            body,
            serde_json::json!({"code": 1001, "message": "OutOfStock",
                               "detail": "tea est en rupture de stock"})
        );
        // Without a header, the table's own text, in English.
        let request = test::TestRequest::get().uri("/stock").to_request();
        let response = test::call_service(&app, request).await;
        assert_eq!(response.headers().get("content-language").unwrap(), "en");
    });
}

/// A refusal of the gateway: its access key id is not the configured one.
fn refused_send(server: &apicode_tests::gateway::Server) -> String {
    format!(
        "{}/?action=sms.message.send&accessKeyId=not-the-key",
        server.url()
    )
}

/// A runtime for the clients, dropped before the servers so that no connection outlives it.
fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn the_gateway_answers_in_the_request_s_language_and_the_clients_read_it() {
    use apicode::client::reqwest::ResponseExt as _;
    use apicode_tests::gateway::{Config, Server};

    let server = Server::start(Config::new("127.0.0.1:0", "key")).unwrap();
    let body = serde_json::json!({"to": "+12065550100", "signature": "Acme", "text": "hi"});
    let answer = client_runtime().block_on(async {
        reqwest::Client::new()
            .post(refused_send(&server))
            .header("accept-language", "zh-CN,zh;q=0.9,en;q=0.8")
            .json(&body)
            .send()
            .await
            .unwrap()
            .api_answer::<serde_json::Value, SmsError>()
            .await
    });
    // The code and the message name are the table's, whatever the language.
    assert_eq!(
        answer.result.unwrap().unwrap_err(),
        SmsError::InvalidAccessKeyId
    );
    assert_eq!(answer.text.as_deref(), Some("AccessKeyId 无效"));
    assert_eq!(answer.language.as_deref(), Some("zh-CN"));

    // Without Accept-Language, in English; ureq reads the same members.
    let answer = {
        use apicode::client::ureq::ResponseExt as _;
        ureq::post(refused_send(&server))
            .config()
            .http_status_as_error(false)
            .build()
            .send_json(&body)
            .unwrap()
            .api_answer::<serde_json::Value, SmsError>()
    };
    assert_eq!(
        answer.result.unwrap().unwrap_err(),
        SmsError::InvalidAccessKeyId
    );
    assert_eq!(answer.text.as_deref(), Some("Invalid AccessKeyId"));
    assert_eq!(answer.language.as_deref(), Some("en"));
}

#[test]
fn the_grpc_service_answers_in_the_language_of_the_call_s_metadata() {
    use apicode::grpc::FromStatus as _;
    use apicode_tests::gateway::Config;
    use apicode_tests::grpc::proto::SendMessageRequest;
    use apicode_tests::grpc::proto::sms_client::SmsClient;
    use tonic_types::StatusExt as _;

    let call = |accept: Option<&'static str>| {
        let mut request = tonic::Request::new(SendMessageRequest::default());
        request
            .metadata_mut()
            .insert("access-key-id", "not-the-key".parse().unwrap());
        if let Some(accept) = accept {
            request
                .metadata_mut()
                .insert("accept-language", accept.parse().unwrap());
        }
        request
    };
    let server = apicode_tests::grpc::start(Config::new("127.0.0.1:0", "key")).unwrap();
    let (chinese, english) = client_runtime().block_on(async {
        let mut client = SmsClient::connect(server.url()).await.unwrap();
        let chinese = client.send_message(call(Some("zh-CN"))).await.unwrap_err();
        let english = client.send_message(call(None)).await.unwrap_err();
        (chinese, english)
    });
    assert_eq!(chinese.message(), "AccessKeyId 无效");
    let details = chinese.get_error_details();
    assert_eq!(details.localized_message().unwrap().locale, "zh-CN");
    assert_eq!(
        SmsError::from_status(&chinese),
        Ok(SmsError::InvalidAccessKeyId)
    );

    assert_eq!(english.message(), "Invalid AccessKeyId");
    assert_eq!(
        english
            .get_error_details()
            .localized_message()
            .unwrap()
            .locale,
        "en"
    );
    assert_eq!(
        SmsError::from_status(&english),
        Ok(SmsError::InvalidAccessKeyId)
    );
}

/// A table whose French file holds every form a translation takes (`fixtures/locale-forms`).
#[derive(Debug, ApiError)]
#[api_error(status = 400, locales("fr"), locale_dir = "fixtures/locale-forms")]
enum FormsError {
    /// One line
    #[code(1, "OneLine")]
    OneLine,
    /// Several lines
    #[code(2, "Multiline")]
    Multiline,
    /// A literal
    #[code(3, "Literal")]
    Literal,
    /// A term
    #[code(4, "Term")]
    Term,
    /// An argument
    #[code(5, "Argument")]
    #[error("item {item} is missing")]
    Argument { item: String },
    /// Attributes alone
    #[code(6, "Attribute")]
    Attribute,
    #[code(other)]
    Other(u32),
}

/// What Fluent itself formats for `error` from `source`, the way the runtime's bundles are
/// set up (no isolation marks); `None` for a message without a value.
fn fluent_text<E: Localized>(error: &E, locale: &str, source: &str) -> Option<String> {
    use fluent_bundle::{FluentBundle, FluentResource};
    let resource = FluentResource::try_new(source.to_owned()).expect("the derive parsed it");
    let mut bundle = FluentBundle::new(vec![locale.parse().expect("a language tag")]);
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .expect("no duplicate messages");
    let pattern = bundle.get_message(error.message())?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&error.fluent_args()), &mut errors);
    assert!(errors.is_empty(), "{errors:?}");
    Some(text.into_owned())
}

#[test]
fn texts_answered_without_the_bundle_are_those_fluent_formats() {
    let source = include_str!("../fixtures/locale-forms/fr.ftl");
    let errors = [
        FormsError::OneLine,
        FormsError::Multiline,
        FormsError::Literal,
        FormsError::Term,
        FormsError::Argument {
            item: "pomme".into(),
        },
        FormsError::Attribute,
        FormsError::Other(77),
    ];
    for error in &errors {
        let localized = error.localized("fr");
        if let Some(text) = fluent_text(error, "fr", source) {
            assert_eq!(localized.text, text, "{error:?}");
            assert_eq!(localized.language, "fr", "{error:?}");
        } else {
            assert_eq!(localized.text, error.to_string(), "{error:?}");
            assert_eq!(localized.language, "en", "{error:?}");
        }
    }
    // Text alone is written by the derive; a placeable of any kind goes through Fluent.
    let written: Vec<bool> = errors.iter().map(|e| e.plain_text(0).is_some()).collect();
    assert_eq!(written, [true, true, false, false, false, false, true]);
    assert_eq!(
        FormsError::Multiline.localized("fr").text,
        "Première ligne,\nseconde ligne\n  indentée."
    );
    assert_eq!(
        FormsError::Term.localized("fr").text,
        "Le magasin est fermé"
    );
    assert_eq!(
        FormsError::Literal.localized("fr").text,
        "Une accolade { littérale"
    );
}

#[test]
fn every_sms_translation_is_what_fluent_formats() {
    use apicode::CodeTable;
    let source = include_str!("../../sms/locales/zh-CN.ftl");
    let codes = SmsError::ENTRIES.iter().map(|entry| entry.code);
    for error in codes.chain([9_999_999]).map(SmsError::from) {
        let expected = fluent_text(&error, "zh-CN", source);
        let localized = error.localized("zh-CN");
        assert_eq!(
            Some(localized.text.as_ref()),
            expected.as_deref(),
            "{error:?}"
        );
        // Every SMS translation is text alone: none is looked up in the bundle.
        assert!(error.plain_text(0).is_some(), "{error:?}");
    }
}

#[test]
fn the_tables_own_text_is_borrowed_when_the_display_is_the_detail() {
    use std::borrow::Cow;
    // No declared locale matches `de`: the table's own text, its `Display` below 500.
    let own = FormsError::OneLine.localized("de");
    assert_eq!(own.text, FormsError::OneLine.to_string());
    assert_eq!(own.text, FormsError::OneLine.detail());
    assert!(matches!(own.text, Cow::Borrowed(_)), "{own:?}");
    let argument = FormsError::Argument {
        item: "pomme".into(),
    };
    let formatted = argument.localized("de");
    assert_eq!(formatted.text, "item pomme is missing");
    assert!(matches!(formatted.text, Cow::Owned(_)), "{formatted:?}");
    let unknown = FormsError::Other(77).localized("de");
    assert_eq!(unknown.text, FormsError::Other(77).to_string());
    assert!(unknown.text.contains("77"), "{unknown:?}");
    assert_eq!(
        [
            FormsError::OneLine.display_is_detail(),
            argument.display_is_detail(),
            FormsError::Other(77).display_is_detail(),
        ],
        [true, false, false]
    );
}

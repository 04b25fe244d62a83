//! How long the `utoipa` and `aide` integrations take to build the OpenAPI document of a
//! table, and how many bytes of JSON it is.
//!
//! ```text
//! cd bench/openapi && cargo run --release            # --samples N (default 21)
//! ```
//!
//! Each figure is the median of `N` builds of one operation's document whose only responses are
//! the table's: utoipa's `IntoResponses::responses` and `ToSchema::schemas` (what
//! `#[derive(OpenApi)]` calls), and aide's `ApiRouter::finish_api` over one route. The size is
//! the document serialized by `serde_json::to_vec`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use aide::axum::ApiRouter;
use aide::axum::routing::post;
use apicode::CodeTable;
use axum::response::NoContent;
use utoipa::openapi::path::{HttpMethod, OperationBuilder, PathItem};
use utoipa::openapi::{ComponentsBuilder, OpenApiBuilder, PathsBuilder, ResponsesBuilder};
use utoipa::{IntoResponses, ToSchema};

macro_rules! table {
    ($module:ident, $file:literal) => {
        #[allow(missing_docs, clippy::pedantic, clippy::enum_variant_names)] // generated, as a user would write it
        mod $module {
            include!(concat!(env!("OUT_DIR"), "/", $file));
        }
    };
}

table!(sms_number, "sms_number.rs");
table!(sms_string, "sms_string.rs");
table!(big_number, "big_number.rs");
table!(big_string, "big_string.rs");

/// The document utoipa's derive builds for `responses(T)` and `components(schemas(T))`.
fn utoipa_document<T: IntoResponses + ToSchema>() -> utoipa::openapi::OpenApi {
    let responses = ResponsesBuilder::new().responses_from_into_responses::<T>();
    let operation = OperationBuilder::new().responses(responses).build();
    let mut schemas = Vec::new();
    T::schemas(&mut schemas);
    let components = ComponentsBuilder::new()
        .schema(T::name(), T::schema())
        .schemas_from_iter(schemas)
        .build();
    OpenApiBuilder::new()
        .paths(PathsBuilder::new().path("/", PathItem::new(HttpMethod::Post, operation)))
        .components(Some(components))
        .build()
}

/// The document aide builds for one route that returns `Result<NoContent, T>`.
fn aide_document<T>() -> aide::openapi::OpenApi
where
    T: aide::OperationOutput + axum::response::IntoResponse + Send + 'static,
{
    async fn handler<T>() -> Result<NoContent, T> {
        Ok(NoContent)
    }
    let mut api = aide::openapi::OpenApi::default();
    let _router: axum::Router = ApiRouter::new()
        .api_route("/", post(handler::<T>))
        .finish_api(&mut api);
    api
}

fn median(samples: usize, mut build: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            build();
            start.elapsed()
        })
        .collect();
    times.sort_unstable();
    times[times.len() / 2]
}

fn row<T>(name: &str, samples: usize)
where
    T: CodeTable + IntoResponses + ToSchema,
    T: aide::OperationOutput + axum::response::IntoResponse + Send + 'static,
{
    let utoipa_bytes = serde_json::to_vec(&utoipa_document::<T>()).map_or(0, |json| json.len());
    let aide_bytes = serde_json::to_vec(&aide_document::<T>()).map_or(0, |json| json.len());
    let utoipa_time = median(samples, || {
        black_box(utoipa_document::<T>());
    });
    let aide_time = median(samples, || {
        black_box(aide_document::<T>());
    });
    println!(
        "| {name} | {} | {:.2} ms | {utoipa_bytes} | {:.2} ms | {aide_bytes} |",
        T::ENTRIES.len(),
        utoipa_time.as_secs_f64() * 1e3,
        aide_time.as_secs_f64() * 1e3,
    );
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut samples = 21;
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next().and_then(|n| n.parse().ok())) {
            ("--samples", Some(n)) if n > 0 => samples = n,
            _ => {
                eprintln!("usage: openapi [--samples N]");
                std::process::exit(2);
            }
        }
    }
    println!("| table | codes | utoipa build | utoipa bytes | aide build | aide bytes |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    row::<sms_number::Sms>("SMS, number", samples);
    row::<sms_string::Sms>("SMS, string", samples);
    row::<big_number::Big>("2,001 codes, number", samples);
    row::<big_string::Big>("2,001 codes, string", samples);
}

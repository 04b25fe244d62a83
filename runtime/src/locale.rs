//! The table in its reader's language: translations in Project Fluent files, chosen per request.
//!
//! Available with the `fluent` feature. A table names its locales and the folder of their
//! files, one `<locale>.ftl` per locale, each message keyed by the entry's message name:
//!
//! ```ignore
//! #[derive(Debug, ApiError)]
//! #[api_error(locales("zh-CN"), locale_dir = "locales")]
//! enum SmsError {
//!     /// Invalid phone number: {number}
//!     #[code(107111, "InvalidPhoneNumbers")]
//!     #[error("invalid phone number: {number}")]
//!     InvalidPhoneNumbers { number: String },
//! }
//! // locales/zh-CN.ftl:
//! // InvalidPhoneNumbers = 手机号码无效：{ $number }
//! ```
//!
//! The derive reads the files while it expands and refuses, at the `locales` key, a locale that
//! lacks a translation of one of the table's own codes, a translation of a code the table does
//! not have, and a `{ $argument }` that names no field of its variant. Only the human text
//! changes with the locale: the code and the message name never do.

use std::borrow::Cow;
use std::string::{String, ToString};
use std::vec::Vec;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::ApiTable;

pub use fluent_bundle::FluentArgs;

/// Where a table keeps its bundles once built. Not public API.
#[doc(hidden)]
pub type Once = std::sync::OnceLock<Bundles>;

/// A table with translations: what the derive implements for `#[api_error(locales(...))]`.
pub trait Localized: ApiTable {
    /// The language of the table's own text (`#[api_error(language = "en")]`, English unless
    /// it says otherwise): the last step of every fallback.
    const LANGUAGE: &'static str;

    /// Each declared locale with the source of its Fluent file.
    const LOCALES: &'static [(&'static str, &'static str)];

    /// The message of the catch-all (its variant's name), which a file may translate.
    const CATCH_ALL: Option<&'static str>;

    /// The table's bundles, built on first use.
    fn bundles() -> &'static Bundles;

    /// The Fluent arguments of this value: the fields its translations name, as text.
    fn fluent_args(&self) -> FluentArgs<'static>;

    /// This value's translation in the `locale`-th of [`LOCALES`](Localized::LOCALES) when
    /// it is text alone (no placeable): the derive reads it from the file and writes it here,
    /// so that [`localized`](Localized::localized) answers it without looking it up in the
    /// bundle. `None` for a message Fluent must format, and by default.
    #[doc(hidden)]
    fn plain_text(&self, locale: usize) -> Option<&'static str> {
        let _ = locale;
        None
    }

    /// Whether this value's `Display` writes its [`detail`](crate::ApiError::detail), as the
    /// derive's does for a variant without `#[error(...)]`. `false` by default.
    #[doc(hidden)]
    fn display_is_detail(&self) -> bool {
        false
    }

    /// This error's text in the best language of `accept` (an `Accept-Language` value, or a
    /// plain tag such as `zh-CN`): a declared locale that matches a requested one exactly, else
    /// by its language alone (`zh` finds `zh-CN`), else the table's own text (its `Display`
    /// below HTTP 500, its detail from 500 on) in [`LANGUAGE`](Localized::LANGUAGE).
    fn localized(&self, accept: &str) -> Localization {
        let bundles = Self::bundles();
        let translated = bundles.negotiate(accept).and_then(|bundle| {
            let text = match self.plain_text(bundle.index) {
                Some(text) => Cow::Borrowed(text),
                None => bundle.format(self.message(), &self.fluent_args())?,
            };
            Some((text, bundle))
        });
        if let Some((text, bundle)) = translated {
            return Localization {
                text,
                language: bundle.locale,
            };
        }
        // Below 500 the text is the `Display`, which is the detail itself for a variant
        // without `#[error(...)]`: then it is borrowed rather than written into a `String`.
        let text = if !crate::shows_display(self) || self.display_is_detail() {
            Cow::Borrowed(self.detail())
        } else {
            Cow::Owned(self.to_string())
        };
        Localization {
            text,
            language: Self::LANGUAGE,
        }
    }
}

/// An error's text in one language, and that language's tag (for `Content-Language`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localization {
    /// The human text.
    pub text: Cow<'static, str>,
    /// The language it is in.
    pub language: &'static str,
}

/// The bundles of a table's locales.
pub struct Bundles {
    bundles: Vec<Bundle>,
}

/// One locale's bundle.
struct Bundle {
    locale: &'static str,
    /// Its language subtag (`zh` of `zh-CN`), which negotiation falls back to.
    language: &'static str,
    /// Its place in the table's `LOCALES`, which the derive's plain texts are indexed by.
    index: usize,
    messages: FluentBundle<FluentResource>,
}

impl core::fmt::Debug for Bundles {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_list()
            .entries(self.bundles.iter().map(|bundle| bundle.locale))
            .finish()
    }
}

impl Bundles {
    /// The bundles of `locales` (tag, Fluent source). The derive has checked every tag and
    /// source; one that does not parse (a table written by hand) is left out.
    #[must_use]
    pub fn new(locales: &[(&'static str, &'static str)]) -> Self {
        let bundles = locales
            .iter()
            .enumerate()
            .filter_map(|(index, &(locale, source))| {
                let language: LanguageIdentifier = locale.parse().ok()?;
                let resource = FluentResource::try_new(source.to_string()).ok()?;
                let mut bundle = FluentBundle::new_concurrent(std::vec![language]);
                // Plain text: no Unicode isolation marks around the arguments.
                bundle.set_use_isolating(false);
                bundle.add_resource(resource).ok()?;
                Some(Bundle {
                    locale,
                    language: primary_language(locale),
                    index,
                    messages: bundle,
                })
            })
            .collect();
        Bundles { bundles }
    }

    /// The bundle of the best locale for `accept`, if any matches: the requested language of
    /// the highest quality (the first among equals) that a locale matches, exactly or by its
    /// language alone. One pass over `accept`, nothing allocated.
    fn negotiate(&'static self, accept: &str) -> Option<&'static Bundle> {
        let mut best: Option<(u16, &Bundle)> = None;
        for item in accept.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            if tag.is_empty() || tag == "*" {
                continue;
            }
            let Some(quality) = parts
                .find_map(|param| param.trim().strip_prefix("q="))
                .map_or(Some(1000), quality)
            else {
                continue;
            };
            if quality == 0 || best.is_some_and(|(chosen, _)| chosen >= quality) {
                continue;
            }
            if let Some(bundle) = self.matching(tag) {
                if quality == 1000 {
                    // Nothing later can be preferred to it.
                    return Some(bundle);
                }
                best = Some((quality, bundle));
            }
        }
        best.map(|(_, bundle)| bundle)
    }

    /// The locale that serves the requested `tag`: the same tag (`zh-CN`, `zh_cn`), else the
    /// first of the same language (`zh`, `zh-TW` and `zh-Hans-CN` find `zh-CN`).
    fn matching(&self, tag: &str) -> Option<&Bundle> {
        let same_tag = |bundle: &&Bundle| {
            bundle.locale.len() == tag.len()
                && bundle
                    .locale
                    .bytes()
                    .zip(tag.bytes())
                    .all(|(ours, theirs)| subtag_byte(ours) == subtag_byte(theirs))
        };
        let language = primary_language(tag);
        self.bundles.iter().find(same_tag).or_else(|| {
            self.bundles
                .iter()
                .find(|bundle| bundle.language.eq_ignore_ascii_case(language))
        })
    }

    /// The locale `accept` negotiates to, if any: what [`Localized::localized`] answers in.
    #[must_use]
    pub fn negotiated(&'static self, accept: &str) -> Option<&'static str> {
        self.negotiate(accept).map(|bundle| bundle.locale)
    }
}

impl Bundle {
    /// The message `id` formatted with `args`; `None` when the locale lacks it. A message
    /// without placeables is borrowed from the bundle, which lives as long as the program.
    fn format(&'static self, id: &str, args: &FluentArgs<'_>) -> Option<Cow<'static, str>> {
        let pattern = self.messages.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = self
            .messages
            .format_pattern(pattern, Some(args), &mut errors);
        Some(text)
    }
}

/// A byte of a language tag as tags compare: ASCII case and `_` against `-` do not matter.
fn subtag_byte(byte: u8) -> u8 {
    match byte {
        b'_' => b'-',
        _ => byte.to_ascii_lowercase(),
    }
}

/// The language subtag of a tag: `zh` of `zh-CN`.
fn primary_language(tag: &str) -> &str {
    let end = tag
        .bytes()
        .position(|byte| byte == b'-' || byte == b'_')
        .unwrap_or(tag.len());
    tag.get(..end).unwrap_or(tag)
}

/// A quality value (`1`, `0.8`, `0.125`) in thousandths, as RFC 9110 writes it.
fn quality(text: &str) -> Option<u16> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let thousandths = fraction
        .bytes()
        .chain(core::iter::repeat(b'0'))
        .take(3)
        .fold(0_u16, |sum, digit| sum * 10 + u16::from(digit - b'0'));
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// A field as a Fluent argument, through its `Display`.
#[doc(hidden)]
pub fn fluent_arg<T: core::fmt::Display + ?Sized>(value: &T) -> FluentValue<'static> {
    FluentValue::from(value.to_string())
}

/// The body of `error`'s answer in the best language of `accept`, and that language: a problem
/// document with the translated `detail`, or the error body with its detail member translated;
/// `None` for a wire whose body carries no human text.
#[cfg(feature = "http")]
pub(crate) fn render<E: Localized + serde::Serialize>(
    error: &E,
    accept: &str,
) -> Option<(Vec<u8>, &'static str)> {
    let localization = error.localized(accept);
    let wire = crate::wire_of::<E>();
    let body = if wire.is_problem() {
        #[cfg(feature = "problem")]
        {
            crate::problem::body_with_detail(error, &localization.text)
        }
        #[cfg(not(feature = "problem"))]
        {
            None
        }
    } else {
        crate::http::body_with_text(error, &localization.text)
    }?;
    Some((body, localization.language))
}

#[cfg(not(feature = "http"))]
pub(crate) fn render<E: Localized + serde::Serialize>(
    error: &E,
    accept: &str,
) -> Option<(Vec<u8>, &'static str)> {
    let _ = (error, accept);
    None
}

/// A table with translations: its web answers carry their renderer, for
/// [`localize_response`].
impl<T> crate::__private::HasLocale<T> for &crate::__private::LocaleProbe<T>
where
    T: Localized + serde::Serialize + Send + Sync + 'static,
{
    fn __apicode_localizer(&self, value: T) -> Option<crate::__private::Localizer> {
        Some(crate::__private::Localizer(std::sync::Arc::new(
            move |accept: &str| render(&value, accept),
        )))
    }
}

/// The `Accept-Language` of a request's headers, or `""`.
#[cfg(feature = "http")]
#[must_use]
pub fn accept_language(headers: &http::HeaderMap) -> String {
    headers
        .get(http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// `response` answered in the best language of `accept`: when it is the answer of a table with
/// translations whose body carries human text, its body is rendered again in that language and
/// `Content-Language` says which. Other responses pass unchanged. Call it from an axum
/// middleware:
///
/// ```ignore
/// async fn localize(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
///     let accept = apicode::locale::accept_language(request.headers());
///     apicode::locale::localize_response(&accept, next.run(request).await)
/// }
/// let app = router.layer(axum::middleware::from_fn(localize));
/// ```
#[cfg(feature = "axum")]
#[must_use]
pub fn localize_response(
    accept: &str,
    mut response: axum_core::response::Response,
) -> axum_core::response::Response {
    let Some(localizer) = response
        .extensions_mut()
        .remove::<crate::__private::Localizer>()
    else {
        return response;
    };
    let Some((body, language)) = (localizer.0)(accept) else {
        return response;
    };
    let headers = response.headers_mut();
    headers.remove(http::header::CONTENT_LENGTH);
    if let Ok(language) = http::HeaderValue::from_str(language) {
        headers.insert(http::header::CONTENT_LANGUAGE, language);
    }
    *response.body_mut() = axum_core::body::Body::from(body);
    response
}

/// The `tonic::Status` of `error` in the best language of the request's `accept-language`
/// metadata: its message translated, and a `google.rpc.LocalizedMessage` naming the locale,
/// beside the `ErrorInfo` (and `Help`, `RetryInfo`) of [`grpc::status`](crate::grpc::status).
///
/// ```ignore
/// async fn send(&self, request: Request<SendRequest>) -> Result<Response<Sent>, Status> {
///     let metadata = request.metadata().clone();
///     self.send(request.into_inner()).map_err(|error| apicode::locale::localized_status(&error, &metadata))
/// }
/// ```
#[cfg(feature = "tonic")]
pub fn localized_status<E: Localized>(
    error: &E,
    metadata: &tonic::metadata::MetadataMap,
) -> tonic::Status {
    let accept = metadata
        .get("accept-language")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let localization = error.localized(accept);
    crate::grpc::tonic_status_with(
        error,
        localization.text.into_owned(),
        Some(localization.language),
    )
}

/// `response` answered in the best language of `accept` when it is the answer of an `E`
/// error: actix-web keeps the error in the response, so an actix-web middleware renders its body
/// again in that language, with `Content-Language`. Other responses pass unchanged.
///
/// ```ignore
/// use actix_web::middleware::{Next, from_fn};
///
/// async fn localize(
///     request: ServiceRequest,
///     next: Next<impl MessageBody + 'static>,
/// ) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
///     let accept = apicode::locale::accept_language_actix(request.headers());
///     Ok(apicode::locale::localize_actix::<SmsError, _>(&accept, next.call(request).await?))
/// }
/// let app = App::new().wrap(from_fn(localize));
/// ```
#[cfg(feature = "actix-web")]
#[must_use]
pub fn localize_actix<E, B>(
    accept: &str,
    response: actix_web::dev::ServiceResponse<B>,
) -> actix_web::dev::ServiceResponse<actix_web::body::EitherBody<B>>
where
    E: Localized + serde::Serialize + actix_web::ResponseError + 'static,
{
    use actix_web::http::header::{CONTENT_LANGUAGE, CONTENT_LENGTH, HeaderValue};

    let rendered = response
        .response()
        .error()
        .and_then(actix_web::Error::as_error::<E>)
        .and_then(|error| render(error, accept));
    let Some((body, language)) = rendered else {
        return response.map_into_left_body();
    };
    response.map_body(|head, _| {
        head.headers_mut().remove(CONTENT_LENGTH);
        if let Ok(language) = HeaderValue::from_str(language) {
            head.headers_mut().insert(CONTENT_LANGUAGE, language);
        }
        actix_web::body::EitherBody::right(actix_web::body::BoxBody::new(body))
    })
}

/// The `Accept-Language` of an actix-web request's headers, or `""`.
#[cfg(feature = "actix-web")]
#[must_use]
pub fn accept_language_actix(headers: &actix_web::http::header::HeaderMap) -> String {
    headers
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_string()
}

/// Checks that every entry of `E` (the codes of reused entries and nested tables included,
/// which the derive cannot see) has a translation in every declared locale, and that every
/// message of every file is an entry's (or the catch-all's); panics naming each gap. One line
/// in a test keeps a composed table complete:
///
/// ```ignore
/// #[test]
/// fn every_code_is_translated() {
///     apicode::locale::check::<ServiceError>();
/// }
/// ```
///
/// # Panics
///
/// When a locale lacks a translation or translates a message the table does not have.
pub fn check<E: Localized>() {
    let problems = problems::<E>();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// What [`check`] reports, one line per gap.
fn problems<E: Localized>() -> Vec<String> {
    let entries = <E as crate::CodeTable<<E as ApiTable>::Code>>::ENTRIES;
    let mut problems = Vec::new();
    for &(locale, source) in E::LOCALES {
        let Ok(resource) = FluentResource::try_new(source.to_string()) else {
            problems.push(std::format!("{locale}: the file is not Fluent"));
            continue;
        };
        let ids: Vec<&str> = resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name),
                _ => None,
            })
            .collect();
        for entry in entries {
            if !ids.contains(&entry.message) {
                problems.push(std::format!(
                    "{locale}: no translation of {} ({})",
                    entry.message,
                    entry.code
                ));
            }
        }
        for id in &ids {
            let known = entries.iter().any(|entry| entry.message == *id);
            // The catch-all's message is its variant's name, which no entry lists.
            if !known && E::CATCH_ALL != Some(*id) {
                problems.push(std::format!(
                    "{locale}: translates {id}, which the table does not have"
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::Bundles;
    use std::boxed::Box;

    /// Bundles of `locales`, each with an empty file: only negotiation is tested here.
    fn bundles(locales: &[&'static str]) -> &'static Bundles {
        let sources: std::vec::Vec<_> = locales.iter().map(|&locale| (locale, "")).collect();
        Box::leak(Box::new(Bundles::new(&sources)))
    }

    #[test]
    fn accept_language_is_read_by_quality_then_order() {
        let two = bundles(&["en", "fr"]);
        assert_eq!(two.negotiated("fr-CH, fr;q=0.9, en;q=0.8"), Some("fr"));
        assert_eq!(two.negotiated("de, en;q=0.8, fr;q=0.9"), Some("fr"));
        assert_eq!(two.negotiated("de;q=0.9, *;q=0.5"), None);
        let four = bundles(&["de", "it", "zh-CN", "zh-TW"]);
        assert_eq!(four.negotiated("en;q=0.5, zh-CN"), Some("zh-CN"));
        assert_eq!(four.negotiated("de;q=0, it;q=0.1"), Some("it"));
        assert_eq!(four.negotiated("de;q=0, fr"), None);
        assert_eq!(four.negotiated("de;q=0.125, it;q=0.25"), Some("it"));
        // Among equals, the first.
        assert_eq!(four.negotiated("it;q=0.5, de;q=0.5"), Some("it"));
        // Malformed qualities are left out, not read as 1.
        assert_eq!(four.negotiated("de;q=1.5, it;q=x"), None);
        assert_eq!(four.negotiated("zh-CN;q=2"), None);
        assert_eq!(four.negotiated(""), None);
    }

    #[test]
    fn tags_match_exactly_then_by_language() {
        let chinese = bundles(&["zh-CN", "zh-TW"]);
        assert_eq!(chinese.negotiated("zh-TW"), Some("zh-TW"));
        assert_eq!(chinese.negotiated("ZH_tw"), Some("zh-TW"));
        assert_eq!(chinese.negotiated("zh"), Some("zh-CN"));
        assert_eq!(chinese.negotiated("zh-Hans-CN"), Some("zh-CN"));
        assert_eq!(chinese.negotiated("zh-HK"), Some("zh-CN"));
        assert_eq!(chinese.negotiated("en, zh-Hant;q=0.2"), Some("zh-CN"));
        assert_eq!(chinese.negotiated("z, zhx"), None);
    }
}

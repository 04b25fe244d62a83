//! The axum integration: every derived table implements `axum::response::IntoResponse`, and so
//! does [`Problem<E>`](crate::problem::Problem) with the `problem` feature.
//!
//! The derive cannot see this crate's features, so it calls `__apicode_axum!` for every enum
//! (through `__apicode_integrations!`); the macro exists twice, the impl under the `axum`
//! feature and a no-op twin without it, so that the call expands, inside the user's crate, to
//! the impl exactly when this crate was built with the feature. Every path in the impl goes
//! through `$crate::__private::web`, so the user's crate needs no axum or serde dependency.
//!
//! The macro takes `[impl generics] [type] [where clause] [code type]`; the where clause, when
//! there is one, starts with `where`, and the impl puts its own bound first so that the user's
//! predicates may or may not end with a comma.
//!
//! That bound, `Self: ApiTable + Serialize`, is written under an empty `for<'__apicode>`
//! binder. On a type without generics it would otherwise be a trivial bound, which rustc
//! checks where the impl is written: when the derive's own impls are broken (a missing
//! `Debug`, say), every integration would repeat the user's one error. A bound with a binder
//! is checked where the impl is used instead, and always holds for a well-formed table.

#[cfg(feature = "axum")]
use axum_core::body::Body;
#[cfg(feature = "axum")]
use axum_core::response::{IntoResponse, Response};
#[cfg(feature = "axum")]
use http::StatusCode;
#[cfg(feature = "axum")]
use http::header::{CONTENT_TYPE, HeaderValue};
#[cfg(feature = "axum")]
use serde::Serialize;

#[cfg(feature = "axum")]
use crate::http::{ErrorBody, JSON};
#[cfg(feature = "axum")]
use crate::wire_of;

#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_axum {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?] [$code:ident]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::web::axum_core::response::IntoResponse for $($ty)*
        where
            for<'__apicode> Self: $crate::ApiTable + $crate::__private::serde::Serialize,
            $($($pred)*)?
        {
            fn into_response(self) -> $crate::__private::web::axum_core::response::Response {
                #[allow(unused_imports)]
                use $crate::__private::{HasLocale as _, NoLocale as _};
                let mut response = $crate::__private::web::axum_response(&self);
                // A table with translations carries them, for `locale::localize_response`.
                if let ::core::option::Option::Some(localizer) =
                    (&&$crate::__private::LocaleProbe::<Self>::new()).__apicode_localizer(self)
                {
                    response.extensions_mut().insert(localizer);
                }
                response
            }
        }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_axum {
    ($($input:tt)*) => {};
}

/// `body` as JSON under `status` with `content_type`, and the error's `retry-after` and
/// `link` headers; a body whose `Serialize` impl fails, which a derived type's never does,
/// gives 500 with an empty body rather than a panic. The response is built here, in one
/// place, rather than passed from function to function.
#[cfg(feature = "axum")]
fn respond<E: crate::ApiTable, T: Serialize + ?Sized>(
    error: &E,
    status: StatusCode,
    content_type: HeaderValue,
    body: &T,
) -> Response {
    let Ok(body) = serde_json::to_vec(body) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, content_type);
    for (name, value) in crate::http::guidance_headers(error).into_iter().flatten() {
        // A link the derive checked holds no byte a header refuses; a hand-written one might.
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(http::header::HeaderName::from_static(name), value);
        }
    }
    response
}

/// The table's error body under the status its wire format gives (the error's own, unless
/// the table fixes one), with the wire's content type.
#[cfg(feature = "axum")]
pub fn axum_response<E: crate::ApiTable + Serialize>(error: &E) -> Response {
    let wire = wire_of::<E>();
    let status = crate::http::status_code(wire.status_of(error.http_status()));
    // Checked once, when the program is compiled: the derive checked the content type, and
    // one a hand-written `Wire` gives that a header cannot hold is JSON's.
    let content_type =
        const { HeaderValue::from_static(header_or_json(wire_of::<E>().error_content_type())) };
    respond(error, status, content_type, &ErrorBody(error))
}

/// `value` if `HeaderValue::from_static` accepts it (visible ASCII and tabs), else JSON's
/// content type, so that making the header cannot panic.
#[cfg(feature = "axum")]
const fn header_or_json(value: &'static str) -> &'static str {
    let bytes = value.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        if byte != b'\t' && !(byte >= b' ' && byte <= b'~') {
            return JSON;
        }
        index += 1;
    }
    value
}

#[cfg(all(feature = "axum", feature = "problem"))]
impl<E: crate::ApiTable + Serialize> IntoResponse for crate::problem::Problem<E> {
    fn into_response(self) -> Response {
        let status = crate::http::StatusCodeExt::status_code(self.error());
        let content_type = HeaderValue::from_static(crate::http::PROBLEM_JSON);
        respond(self.error(), status, content_type, &self)
    }
}

#[cfg(all(test, feature = "axum"))]
mod tests {
    use super::{JSON, header_or_json};

    #[test]
    fn a_content_type_a_header_cannot_hold_becomes_json() {
        for valid in [
            "application/json",
            "application/vnd.example+json; charset=utf-8",
            "application/json;\tcharset=utf-8",
        ] {
            assert_eq!(header_or_json(valid), valid);
        }
        for invalid in [
            "application/json\r\nx-injected: 1",
            "application/json; charset=\u{e9}",
            "application/\u{7f}json",
        ] {
            assert_eq!(header_or_json(invalid), JSON, "{invalid:?}");
        }
    }
}

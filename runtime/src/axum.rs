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

/// `body` as JSON under `status`; a body whose `Serialize` impl fails, which a derived type's
/// never does, gives 500 with an empty body rather than a panic.
#[cfg(feature = "axum")]
fn respond<T: Serialize + ?Sized>(
    status: StatusCode,
    content_type: HeaderValue,
    body: &T,
) -> Response {
    match serde_json::to_vec(body) {
        Ok(body) => {
            let mut response = Response::new(Body::from(body));
            *response.status_mut() = status;
            response.headers_mut().insert(CONTENT_TYPE, content_type);
            response
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `response` with the error's `retry-after` and `link` headers.
#[cfg(feature = "axum")]
fn with_guidance<E: crate::ApiTable>(mut response: Response, error: &E) -> Response {
    for (name, value) in crate::http::guidance_headers(error).into_iter().flatten() {
        // A link the derive checked holds no byte a header refuses; a hand-written one might.
        if let Ok(value) = HeaderValue::from_str(&value) {
            response
                .headers_mut()
                .insert(http::header::HeaderName::from_static(name), value);
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
    let content_type = static_header(wire.error_content_type());
    with_guidance(respond(status, content_type, &ErrorBody(error)), error)
}

/// A content type of the program as a header value, without copying it: the derive checked
/// it, and one a hand-written `Wire` gives that a header cannot hold is JSON's.
#[cfg(feature = "axum")]
fn static_header(value: &'static str) -> HeaderValue {
    // What `HeaderValue::from_static` accepts, checked here so that it cannot panic.
    let valid = value
        .bytes()
        .all(|byte| byte == b'\t' || (b' '..=b'~').contains(&byte));
    HeaderValue::from_static(if valid { value } else { JSON })
}

#[cfg(all(feature = "axum", feature = "problem"))]
impl<E: crate::ApiTable + Serialize> IntoResponse for crate::problem::Problem<E> {
    fn into_response(self) -> Response {
        let status = crate::http::StatusCodeExt::status_code(self.error());
        let content_type = HeaderValue::from_static(crate::http::PROBLEM_JSON);
        with_guidance(respond(status, content_type, &self), self.error())
    }
}

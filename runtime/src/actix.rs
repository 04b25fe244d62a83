//! The actix-web integration: every derived table implements `actix_web::ResponseError`, and so
//! does [`Problem<E>`](crate::problem::Problem) with the `problem` feature.
//!
//! As in `axum.rs`, the derive calls `__apicode_actix_web!` for every enum, and the
//! macro's no-op twin stands in when this crate is built without the `actix-web` feature; the
//! impl names everything through `$crate::__private::web`, and bounds `Self` under an empty
//! `for<'__apicode>` binder so that a broken table reports its own error only.

#[cfg(feature = "actix-web")]
use actix_web::HttpResponse;
#[cfg(feature = "actix-web")]
use actix_web::http::StatusCode;
#[cfg(feature = "actix-web")]
use actix_web::http::header::CONTENT_TYPE;
#[cfg(feature = "actix-web")]
use serde::Serialize;

#[cfg(feature = "actix-web")]
use crate::http::ErrorBody;
#[cfg(feature = "actix-web")]
use crate::wire_of;

#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_actix_web {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?] [$code:ident]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::web::actix_web::ResponseError for $($ty)*
        where
            for<'__apicode> Self: $crate::ApiTable + $crate::__private::serde::Serialize,
            $($($pred)*)?
        {
            fn status_code(&self) -> $crate::__private::web::actix_web::http::StatusCode {
                $crate::__private::web::actix_status(self)
            }

            fn error_response(
                &self,
            ) -> $crate::__private::web::actix_web::HttpResponse {
                $crate::__private::web::actix_response(self)
            }
        }
    };
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_actix_web {
    ($($input:tt)*) => {};
}

/// The status an error answers with: its own, unless the table's wire format fixes one.
/// actix-web 4 speaks `http` 0.2, whose `StatusCode` is not the `http` 1 one.
#[cfg(feature = "actix-web")]
pub fn actix_status<E: crate::ApiTable>(error: &E) -> StatusCode {
    status(wire_of::<E>().status_of(error.http_status()))
}

/// A number the derive has checked to lie in `100..=599`; 500 for anything else.
#[cfg(feature = "actix-web")]
fn status(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// `body` as JSON under `status`, with `error`'s `retry-after` and `link` headers; a body whose
/// `Serialize` impl fails, which a derived type's never does, gives 500 with an empty body
/// rather than a panic.
#[cfg(feature = "actix-web")]
fn respond<E: crate::ApiTable, T: Serialize + ?Sized>(
    error: &E,
    status: StatusCode,
    content_type: &str,
    body: &T,
) -> HttpResponse {
    match serde_json::to_vec(body) {
        Ok(body) => {
            let mut response = HttpResponse::build(status);
            response.insert_header((CONTENT_TYPE, content_type));
            for header in crate::http::guidance_headers(error).into_iter().flatten() {
                response.insert_header(header);
            }
            response.body(body)
        }
        Err(_) => HttpResponse::InternalServerError().finish(),
    }
}

/// The table's error body in its wire format.
#[cfg(feature = "actix-web")]
pub fn actix_response<E: crate::ApiTable + Serialize>(error: &E) -> HttpResponse {
    let content_type = wire_of::<E>().error_content_type();
    respond(error, actix_status(error), content_type, &ErrorBody(error))
}

#[cfg(all(feature = "actix-web", feature = "problem"))]
impl<E: crate::ApiTable + Serialize> actix_web::ResponseError for crate::problem::Problem<E> {
    fn status_code(&self) -> StatusCode {
        // A problem document travels under its own status, whatever the table's wire says.
        status(self.error().http_status())
    }

    fn error_response(&self) -> HttpResponse {
        respond(
            self.error(),
            self.status_code(),
            crate::http::PROBLEM_JSON,
            self,
        )
    }
}

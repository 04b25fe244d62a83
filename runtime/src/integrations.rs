//! The web framework integrations: the `macro_rules!` macros that the derive's `integrations!`
//! call expands to, and the helpers their impls call.
//!
//! The derive cannot see this crate's features, so it emits the same call for every enum;
//! each macro here exists twice, the impl under `#[cfg(feature = "...")]` and a no-op twin
//! under `#[cfg(not(...))]`, so that the call expands, inside the user's crate, to the impls
//! of exactly the features this crate was built with. Every path in the impls goes through
//! `$crate::__private::web`, so the user's crate needs no axum, actix-web or serde dependency.
//!
//! Each macro takes `[impl generics] [type] [where clause]`; the where clause, when there is
//! one, starts with `where`, and the impls put their own bound first so that the user's
//! predicates may or may not end with a comma.
//!
//! That bound, `Self: ApiError + Serialize`, is written under an empty `for<'__apicode>`
//! binder. On a type without generics it would otherwise be a trivial bound, which rustc
//! checks where the impl is written: when the derive's own impls are broken (a missing
//! `Debug`, say), every integration would repeat the user's one error. A bound with a binder
//! is checked where the impl is used instead, and always holds for a well-formed table.

#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_axum {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::web::axum_core::response::IntoResponse for $($ty)*
        where
            for<'__apicode> Self: $crate::ApiError + $crate::__private::serde::Serialize,
            $($($pred)*)?
        {
            fn into_response(self) -> $crate::__private::web::axum_core::response::Response {
                $crate::__private::web::axum_response(&self)
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

#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_actix_web {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::web::actix_web::ResponseError for $($ty)*
        where
            for<'__apicode> Self: $crate::ApiError + $crate::__private::serde::Serialize,
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

#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_utoipa {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::web::utoipa::IntoResponses for $($ty)*
        where
            for<'__apicode> Self: $crate::__private::Documented,
            $($($pred)*)?
        {
            fn responses() -> $crate::__private::web::UtoipaResponses {
                $crate::__private::web::utoipa_responses::<Self>()
            }
        }

        // utoipa implements `PartialSchema` for every `ComposeSchema`, which is also what
        // `components(schemas(...))` calls on a generic type: its own derive writes this one.
        #[automatically_derived]
        impl $($generics)* $crate::__private::web::utoipa::__dev::ComposeSchema for $($ty)*
        where
            for<'__apicode> Self: $crate::__private::Documented,
            $($($pred)*)?
        {
            fn compose(
                _: $crate::__private::web::Vec<$crate::__private::web::UtoipaSchema>,
            ) -> $crate::__private::web::UtoipaSchema {
                $crate::__private::web::utoipa_schema::<Self>()
            }
        }

        #[automatically_derived]
        impl $($generics)* $crate::__private::web::utoipa::ToSchema for $($ty)*
        where
            for<'__apicode> Self: $crate::__private::Documented,
            $($($pred)*)?
        {
            fn name() -> $crate::__private::web::Name {
                $crate::__private::web::utoipa_name::<Self>()
            }

            fn schemas(
                __schemas: &mut $crate::__private::web::Vec<(
                    $crate::__private::web::String,
                    $crate::__private::web::UtoipaSchema,
                )>,
            ) {
                $crate::__private::web::utoipa_schemas::<Self>(__schemas);
            }
        }
    };
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_utoipa {
    ($($input:tt)*) => {};
}

#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_aide {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?]) => {
        #[automatically_derived]
        impl $($generics)* $crate::__private::web::aide::OperationOutput for $($ty)*
        where
            for<'__apicode> Self: $crate::__private::Documented,
            $($($pred)*)?
        {
            type Inner = Self;

            fn inferred_responses(
                __ctx: &mut $crate::__private::web::aide::generate::GenContext,
                _: &mut $crate::__private::web::aide::openapi::Operation,
            ) -> $crate::__private::web::Vec<(
                ::core::option::Option<::core::primitive::u16>,
                $crate::__private::web::aide::openapi::Response,
            )> {
                $crate::__private::web::aide_responses::<Self>(__ctx)
            }
        }

        #[automatically_derived]
        impl $($generics)* $crate::__private::web::schemars::JsonSchema for $($ty)*
        where
            for<'__apicode> Self: $crate::__private::Documented,
            $($($pred)*)?
        {
            fn schema_name() -> $crate::__private::web::Name {
                $crate::__private::web::schemars_name::<Self>()
            }

            fn schema_id() -> $crate::__private::web::Name {
                $crate::__private::web::schemars_id::<Self>()
            }

            fn json_schema(
                _: &mut $crate::__private::web::schemars::SchemaGenerator,
            ) -> $crate::__private::web::schemars::Schema {
                $crate::__private::web::schemars_schema::<Self>()
            }
        }
    };
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_aide {
    ($($input:tt)*) => {};
}

/// What the generated impls name, re-exported as `apicode::__private::web`.
#[doc(hidden)]
pub mod support {
    #[cfg(feature = "actix-web")]
    pub use actix_web;
    #[cfg(feature = "axum")]
    pub use axum_core;

    #[cfg(feature = "axum")]
    pub use super::axum::axum_response;

    #[cfg(feature = "actix-web")]
    pub use super::actix::{actix_response, actix_status};

    #[cfg(any(feature = "utoipa", feature = "aide"))]
    pub use std::{string::String, vec::Vec};

    /// A component name.
    #[cfg(any(feature = "utoipa", feature = "aide"))]
    pub type Name = std::borrow::Cow<'static, str>;

    #[cfg(feature = "utoipa")]
    pub use utoipa;

    #[cfg(feature = "utoipa")]
    pub use crate::openapi::utoipa::{
        utoipa_name, utoipa_responses, utoipa_schema, utoipa_schemas,
    };

    /// What `IntoResponses::responses` returns.
    #[cfg(feature = "utoipa")]
    pub type UtoipaResponses = std::collections::BTreeMap<
        String,
        utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
    >;

    /// A utoipa schema or reference.
    #[cfg(feature = "utoipa")]
    pub type UtoipaSchema = utoipa::openapi::RefOr<utoipa::openapi::schema::Schema>;

    #[cfg(feature = "aide")]
    pub use {aide, schemars};

    #[cfg(feature = "aide")]
    pub use crate::openapi::aide::{aide_responses, schemars_id, schemars_name, schemars_schema};
}

/// The JSON bytes of a body, or `None` if its `Serialize` impl fails, which a derived type's
/// never does; the responders then answer 500 with an empty body rather than panic.
#[cfg(any(feature = "axum", feature = "actix-web"))]
fn json<T: serde::Serialize + ?Sized>(body: &T) -> Option<std::vec::Vec<u8>> {
    serde_json::to_vec(body).ok()
}

#[cfg(feature = "axum")]
mod axum {
    use axum_core::body::Body;
    use axum_core::response::{IntoResponse, Response};
    use http::StatusCode;
    use http::header::{CONTENT_TYPE, HeaderValue};
    use serde::Serialize;

    use crate::ApiError;
    use crate::http::{ErrorBody, JSON, StatusCodeExt};

    fn respond(
        status: StatusCode,
        content_type: &'static str,
        body: Option<std::vec::Vec<u8>>,
    ) -> Response {
        match body {
            Some(body) => {
                let mut response = Response::new(Body::from(body));
                *response.status_mut() = status;
                response
                    .headers_mut()
                    .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
                response
            }
            None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        }
    }

    /// The default body under the error's status.
    pub fn axum_response<E: ApiError + Serialize + ?Sized>(error: &E) -> Response {
        respond(error.status_code(), JSON, super::json(&ErrorBody(error)))
    }

    #[cfg(feature = "problem")]
    impl<E: ApiError + Serialize> IntoResponse for crate::problem::Problem<E> {
        fn into_response(self) -> Response {
            let status = self.error().status_code();
            respond(status, crate::http::PROBLEM_JSON, super::json(&self))
        }
    }
}

#[cfg(feature = "actix-web")]
mod actix {
    use actix_web::HttpResponse;
    use actix_web::http::StatusCode;
    use actix_web::http::header::CONTENT_TYPE;
    use serde::Serialize;

    use crate::ApiError;
    use crate::http::{ErrorBody, JSON};

    /// actix-web 4 speaks `http` 0.2, whose `StatusCode` is not the `http` 1 one.
    pub fn actix_status<E: ApiError + ?Sized>(error: &E) -> StatusCode {
        StatusCode::from_u16(error.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    fn respond(
        status: StatusCode,
        content_type: &'static str,
        body: Option<std::vec::Vec<u8>>,
    ) -> HttpResponse {
        match body {
            Some(body) => HttpResponse::build(status)
                .insert_header((CONTENT_TYPE, content_type))
                .body(body),
            None => HttpResponse::InternalServerError().finish(),
        }
    }

    /// The default body under the error's status.
    pub fn actix_response<E: ApiError + Serialize + ?Sized>(error: &E) -> HttpResponse {
        respond(actix_status(error), JSON, super::json(&ErrorBody(error)))
    }

    #[cfg(feature = "problem")]
    impl<E: ApiError + Serialize> actix_web::ResponseError for crate::problem::Problem<E> {
        fn status_code(&self) -> StatusCode {
            actix_status(self.error())
        }

        fn error_response(&self) -> HttpResponse {
            let status = actix_status(self.error());
            respond(status, crate::http::PROBLEM_JSON, super::json(self))
        }
    }
}

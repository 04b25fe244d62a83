//! The web framework integrations: the `macro_rules!` macros that the derive's `integrations!`
//! call expands to, and the helpers their impls call.
//!
//! The derive cannot see this crate's features, so it emits the same call for every enum;
//! each macro here exists twice, the impl under `#[cfg(feature = "...")]` and a no-op twin
//! under `#[cfg(not(...))]`, so that the call expands, inside the user's crate, to the impls
//! of exactly the features this crate was built with. Every path in the impls goes through
//! `$crate::__private::web`, so the user's crate needs no axum, actix-web or serde dependency.
//!
//! Each macro takes `[impl generics] [type] [where clause] [code type]`; the where clause, when
//! there is one, starts with `where`, and the impls put their own bound first so that the user's
//! predicates may or may not end with a comma.
//!
//! That bound, `Self: ApiTable + Serialize`, is written under an empty `for<'__apicode>`
//! binder. On a type without generics it would otherwise be a trivial bound, which rustc
//! checks where the impl is written: when the derive's own impls are broken (a missing
//! `Debug`, say), every integration would repeat the user's one error. A bound with a binder
//! is checked where the impl is used instead, and always holds for a well-formed table.

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

#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_utoipa {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?] [$code:ident]) => {
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
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?] [$code:ident]) => {
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

#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_tonic {
    ([$($generics:tt)*] [$($ty:tt)*] [$(where $($pred:tt)*)?] [$code:ident]) => {
        #[automatically_derived]
        impl $($generics)* ::core::convert::From<$($ty)*>
            for $crate::__private::web::tonic::Status
        where
            for<'__apicode> $($ty)*: $crate::ApiTable,
            $($($pred)*)?
        {
            fn from(error: $($ty)*) -> Self {
                $crate::__private::web::tonic_status(&error)
            }
        }
    };
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_tonic {
    ($($input:tt)*) => {};
}

/// What the generated impls name, re-exported as `apicode::__private::web`.
#[doc(hidden)]
pub mod support {
    #[cfg(feature = "actix-web")]
    pub use actix_web;
    #[cfg(feature = "axum")]
    pub use axum_core;
    #[cfg(feature = "tonic")]
    pub use tonic;

    #[cfg(feature = "tonic")]
    pub use super::tonic_support::status as tonic_status;

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
    pub fn axum_response<E: crate::ApiTable + Serialize>(error: &E) -> Response {
        respond(error.status_code(), JSON, super::json(&ErrorBody(error)))
    }

    #[cfg(feature = "problem")]
    impl<E: crate::ApiTable + Serialize> IntoResponse for crate::problem::Problem<E> {
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

    use crate::http::{ErrorBody, JSON};

    /// actix-web 4 speaks `http` 0.2, whose `StatusCode` is not the `http` 1 one.
    pub fn actix_status<E: crate::ApiTable>(error: &E) -> StatusCode {
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
    pub fn actix_response<E: crate::ApiTable + Serialize>(error: &E) -> HttpResponse {
        respond(actix_status(error), JSON, super::json(&ErrorBody(error)))
    }

    #[cfg(feature = "problem")]
    impl<E: crate::ApiTable + Serialize> actix_web::ResponseError for crate::problem::Problem<E> {
        fn status_code(&self) -> StatusCode {
            actix_status(self.error())
        }

        fn error_response(&self) -> HttpResponse {
            let status = actix_status(self.error());
            respond(status, crate::http::PROBLEM_JSON, super::json(self))
        }
    }
}

/// `tonic::Status` from a table's error and back: the functions behind the `From` impl that
/// every derived table gets, and behind [`FromStatus`](crate::grpc::FromStatus).
#[cfg(feature = "tonic")]
pub(crate) mod tonic_support {
    use core::fmt;
    use std::borrow::ToOwned;
    use std::collections::HashMap;
    use std::string::{String, ToString};

    use tonic::{Code, Status};
    use tonic_types::{ErrorDetails, StatusExt};

    use crate::code::{Decimal, parse_decimal};
    use crate::decode::Decode;
    use crate::grpc::{GrpcCode, reason};

    /// The `ErrorInfo` metadata key that holds the code.
    pub const CODE_KEY: &str = "code";

    fn tonic_code(code: GrpcCode) -> Code {
        Code::from_i32(code.as_i32())
    }

    /// The status of an error: its [`grpc_code`](crate::ApiError::grpc_code); as message its
    /// `Display` below HTTP 500 and its [`detail`](crate::ApiError::detail) from 500 on, so that a
    /// source error never reaches the client; and a `google.rpc.ErrorInfo` with the message as
    /// reason, the table's domain and the code under the metadata key `"code"`.
    ///
    /// The reason is [`reason`](crate::grpc::reason) of the message. A table with a `domain`
    /// or `grpc` key has one for every message (the derive checks it at compile time); in
    /// another, a message without a reason form (`"9lives"`, `"Fermé"`, `"X"`) gives `CODE_`
    /// and the code (`"CODE_1002"`): a table that compiles without the `tonic` feature
    /// compiles with it, whichever crate of the build turns it on.
    ///
    /// ```
    /// use apicode::ApiError;
    /// use tonic_types::StatusExt as _;
    ///
    /// #[derive(Debug, ApiError)]
    /// #[api_error(domain = "sms.example.com")]
    /// enum SmsError {
    ///     /// Invalid signature timestamp
    ///     #[code(104202, "InvalidSignatureTimestamp", status = 401)]
    ///     InvalidSignatureTimestamp,
    /// }
    ///
    /// let status = apicode::grpc::status(&SmsError::InvalidSignatureTimestamp);
    /// assert_eq!(status.code(), tonic::Code::Unauthenticated);
    /// assert_eq!(status.message(), "Invalid signature timestamp");
    /// let info = status.get_details_error_info().unwrap();
    /// assert_eq!(info.reason, "INVALID_SIGNATURE_TIMESTAMP");
    /// assert_eq!(info.domain, "sms.example.com");
    /// assert_eq!(info.metadata["code"], "104202");
    /// ```
    pub fn status<E: crate::ApiTable>(error: &E) -> Status {
        let message = if error.http_status() < 500 {
            error.to_string()
        } else {
            error.detail().to_owned()
        };
        let reason = match reason(error.message()) {
            Ok(reason) => reason.as_str().to_owned(),
            Err(_) => std::format!("CODE_{}", error.code()),
        };
        let code = Decimal::of(error.code());
        let metadata = HashMap::from([(CODE_KEY.to_owned(), code.as_str().to_owned())]);
        let details = ErrorDetails::with_error_info(reason, E::DOMAIN, metadata);
        Status::with_error_details(tonic_code(error.grpc_code()), message, details)
    }

    /// Why a `tonic::Status` is not an error of the table it was read as.
    #[derive(Debug, Clone, PartialEq, Eq)]
    #[non_exhaustive]
    pub enum StatusError<C = u32> {
        /// The status carries no `google.rpc.ErrorInfo` (or details that do not decode): it
        /// comes from the transport, from tonic itself or from a service that does not use
        /// apicode.
        NoErrorInfo {
            /// The status's code.
            code: GrpcCode,
            /// The status's message.
            message: String,
        },
        /// The `ErrorInfo` belongs to another domain than the table's.
        OtherDomain {
            /// The table's domain.
            expected: &'static str,
            /// The status's.
            found: String,
        },
        /// The `ErrorInfo` has no `"code"` metadata entry, or one that is not a decimal of the
        /// table's code type.
        BadCode {
            /// The entry's value, if there is one.
            found: Option<String>,
        },
        /// The code is not one the table can build: outside a table without catch-all, or a
        /// variant whose fields cannot be made from the code alone.
        Unknown {
            /// The table's name.
            table: &'static str,
            /// The code.
            code: C,
        },
    }

    impl<C: fmt::Display> fmt::Display for StatusError<C> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                StatusError::NoErrorInfo { code, message } => write!(
                    f,
                    "the gRPC status ({code}: {message:?}) carries no google.rpc.ErrorInfo"
                ),
                StatusError::OtherDomain { expected, found } => write!(
                    f,
                    "the gRPC status's ErrorInfo is of the domain {found:?}, not {expected:?}"
                ),
                StatusError::BadCode { found: None } => {
                    f.write_str("the gRPC status's ErrorInfo has no \"code\" metadata")
                }
                StatusError::BadCode { found: Some(found) } => write!(
                    f,
                    "the gRPC status's ErrorInfo code {found:?} is not a decimal code of the table's type"
                ),
                StatusError::Unknown { table, code } => {
                    write!(f, "unknown {table} code {code} in a gRPC status")
                }
            }
        }
    }

    impl<C: fmt::Display + fmt::Debug> std::error::Error for StatusError<C> {}

    /// The table's error that `status` carries: the code from its `ErrorInfo`'s `"code"`
    /// metadata, once the domain matches [`T::DOMAIN`](crate::CodeTable::DOMAIN), converted exactly
    /// as `From<C>` (with a catch-all) or `TryFrom<C>` (without one) does. The status's
    /// own code and message are not read: the table's code says more.
    ///
    /// ```
    /// use apicode::ApiError;
    /// use apicode::grpc::{StatusError, from_status};
    ///
    /// #[derive(Debug, PartialEq, ApiError)]
    /// enum SmsError {
    ///     /// Invalid phone number
    ///     #[code(107111, "InvalidPhoneNumbers", status = 400)]
    ///     InvalidPhoneNumbers,
    ///     #[code(other)]
    ///     Unknown(u32),
    /// }
    ///
    /// let status = tonic::Status::from(SmsError::InvalidPhoneNumbers);
    /// assert_eq!(from_status::<SmsError>(&status), Ok(SmsError::InvalidPhoneNumbers));
    ///
    /// let plain = tonic::Status::unavailable("connection refused");
    /// assert!(matches!(from_status::<SmsError>(&plain), Err(StatusError::NoErrorInfo { .. })));
    /// ```
    pub fn from_status<T: Decode>(status: &Status) -> Result<T, StatusError<T::Code>> {
        let no_info = || StatusError::NoErrorInfo {
            code: GrpcCode::from_i32(status.code() as i32).unwrap_or(GrpcCode::Unknown),
            message: status.message().to_owned(),
        };
        let details = status.check_error_details().map_err(|_| no_info())?;
        let info = details.error_info().ok_or_else(no_info)?;
        if info.domain != T::DOMAIN {
            return Err(StatusError::OtherDomain {
                expected: T::DOMAIN,
                found: info.domain.clone(),
            });
        }
        let text = info
            .metadata
            .get(CODE_KEY)
            .ok_or(StatusError::BadCode { found: None })?;
        let Some(Ok(code)) = parse_decimal::<T::Code>(text) else {
            return Err(StatusError::BadCode {
                found: Some(text.clone()),
            });
        };
        T::decode(code).ok_or(StatusError::Unknown {
            table: T::NAME,
            code,
        })
    }
}

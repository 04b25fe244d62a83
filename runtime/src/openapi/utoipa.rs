//! The documents in utoipa's types: what the derived `IntoResponses`, `ToSchema` and
//! `PartialSchema` impls call.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::string::{String, ToString};
use std::vec::Vec;

use serde_json::Value;
use utoipa::openapi::RefOr;
use utoipa::openapi::content::ContentBuilder;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::response::{Response, ResponseBuilder};
use utoipa::openapi::schema::{Object, Schema};

use super::{Body, Documented, TableDoc};

/// A schema that the document model wrote as JSON, in utoipa's types.
///
/// The model writes only what utoipa's `Schema` reads, so the conversion does not fail; if a
/// future utoipa refused a member, the schema says so in its description rather than vanish.
fn schema(json: Value) -> RefOr<Schema> {
    match serde_json::from_value::<Schema>(json) {
        Ok(schema) => RefOr::T(schema),
        Err(error) => {
            let mut object = Object::new();
            object.description = Some(std::format!("schema not expressible in utoipa: {error}"));
            RefOr::T(Schema::Object(object))
        }
    }
}

fn responses(table: &TableDoc, body: Body) -> BTreeMap<String, RefOr<Response>> {
    table
        .responses(body)
        .into_iter()
        .map(|response| {
            let examples = response.examples.into_iter().map(|example| {
                let built = ExampleBuilder::new()
                    .summary(example.summary)
                    .description(example.description)
                    .value(Some(example.value))
                    .build();
                (example.name, built)
            });
            // The body schema inline: utoipa cannot register the schemas of an
            // `IntoResponses` type (juhaku/utoipa#1224), so a reference would dangle unless
            // the user listed the table under `components(...)` too.
            let content = ContentBuilder::new()
                .schema(Some(schema(response.schema)))
                .examples_from_iter(examples)
                .build();
            let mut built = ResponseBuilder::new()
                .description(response.description)
                .content(response.content_type, content);
            for header in response.headers {
                let described = utoipa::openapi::header::HeaderBuilder::new()
                    .schema(Some(schema(header.schema)))
                    .description(Some(header.description))
                    .build();
                built = built.header(header.name, described);
            }
            let built = built.build();
            let key = match response.status {
                Some(status) => status.to_string(),
                None => "default".into(),
            };
            (key, RefOr::T(built))
        })
        .collect()
}

/// `IntoResponses::responses`: one response per status, the catch-all as `default`.
pub fn utoipa_responses<T: Documented>() -> BTreeMap<String, RefOr<Response>> {
    responses(&TableDoc::of::<T>(), Body::Default)
}

/// `PartialSchema::schema`: the code as it travels.
pub fn utoipa_schema<T: Documented>() -> RefOr<Schema> {
    schema(TableDoc::of::<T>().code_schema())
}

/// `ToSchema::name`: the component name of the code schema. utoipa appends the arguments of
/// a generic type itself (`Check<u8>` is `Check_u8`), so they are left out here.
pub fn utoipa_name<T: ?Sized>() -> Cow<'static, str> {
    super::generic_component::<T>()
}

/// `ToSchema::schemas`: nothing besides the code schema itself, since the responses hold their
/// body schemas inline.
pub fn utoipa_schemas<T: Documented>(_schemas: &mut Vec<(String, RefOr<Schema>)>) {}

#[cfg(feature = "problem")]
mod problem {
    use std::borrow::Cow;
    use std::collections::BTreeMap;
    use std::string::String;
    use std::vec::Vec;

    use utoipa::openapi::RefOr;
    use utoipa::openapi::response::Response;
    use utoipa::openapi::schema::Schema;
    use utoipa::{IntoResponses, ToSchema};

    use super::super::{Body, Documented, TableDoc};
    use crate::problem::Problem;

    /// One `application/problem+json` response per status of the table.
    impl<E: Documented> IntoResponses for Problem<E> {
        fn responses() -> BTreeMap<String, RefOr<Response>> {
            super::responses(&TableDoc::of::<E>(), Body::Problem)
        }
    }

    /// The problem body for any code of the table. utoipa implements `PartialSchema` for
    /// every `ComposeSchema`, the trait that `components(schemas(Problem<E>))` calls for a
    /// generic type; the schema depends only on the table of `E`.
    impl<E: Documented> utoipa::__dev::ComposeSchema for Problem<E> {
        fn compose(_generics: Vec<RefOr<Schema>>) -> RefOr<Schema> {
            super::schema(TableDoc::of::<E>().problem_schema())
        }
    }

    /// Named `apicode.problem.Problem`, to which utoipa appends the table's name
    /// (`apicode.problem.Problem_apicode_sms.SmsError`); the responses hold their problem
    /// bodies inline, so there is nothing else to register.
    impl<E: Documented> ToSchema for Problem<E> {
        fn name() -> Cow<'static, str> {
            super::super::generic_component::<Self>()
        }
    }
}

/// What [`IntoResponses::responses`](utoipa::IntoResponses::responses) returns.
pub type UtoipaResponses = BTreeMap<String, RefOr<Response>>;

/// A utoipa schema or reference.
pub type UtoipaSchema = RefOr<Schema>;

// The derive calls `__apicode_utoipa!` for every enum (through `__apicode_integrations!`); its
// no-op twin, for builds without the `utoipa` feature, is in `features.rs`, since this module
// is not compiled then. The bounds and paths follow `axum.rs`.
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
            fn name() -> $crate::__private::web::Cow<'static, ::core::primitive::str> {
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

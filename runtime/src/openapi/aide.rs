//! The documents in aide's and schemars' types: what the derived `OperationOutput` and
//! `JsonSchema` impls call.

use std::borrow::Cow;
use std::string::String;
use std::vec::Vec;

use aide::generate::GenContext;
use aide::openapi::{Example, MediaType, ReferenceOr, Response, SchemaObject};
use schemars::{Schema, SchemaGenerator};
use serde_json::{Map, Value};

use super::{Body, Documented, TableDoc};

fn schema(json: Value) -> Schema {
    match json {
        Value::Object(map) => Schema::from(map),
        // The model writes objects only; an empty object schema would accept anything, so a
        // surprise becomes a schema that says what it is.
        other => Schema::from(Map::from_iter([(
            "description".into(),
            Value::String(std::format!("unexpected schema {other}")),
        )])),
    }
}

/// Registers `json` as the component `name` with the generator, and gives the schema to use
/// in its place: a reference, or the schema itself when the generator inlines everything.
fn register(generator: &mut SchemaGenerator, name: String, json: Value) -> Schema {
    if generator.settings().inline_subschemas {
        return schema(json);
    }
    let reference = std::format!("{}{}", generator.settings().definitions_path, name);
    generator.definitions_mut().insert(name, json);
    Schema::from(Map::from_iter([("$ref".into(), Value::String(reference))]))
}

/// An empty map of aide's (an `IndexMap`).
fn empty<M: Default>() -> M {
    M::default()
}

fn responses(ctx: &mut GenContext, table: &TableDoc, body: Body) -> Vec<(Option<u16>, Response)> {
    table
        .responses(body)
        .into_iter()
        .map(|response| {
            let json_schema = register(&mut ctx.schema, response.component, response.schema);
            let examples = response
                .examples
                .into_iter()
                .map(|example| {
                    let built = Example {
                        summary: Some(example.summary),
                        description: Some(example.description),
                        value: Some(example.value),
                        ..Example::default()
                    };
                    (example.name.into(), ReferenceOr::Item(built))
                })
                .collect();
            let media = MediaType {
                schema: Some(SchemaObject {
                    json_schema,
                    example: None,
                    external_docs: None,
                }),
                examples,
                ..MediaType::default()
            };
            let headers = response
                .headers
                .into_iter()
                .map(|header| {
                    let described = aide::openapi::Header {
                        description: Some(header.description),
                        style: aide::openapi::HeaderStyle::Simple,
                        required: false,
                        deprecated: None,
                        format: aide::openapi::ParameterSchemaOrContent::Schema(SchemaObject {
                            json_schema: schema(header.schema),
                            example: None,
                            external_docs: None,
                        }),
                        example: None,
                        // `IndexMap`s, of a crate this one does not name.
                        examples: empty(),
                        extensions: empty(),
                    };
                    (header.name.into(), ReferenceOr::Item(described))
                })
                .collect();
            let built = Response {
                description: response.description,
                content: [(response.content_type.into(), media)]
                    .into_iter()
                    .collect(),
                headers,
                ..Response::default()
            };
            (response.status, built)
        })
        .collect()
}

/// `OperationOutput::inferred_responses`: one response per status, the catch-all as the
/// default response.
pub fn aide_responses<T: Documented>(ctx: &mut GenContext) -> Vec<(Option<u16>, Response)> {
    responses(ctx, &TableDoc::of::<T>(), Body::Default)
}

/// `JsonSchema::json_schema`: the code as it travels.
pub fn schemars_schema<T: Documented>() -> Schema {
    schema(TableDoc::of::<T>().code_schema())
}

/// `JsonSchema::schema_name`: the component name.
pub fn schemars_name<T: ?Sized>() -> Cow<'static, str> {
    super::table_component::<T>()
}

/// `JsonSchema::schema_id`: the full type name, which tells two types apart.
pub fn schemars_id<T: ?Sized>() -> Cow<'static, str> {
    Cow::Borrowed(core::any::type_name::<T>())
}

#[cfg(feature = "problem")]
mod problem {
    use std::borrow::Cow;
    use std::vec::Vec;

    use aide::OperationOutput;
    use aide::generate::GenContext;
    use aide::openapi::{Operation, Response};
    use schemars::{JsonSchema, Schema, SchemaGenerator};

    use super::super::{Body, Documented, TableDoc};
    use crate::problem::Problem;

    /// One `application/problem+json` response per status of the table.
    impl<E: Documented> OperationOutput for Problem<E> {
        type Inner = Self;

        fn inferred_responses(
            ctx: &mut GenContext,
            _operation: &mut Operation,
        ) -> Vec<(Option<u16>, Response)> {
            super::responses(ctx, &TableDoc::of::<E>(), Body::Problem)
        }
    }

    /// The problem body for any code of the table, named as utoipa names it:
    /// `apicode.problem.Problem_apicode_sms.SmsError`.
    impl<E: Documented> JsonSchema for Problem<E> {
        fn schema_name() -> Cow<'static, str> {
            super::super::problem_component::<E>()
        }

        fn schema_id() -> Cow<'static, str> {
            super::schemars_id::<Self>()
        }

        fn json_schema(_generator: &mut SchemaGenerator) -> Schema {
            super::schema(TableDoc::of::<E>().problem_schema())
        }
    }
}

// The derive calls `__apicode_aide!` for every enum (through `__apicode_integrations!`); its
// no-op twin, for builds without the `aide` feature, is in `features.rs`, since this module is
// not compiled then. The bounds and paths follow `axum.rs`.
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
            fn schema_name() -> $crate::__private::web::Cow<'static, ::core::primitive::str> {
                $crate::__private::web::schemars_name::<Self>()
            }

            fn schema_id() -> $crate::__private::web::Cow<'static, ::core::primitive::str> {
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

//! The derive's output names everything by absolute path: tables declared in a module that
//! shadows the prelude, the primitive types and the crates it relies on still compile, without
//! tripping strict lints, and still behave.

mod shadowed {
    // Lints a user may deny; the derive's output must not trip them.
    #![deny(
        unused_qualifications,
        unused_results,
        unused_import_braces,
        unused_lifetimes,
        trivial_casts,
        trivial_numeric_casts,
        elided_lifetimes_in_paths,
        single_use_lifetimes,
        let_underscore_drop,
        missing_debug_implementations,
        unreachable_pub,
        clippy::all,
        clippy::pedantic
    )]
    // The shadows themselves are deliberately odd names that nothing uses.
    #![allow(non_camel_case_types, non_upper_case_globals, dead_code, unused_macros)]

    // The prelude.
    type Result = ();
    const Ok: () = ();
    const Err: () = ();
    #[derive(Debug)]
    struct Option;
    const Some: () = ();
    const None: () = ();
    trait From {}
    trait Into {}
    trait TryFrom {}
    trait Default {}
    trait Sized {}
    trait Send {}
    trait Sync {}
    #[derive(Debug)]
    struct Box;
    #[derive(Debug)]
    struct Vec;

    // Primitive types.
    #[derive(Debug)]
    struct u32;
    #[derive(Debug)]
    struct u16;
    #[derive(Debug)]
    struct u64;
    #[derive(Debug)]
    struct usize;
    #[derive(Debug)]
    struct str;
    #[derive(Debug)]
    struct bool;

    // Crates and modules the generated code reaches.
    mod core {}
    mod std {}
    mod alloc {}
    mod serde {}
    mod apicode {}
    mod fmt {}
    mod grpc {}
    mod tonic {}

    // The runtime's names.
    trait ApiError {}
    trait CodeTable {}
    #[derive(Debug)]
    struct Entry;
    #[derive(Debug)]
    struct UnknownCode;
    trait Serialize {}
    trait Deserialize {}
    trait Display {}
    #[derive(Debug)]
    struct GrpcCode;

    // Macros the generated code may call.
    macro_rules! write {
        ($($tokens:tt)*) => {
            compile_error!("the derive called a shadowed write!")
        };
    }
    macro_rules! format_args {
        ($($tokens:tt)*) => {
            compile_error!("the derive called a shadowed format_args!")
        };
    }
    macro_rules! unreachable {
        ($($tokens:tt)*) => {
            compile_error!("the derive called a shadowed unreachable!")
        };
    }
    macro_rules! panic {
        ($($tokens:tt)*) => {
            compile_error!("the derive called a shadowed panic!")
        };
    }

    /// A table with every kind of variant, in string mode, with a catch-all. Its name shadows
    /// `Error` as well.
    #[derive(Debug, ::apicode::ApiError)]
    #[api_error(
        status = 400,
        serde = "string",
        grpc = "failed_precondition",
        domain = "shadowed"
    )]
    pub(crate) enum Error {
        /// Request succeeded
        #[code(0, "Ok", status = 200)]
        Ok,

        /// Named fields
        #[code(1, "Named")]
        #[error("named {name} {count:?}")]
        Named {
            name: String,
            count: ::core::primitive::usize,
        },

        /// Tuple fields
        #[code(2, "Tuple", detail = "A tuple variant")]
        #[error("tuple {0} {}", .1)]
        Tuple(::core::primitive::u16, ::core::primitive::bool),

        /// I/O failed
        #[code(3, "Io", status = 500)]
        Io(#[from] ::std::io::Error),

        /// Maybe a source
        #[code(4, "Source")]
        Source {
            source: ::core::option::Option<::std::io::Error>,
        },

        /// Variants may be named after the prelude too
        #[code(5, "None")]
        None,

        /// Some value
        #[code(6, "Some", grpc = "out_of_range")]
        #[error("some {0}")]
        Some(::core::primitive::u64),

        /// Delegated display
        #[code(7, "Transparent")]
        #[error(transparent)]
        Transparent(::std::io::Error),

        /// Unknown code
        #[code(other)]
        Unknown(::core::primitive::u32),
    }

    /// A generic table in number mode without a catch-all.
    #[derive(Debug, ::apicode::ApiError)]
    pub(crate) enum Closed<'a, T: ::core::fmt::Display + ::core::default::Default> {
        /// Borrowed
        #[code(10, "Borrowed")]
        #[error("borrowed {0}")]
        Borrowed(&'a ::core::primitive::str),

        /// Owned
        #[code(11, "Owned", status = 404)]
        #[error("owned {value}")]
        Owned { value: T },

        /// Unit
        #[code(12, "Unit")]
        Unit,
    }
}

use apicode::{ApiError, CodeTable};
use shadowed::{Closed, Error};

#[test]
fn shadowed_table_reports_codes_messages_details_and_statuses() {
    let error = Error::Named {
        name: "n".into(),
        count: 2,
    };
    assert_eq!((error.code(), error.message()), (1, "Named"));
    assert_eq!(error.detail(), "Named fields");
    assert_eq!(error.http_status(), 400);
    assert_eq!(Error::Ok.http_status(), 200);
    assert_eq!(Error::Tuple(1, true).detail(), "A tuple variant");
    assert_eq!(Error::Unknown(9).message(), "Unknown");
}

#[test]
fn shadowed_table_displays() {
    let error = Error::Named {
        name: "n".into(),
        count: 2,
    };
    assert_eq!(error.to_string(), "named n 2");
    assert_eq!(Error::Tuple(7, false).to_string(), "tuple 7 false");
    assert_eq!(Error::Some(3).to_string(), "some 3");
    assert_eq!(
        Error::None.to_string(),
        "Variants may be named after the prelude too"
    );
    assert_eq!(Error::Unknown(9).to_string(), "Unknown code (code 9)");
    let error = Error::Transparent(std::io::Error::other("inner"));
    assert_eq!(error.to_string(), "inner");
}

#[test]
fn shadowed_table_has_sources_and_from() {
    use core::error::Error as _;
    let error = Error::from(std::io::Error::other("disk"));
    assert!(matches!(error, Error::Io(_)));
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("disk")
    );
    let error = Error::Source {
        source: Some(std::io::Error::other("net")),
    };
    assert_eq!(
        error.source().map(ToString::to_string).as_deref(),
        Some("net")
    );
    assert!(Error::Source { source: None }.source().is_none());
}

#[test]
fn shadowed_table_converts() {
    assert!(matches!(Error::from(0), Error::Ok));
    assert!(matches!(Error::from(5), Error::None));
    assert!(matches!(Error::from(6), Error::Some(0)));
    assert!(matches!(Error::from(3), Error::Unknown(3)));
    assert!(matches!(Error::from(99), Error::Unknown(99)));
    assert!(matches!(
        Error::from_message("Named"),
        Some(Error::Named { count: 0, .. })
    ));
    assert_eq!(u32::from(Error::Tuple(0, true)), 2);
    assert_eq!(Error::ENTRIES.len(), 8);
}

#[test]
fn shadowed_table_serializes() {
    assert_eq!(
        serde_json::to_string(&Error::Some(1)).ok().as_deref(),
        Some("\"6\"")
    );
    assert_eq!(
        serde_json::to_string(&Error::Unknown(42)).ok().as_deref(),
        Some("\"42\"")
    );
    assert!(matches!(
        serde_json::from_str::<Error>("5"),
        Ok(Error::None)
    ));
    assert!(matches!(
        serde_json::from_str::<Error>("\"Ok\""),
        Ok(Error::Ok)
    ));
    assert!(serde_json::from_str::<Error>("\"-1\"").is_err());
}

#[test]
fn shadowed_generic_table_works() {
    let text = String::from("x");
    let error: Closed<'_, u8> = Closed::Borrowed(&text);
    assert_eq!(error.to_string(), "borrowed x");
    let error: Closed<'_, u8> = Closed::Owned { value: 4 };
    assert_eq!(error.to_string(), "owned 4");
    assert_eq!(error.http_status(), 404);
    assert!(matches!(
        Closed::<'_, u8>::try_from(11),
        Ok(Closed::Owned { value: 0 })
    ));
    assert!(matches!(
        Closed::<'_, u8>::try_from(10),
        Ok(Closed::Borrowed(""))
    ));
    assert_eq!(
        Closed::<'_, u8>::try_from(1)
            .err()
            .map(|error| error.to_string())
            .as_deref(),
        Some("unknown Closed code 1")
    );
    assert_eq!(
        serde_json::to_string(&Closed::<'_, u8>::Unit)
            .ok()
            .as_deref(),
        Some("12")
    );
    assert!(matches!(
        serde_json::from_str::<Closed<'_, u8>>("12"),
        Ok(Closed::Unit)
    ));
}

/// Names the generated code uses for itself do not clash with the user's: a field called
/// `__formatter`, a lifetime called `'de` (the one serde's impls use).
#[derive(Debug, apicode::ApiError)]
enum Borrowing<'de> {
    /// Tagged
    #[code(1, "Tagged")]
    #[error("{value} ({__formatter})")]
    Tagged { value: u32, __formatter: u32 },
    /// Borrowed
    #[code(2, "Borrowed")]
    Borrowed(&'de str),
}

#[test]
fn user_names_do_not_clash_with_generated_ones() {
    use apicode::ApiError as _;
    let error = Borrowing::Tagged {
        value: 7,
        __formatter: 8,
    };
    assert_eq!(error.to_string(), "7 (8)");
    assert_eq!(Borrowing::Borrowed("x").code(), 2);
    assert!(matches!(
        serde_json::from_str::<Borrowing<'_>>("2"),
        Ok(Borrowing::Borrowed(""))
    ));
}

#[test]
fn shadowed_table_gives_grpc_codes_and_domain() {
    use apicode::grpc::GrpcCode;
    assert_eq!(Error::Some(1).grpc_code(), GrpcCode::OutOfRange);
    assert_eq!(Error::None.grpc_code(), GrpcCode::FailedPrecondition);
    assert_eq!(Error::DOMAIN, "shadowed");
    let owned: Closed<'_, String> = Closed::Owned { value: "v".into() };
    // No key: the mapping of its status, 404.
    assert_eq!(owned.grpc_code(), GrpcCode::NotFound);
}

//! What an enum's `#[api_error(integrations(...))]` asks of this crate's features: for each
//! integration, a macro that expands to nothing when the feature is on and to a compile error
//! naming the feature when it is off. The derive calls the macro of each integration the enum
//! names, spanned at the name, so that a crate that relies on an impl turns the feature on
//! itself rather than through another crate of the build (features are unified, and a crate
//! must not depend on what others turn on).
//!
//! `__apicode_problem_wire!` does the same for `#[api_error(wire(problem))]`: the table's wire
//! format with the `problem` feature, a compile error naming it without.

#[cfg(feature = "axum")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_axum {
    () => {};
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_axum {
    () => {
        ::core::compile_error!(
            "`integrations(axum)` needs apicode's `axum` feature: apicode = { features = [\"axum\"] }"
        );
    };
}

#[cfg(feature = "actix-web")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_actix_web {
    () => {};
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_actix_web {
    () => {
        ::core::compile_error!(
            "`integrations(actix_web)` needs apicode's `actix-web` feature: apicode = { features = [\"actix-web\"] }"
        );
    };
}

#[cfg(feature = "utoipa")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_utoipa {
    () => {};
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_utoipa {
    () => {
        ::core::compile_error!(
            "`integrations(utoipa)` needs apicode's `utoipa` feature: apicode = { features = [\"utoipa\"] }"
        );
    };
}

#[cfg(feature = "aide")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_aide {
    () => {};
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_aide {
    () => {
        ::core::compile_error!(
            "`integrations(aide)` needs apicode's `aide` feature: apicode = { features = [\"aide\"] }"
        );
    };
}

#[cfg(feature = "tonic")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_tonic {
    () => {};
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_tonic {
    () => {
        ::core::compile_error!(
            "`integrations(tonic)` needs apicode's `tonic` feature: apicode = { features = [\"tonic\"] }"
        );
    };
}

#[cfg(feature = "jsonrpsee")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_jsonrpsee {
    () => {};
}

#[cfg(not(feature = "jsonrpsee"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_jsonrpsee {
    () => {
        ::core::compile_error!(
            "`integrations(jsonrpsee)` needs apicode's `jsonrpsee` feature: apicode = { features = [\"jsonrpsee\"] }"
        );
    };
}

#[cfg(feature = "rmcp")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_rmcp {
    () => {};
}

#[cfg(not(feature = "rmcp"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_has_rmcp {
    () => {
        ::core::compile_error!(
            "`integrations(rmcp)` needs apicode's `rmcp` feature: apicode = { features = [\"rmcp\"] }"
        );
    };
}

// The no-op twins of the OpenAPI integrations' macros: `openapi/utoipa.rs` and
// `openapi/aide.rs` hold the macros, but the `openapi` module is not compiled without their
// features, and the derive calls both macros for every enum whatever the features.

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_utoipa {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_aide {
    ($($input:tt)*) => {};
}

/// `#[api_error(wire(problem))]`: the table's `WIRE` when this crate has the `problem` feature,
/// a compile error at `problem` when it has not.
#[cfg(feature = "problem")]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_problem_wire {
    () => {
        $crate::wire::Wire::problem()
    };
}

#[cfg(not(feature = "problem"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __apicode_problem_wire {
    () => {
        ::core::compile_error!(
            "`wire(problem)` needs apicode's `problem` feature: apicode = { features = [\"problem\"] }"
        )
    };
}

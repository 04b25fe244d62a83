//! Tests and examples of apicode; nothing here is published.
#![forbid(unsafe_code)]

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

#[cfg(feature = "web")]
pub mod actix;
#[cfg(feature = "web")]
pub mod answer;
#[cfg(feature = "web")]
pub mod client;
#[cfg(feature = "web")]
pub mod gateway;
#[cfg(feature = "grpc")]
pub mod grpc;
#[cfg(feature = "jsonrpc")]
pub mod jsonrpc;
#[cfg(any(feature = "web", feature = "jsonrpc"))]
pub mod load;
pub mod node;
pub mod python;

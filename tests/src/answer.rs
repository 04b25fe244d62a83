//! An axum answer made in process (an `IntoResponse` value), read as a client would: its status
//! and its JSON body, for the tests that check what a table's error answers without a server.

use serde_json::Value;

/// The status and the JSON body of `response`.
///
/// # Panics
///
/// If the body cannot be read or is not JSON.
pub fn axum_answer(response: axum::response::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let bytes = runtime
        .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
        .expect("the body");
    (status, serde_json::from_slice(&bytes).expect("JSON"))
}

//! What an operator's monitoring asks: `/healthz` and `/metrics`.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use ideaboard_core::session::SlotState;
use serde_json::json;

use crate::App;

/// 200 with `{"status":"ok"}` while the board is open for writing; 503 while it
/// opens, when it opened read-only, or when it did not open (with why).
pub async fn healthz(State(app): State<Arc<App>>) -> impl IntoResponse {
    match app.slot.state() {
        SlotState::Open { read_only: false } => (StatusCode::OK, Json(json!({"status": "ok"}))),
        SlotState::Open { read_only: true } => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "read-only"})),
        ),
        SlotState::Opening => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "opening"})),
        ),
        SlotState::Failed(error) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({"status": "failed", "error": error})),
        ),
    }
}

/// The server's numbers in Prometheus's text format.
pub async fn metrics(State(app): State<Arc<App>>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        app.metrics.render(),
    )
}

/// The OpenAPI document of the commands this server serves (`ideaboard_api::openapi`),
/// made once.
pub async fn openapi() -> impl IntoResponse {
    static DOCUMENT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let text = DOCUMENT.get_or_init(|| {
        ideaboard_api::openapi::document("Ideaboard", env!("CARGO_PKG_VERSION")).to_string()
    });
    ([(header::CONTENT_TYPE, "application/json")], text.as_str())
}

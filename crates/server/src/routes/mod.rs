//! The router: the contract at `POST /api/{command}` (described at
//! `/api/openapi.json`), exports and imports as files at `/api/files/`, `/healthz`,
//! `/metrics`, the portal's CSP reports at `POST /api/csp-report`, and the web portal
//! at `/` (every other GET path serves the portal, so deep links such as
//! `/ideas/123` open). Every response carries the security headers; every request
//! is timed and counted by its matched route.

mod account;
mod api;
pub mod csp;
mod files;
mod probe;
mod web;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ideaboard_core::Error;
use tower_http::classify::ServerErrorsFailureClass;
use tower_http::trace::TraceLayer;
use tracing::Span;

use crate::App;
use crate::errors::ApiError;

/// The whole application.
pub fn router(app: Arc<App>) -> Router {
    let timeout = app.config.request_timeout;
    let max_body = app.config.max_body;
    let https = app.config.secure_cookies;
    Router::new()
        .route("/api/{command}", post(api::call))
        .route("/api/auth/sign_up", post(account::sign_up))
        .route("/api/auth/sign_in", post(account::sign_in))
        .route("/api/auth/sign_out", post(account::sign_out))
        .route("/api/auth/session", get(account::session))
        .route("/api/auth/sessions", post(account::sessions))
        .route("/api/auth/sessions/revoke", post(account::revoke))
        .route("/api/auth/change_password", post(account::change_password))
        .route("/api/auth/reset_password", post(account::reset_password))
        .merge(files::routes())
        .route("/api/live", get(crate::live::live))
        .route("/api/openapi.json", get(probe::openapi))
        .route(
            csp::PATH,
            post(csp::report).layer(axum::extract::DefaultBodyLimit::max(csp::MAX_BODY)),
        )
        .route("/healthz", get(probe::healthz))
        .route("/metrics", get(probe::metrics))
        .fallback_service(web::portal(&app.config.web))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), count))
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(timeout, deadline))
        .layer(TraceLayer::new_for_http().on_failure(log_failure))
        .layer(middleware::from_fn_with_state(https, web::security_headers))
        .with_state(app)
}

/// Logs a failed request. A 503 is the server saying "not now" on purpose (the board
/// still opening, or too many writes waiting): expected, counted in /metrics, and
/// logged at debug so that a busy minute does not flood the log with errors. Any
/// other 5xx, or an error below HTTP, is an error.
fn log_failure(class: ServerErrorsFailureClass, latency: Duration, _span: &Span) {
    let latency_ms = latency.as_millis();
    match class {
        ServerErrorsFailureClass::StatusCode(status)
            if status == axum::http::StatusCode::SERVICE_UNAVAILABLE =>
        {
            tracing::debug!(%status, latency_ms, "unavailable for now");
        }
        class => tracing::error!(classification = %class, latency_ms, "request failed"),
    }
}

/// Counts and times every request under its matched route (the portal's paths all
/// count as `/`, so the label set stays bounded however many URLs are asked for).
async fn count(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("/", |p| p.as_str())
        .to_string();
    let started = Instant::now();
    let response = next.run(request).await;
    app.metrics
        .request(&route, response.status().as_u16(), started.elapsed());
    response
}

/// Answers `RequestTooSlow` (408) when a request, reading its body included, takes
/// longer than the configured timeout: a slow client cannot hold a worker forever.
/// Downloads and uploads (`/api/files/`) keep their own: no byte moving for as long.
async fn deadline(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with(files::FILES_PREFIX) {
        return next.run(request).await;
    }
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::from(Error::RequestTooSlow).into_response(),
    }
}

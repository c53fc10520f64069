//! The router: the contract at `POST /api/{command}`, `/healthz`, `/metrics`, and the
//! web portal at `/` (every other GET path serves the portal, so deep links such as
//! `/ideas/123` open). Every response carries the security headers; every request
//! is timed and counted by its matched route.

mod account;
mod api;
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
use tower_http::trace::TraceLayer;

use crate::App;
use crate::errors::ApiError;

/// The whole application.
pub fn router(app: Arc<App>) -> Router {
    let timeout = app.config.request_timeout;
    let max_body = app.config.max_body;
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
        .route("/api/live", get(crate::live::live))
        .route("/healthz", get(probe::healthz))
        .route("/metrics", get(probe::metrics))
        .fallback_service(web::portal(&app.config.web))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), count))
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(middleware::from_fn_with_state(timeout, deadline))
        .layer(TraceLayer::new_for_http())
        .layer(middleware::from_fn(web::security_headers))
        .with_state(app)
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
async fn deadline(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::from(Error::RequestTooSlow).into_response(),
    }
}

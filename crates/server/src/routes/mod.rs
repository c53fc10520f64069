//! The router: the contract at `POST /api/{command}`, `/healthz`, `/metrics`, and the
//! web portal at `/` (every other GET path serves the portal, so deep links such as
//! `/ideas/123` open). Every response carries the security headers; every request
//! is timed and counted by its matched route.

mod api;
mod probe;
mod web;

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::App;

/// The whole application.
pub fn router(app: Arc<App>) -> Router {
    let timeout = app.config.request_timeout;
    let max_body = app.config.max_body;
    Router::new()
        .route("/api/{command}", post(api::call))
        .route("/healthz", get(probe::healthz))
        .route("/metrics", get(probe::metrics))
        .fallback_service(web::portal(&app.config.web))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), count))
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
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

//! The contract over HTTP: `POST /api/{command}` with the command's arguments as a
//! JSON object (or nothing), answered with its JSON response or its error. One
//! handler serves every command through `ideaboard_api::dispatch`; a command only the
//! desktop window serves is unknown here.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use ideaboard_api::{Access, SessionHost};
use ideaboard_core::{Error, ErrorCode, Timestamp};
use serde_json::Value;

use crate::App;
use crate::auth::{self, Limited};
use crate::errors::{ApiError, refusal};

/// Runs one command of the contract.
pub async fn call(
    State(app): State<Arc<App>>,
    Path(name): Path<String>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let command = match ideaboard_api::command(&name) {
        Some(c) if c.served_remotely() => c,
        _ => return ApiError::from(Error::UnknownCommand(name)).into_response(),
    };
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return ApiError::from(Error::RequestTooLarge {
                max: app.config.max_body,
            })
            .into_response();
        }
        Err(rejection) => {
            return refusal(
                rejection.status(),
                ErrorCode::BadArguments,
                &rejection.body_text(),
            );
        }
    };
    let args: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Null
    } else {
        match serde_json::from_slice(&body) {
            Ok(args) => args,
            Err(e) => {
                return ApiError::from(Error::BadArguments {
                    command: name,
                    reason: format!("the body is not JSON: {e}"),
                })
                .into_response();
            }
        }
    };
    let ip = auth::client_ip(address, &headers, app.config.forwarded_for);
    // A write joins the writer's queue only while the queue is short.
    let admitted = match command.access {
        Access::Write => match app.writes.enter() {
            Some(admitted) => Some(admitted),
            None => return busy(1),
        },
        Access::Read => None,
    };
    let worker = Arc::clone(&app);
    let started = Instant::now();
    let answer = tokio::task::spawn_blocking(move || {
        let now = Timestamp::now();
        let caller = auth::identify(&worker.slot, &headers, true, now).map_err(|e| e.to_dto())?;
        if let Some(action) = Limited::of_command(&name) {
            let member = caller.member_id();
            worker
                .limits
                .check(action, ip, member.as_deref(), now)
                .map_err(|e| e.to_dto())?;
        }
        let host = SessionHost {
            slot: &worker.slot,
            session: &caller.session,
        };
        ideaboard_api::dispatch(&host, &name, args, &|_| {})
    })
    .await;
    if admitted.is_some() {
        app.metrics.write(command.name, started.elapsed());
    }
    drop(admitted);
    match answer {
        Ok(Ok(value)) => Json(value).into_response(),
        Ok(Err(dto)) => ApiError(dto).into_response(),
        Err(panic) => {
            ApiError::from(Error::Internal(format!("the command failed: {panic}"))).into_response()
        }
    }
}

/// The answer to a write that found the writer's queue full (or an export that found
/// the exports' turns taken): 503 `BoardBusy`, try again in `retry_after` seconds.
pub(super) fn busy(retry_after: u64) -> Response {
    let mut dto = Error::BoardBusy.to_dto();
    dto.params.retry_after = Some(retry_after);
    ApiError(dto).into_response()
}

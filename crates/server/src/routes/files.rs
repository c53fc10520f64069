//! Exports as downloads and imports as uploads: what the desktop's `export_board`,
//! `import_preview` and `import_board` do with a path of its machine, the server does
//! with the response's body and the request's.
//!
//! - `POST /api/files/export` with `{"request": ExportRequest}` (the command's request
//!   without its path) answers the file as an attachment, streamed as the core writes
//!   it on a read-only connection of its own (the writer never waits). A refusal
//!   (not the team, a bad filter) comes before the first byte, as the usual JSON
//!   error; a failure later cuts the download short, which the browser reports as
//!   failed (never a whole-looking partial file). A client that goes away stops the
//!   export.
//! - `POST /api/files/import?format=json|fiderCsv[&preview=true]` with the file as the
//!   body (up to `--max-upload`) answers what `import_preview` or `import_board`
//!   answers. The upload is spooled to a temporary file first, so the board's writer
//!   is taken only once the whole file is here.
//!
//! Both prove a cookie session with its CSRF token, as every POST does. A slow
//! client is cut off when no byte moves for `--request-timeout`, however long the
//! whole transfer takes.

use std::io::{self, BufReader, Seek, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, Router, routing::post};
use futures_util::StreamExt;
use ideaboard_core::model::{ExportFormat, ExportRequest, ImportFormat};
use ideaboard_core::{Error, ErrorDto, Timestamp, ops};
use serde::Deserialize;
use tokio::sync::mpsc;

use crate::App;
use crate::auth;
use crate::errors::ApiError;

/// The path prefix of these routes: the request deadline leaves them to their own.
pub const FILES_PREFIX: &str = "/api/files/";

/// How many exports may run at once; more are refused with `BoardBusy` (each holds
/// a read-only connection for its whole length).
const EXPORTS_AT_ONCE: usize = 2;
/// The largest export request (its filters), in bytes.
const EXPORT_BODY_MAX: usize = 64 * 1024;
/// What the export's writer gathers before handing a piece to the response.
const PIECE: usize = 64 * 1024;

static EXPORTS_RUNNING: AtomicUsize = AtomicUsize::new(0);

/// The two routes. The upload reads its body itself, so the router's body limit
/// (`--max-body`, for the extractors) does not apply to it; `--max-upload` does.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/files/export", post(export))
        .route("/api/files/import", post(import))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportBody {
    request: ExportRequest,
}

/// A piece of the export on its way to the response.
enum Piece {
    Bytes(Bytes),
    Failed(ErrorDto),
}

/// The export's `Write`: gathers [`PIECE`] bytes, then hands them to the response,
/// waiting while the client is slower than the core (memory stays bounded). Fails
/// once the response is gone, which ends the export.
struct ToResponse {
    gathered: Vec<u8>,
    to: mpsc::Sender<Piece>,
}

impl ToResponse {
    fn hand_over(&mut self) -> io::Result<()> {
        if self.gathered.is_empty() {
            return Ok(());
        }
        let piece = Bytes::from(std::mem::replace(
            &mut self.gathered,
            Vec::with_capacity(PIECE),
        ));
        self.to
            .blocking_send(Piece::Bytes(piece))
            .map_err(|_| io::Error::new(io::ErrorKind::BrokenPipe, "the download was abandoned"))
    }
}

impl Write for ToResponse {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.gathered.extend_from_slice(data);
        if self.gathered.len() >= PIECE {
            self.hand_over()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// One running export, counted against [`EXPORTS_AT_ONCE`] until dropped.
struct ExportTurn;

impl ExportTurn {
    fn take() -> Option<ExportTurn> {
        EXPORTS_RUNNING
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                (n < EXPORTS_AT_ONCE).then_some(n + 1)
            })
            .ok()
            .map(|_| ExportTurn)
    }
}

impl Drop for ExportTurn {
    fn drop(&mut self) {
        EXPORTS_RUNNING.fetch_sub(1, Ordering::AcqRel);
    }
}

async fn export(State(app): State<Arc<App>>, request: Request) -> Response {
    // The route is outside the request deadline (an export may take longer than it
    // before its first byte): its small body gets the deadline here.
    let (parts, body) = request.into_parts();
    let read = axum::body::to_bytes(body, EXPORT_BODY_MAX);
    let body = match tokio::time::timeout(app.config.request_timeout, read).await {
        Ok(Ok(body)) => body,
        Ok(Err(e)) => {
            return ApiError::from(Error::BadArguments {
                command: "export".into(),
                reason: format!(
                    "the request body could not be read (at most {EXPORT_BODY_MAX} bytes): {e}"
                ),
            })
            .into_response();
        }
        Err(_) => return ApiError::from(Error::RequestTooSlow).into_response(),
    };
    let headers: HeaderMap = parts.headers;
    let request = match serde_json::from_slice::<ExportBody>(&body) {
        Ok(body) => body.request,
        Err(e) => {
            return ApiError::from(Error::BadArguments {
                command: "export".into(),
                reason: e.to_string(),
            })
            .into_response();
        }
    };
    let Some(turn) = ExportTurn::take() else {
        return super::api::busy(5);
    };
    let format = request.format;
    let (to, mut pieces) = mpsc::channel::<Piece>(4);
    let worker = Arc::clone(&app);
    let running = tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let now = Timestamp::now();
        let failed = to.clone();
        let exported = auth::identify(&worker.slot, &headers, true, now)
            .map_err(|e| e.to_dto())
            .and_then(|caller| {
                let mut out = ToResponse {
                    gathered: Vec::with_capacity(PIECE),
                    to: to.clone(),
                };
                let gone = to.clone();
                let mut progress = |_done: u64, _total: u64| !gone.is_closed();
                worker
                    .slot
                    .run_read(&caller.session.actor(), |board, actor| {
                        ops::export(board, actor, &request, now, &mut out, &mut progress)?;
                        out.hand_over().map_err(Error::from)
                    })
            });
        if let Err(dto) = exported {
            let _ = failed.blocking_send(Piece::Failed(dto));
        }
    });
    let first = match pieces.recv().await {
        Some(Piece::Bytes(first)) => first,
        Some(Piece::Failed(dto)) => return ApiError(dto).into_response(),
        None => match running.await {
            // Done without a byte: an empty file.
            Ok(()) => Bytes::new(),
            Err(panic) => {
                return ApiError::from(Error::Internal(format!("the export failed: {panic}")))
                    .into_response();
            }
        },
    };
    let rest = futures_util::stream::unfold(pieces, |mut pieces| async move {
        match pieces.recv().await? {
            Piece::Bytes(bytes) => Some((Ok(bytes), pieces)),
            Piece::Failed(dto) => {
                tracing::warn!(code = ?dto.code, "an export failed half-way: {}", dto.message);
                let cut = io::Error::other(dto.message);
                Some((Err(cut), pieces))
            }
        }
    });
    let stream = futures_util::stream::once(async move { Ok::<_, io::Error>(first) }).chain(rest);
    // The day in the name, as the app's save dialog suggests it (UTC here).
    let day: String = Timestamp::now().to_rfc3339().chars().take(10).collect();
    let name = format!("ideas-{day}.{}", extension(format));
    let disposition = format!("attachment; filename=\"{name}\"");
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(content_type(format)),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).expect("the name is ASCII"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        Body::from_stream(stream),
    )
        .into_response()
}

/// The file name's extension of an export in `format`.
pub fn extension(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "csv",
        ExportFormat::Xlsx => "xlsx",
        ExportFormat::Json => "json",
        ExportFormat::Markdown => "md",
    }
}

fn content_type(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Csv => "text/csv; charset=utf-8",
        ExportFormat::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ExportFormat::Json => "application/json",
        ExportFormat::Markdown => "text/markdown; charset=utf-8",
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ImportQuery {
    format: ImportFormat,
    #[serde(default)]
    preview: bool,
}

async fn import(
    State(app): State<Arc<App>>,
    query: Result<Query<ImportQuery>, axum::extract::rejection::QueryRejection>,
    request: Request,
) -> Response {
    let Ok(Query(query)) = query else {
        return ApiError::from(Error::BadArguments {
            command: "import".into(),
            reason: "give ?format=json or ?format=fiderCsv (and preview=true to check only)".into(),
        })
        .into_response();
    };
    let (parts, body) = request.into_parts();
    let spooled = match spool(body, app.config.max_upload, app.config.request_timeout).await {
        Ok(file) => file,
        Err(e) => return ApiError::from(e).into_response(),
    };
    // The import takes the writer: it joins the writers' queue only while it is short.
    let Some(admitted) = app.writes.enter() else {
        return super::api::busy(1);
    };
    let worker = Arc::clone(&app);
    let answer = tokio::task::spawn_blocking(move || {
        let now = Timestamp::now();
        let caller =
            auth::identify(&worker.slot, &parts.headers, true, now).map_err(|e| e.to_dto())?;
        let input = BufReader::new(spooled);
        worker.slot.run(&caller.session.actor(), |board, actor| {
            if query.preview {
                serde_json::to_value(ops::import_preview(board, actor, query.format, input, now)?)
                    .map_err(|e| Error::Internal(e.to_string()))
            } else {
                serde_json::to_value(ops::import(board, actor, query.format, input, now)?)
                    .map_err(|e| Error::Internal(e.to_string()))
            }
        })
    })
    .await;
    drop(admitted);
    match answer {
        Ok(Ok(value)) => Json(value).into_response(),
        Ok(Err(dto)) => ApiError(dto).into_response(),
        Err(panic) => {
            ApiError::from(Error::Internal(format!("the import failed: {panic}"))).into_response()
        }
    }
}

/// Reads the upload into an anonymous temporary file (gone when closed), refusing
/// it past `max` bytes (`RequestTooLarge`) or when no byte came for `idle`
/// (`RequestTooSlow`). The file is rewound for reading.
async fn spool(body: Body, max: u64, idle: Duration) -> Result<std::fs::File, Error> {
    let mut file = tempfile::tempfile()?;
    let mut stream = body.into_data_stream();
    let mut size: u64 = 0;
    let too_large = || Error::RequestTooLarge {
        max: usize::try_from(max).unwrap_or(usize::MAX),
    };
    loop {
        let next = match tokio::time::timeout(idle, stream.next()).await {
            Ok(next) => next,
            Err(_) => return Err(Error::RequestTooSlow),
        };
        let Some(chunk) = next else { break };
        let chunk = chunk.map_err(|e| Error::BadArguments {
            command: "import".into(),
            reason: format!("the upload was cut off: {e}"),
        })?;
        size += chunk.len() as u64;
        if size > max {
            return Err(too_large());
        }
        // Writes go to the page cache: short enough not to hold the event loop.
        file.write_all(&chunk)?;
    }
    file.rewind()?;
    Ok(file)
}

//! Live updates: `GET /api/live`, the board's change feed as Server-Sent Events,
//! filtered for the member of the request's session.
//!
//! One task follows the board for every stream: it polls the newest change seq (one
//! indexed read on the slot's feed connection), and when it moved lets the changes
//! of a burst gather for [`GATHER`], then reads everything new once, with what
//! decides who may see each entry (`ops::feed_batch`), and publishes that batch.
//! Each open stream takes its member's share of the batch (`ops::changes_in`: the
//! same rules as `ops::changes_since`, which never hands a fan an internal note,
//! hidden content or another member's private changes; it reads the board only for
//! the member's role and for entries addressed to voters or a notice's members). A
//! stream that fell behind the batches (a slow client, a reconnect with an old
//! `Last-Event-ID`) asks `ops::changes_since` itself. An idle server costs one read
//! per poll however many streams are open; a busy one, one feed read per window
//! plus a light share per stream.
//!
//! Each event is `event: board-changes`, `id: <latestSeq>`, `data: <ChangePage>`,
//! as the desktop's `board-changes` event. A browser's EventSource reconnects by
//! itself with `Last-Event-ID`, and the stream goes on from there (or says `reset`
//! when the feed no longer reaches back that far). The session is checked again
//! before each event: a revoked session's stream ends.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use ideaboard_api::events;
use ideaboard_core::model::ChangePage;
use ideaboard_core::ops::FeedBatch;
use ideaboard_core::session::FEED_PAGE;
use ideaboard_core::{Timestamp, ops};
use tokio::sync::watch;

use crate::App;
use crate::auth;
use crate::errors::ApiError;

/// How often the server looks at the board's newest change.
pub const POLL_EVERY: Duration = Duration::from_millis(100);

/// How long the changes of a burst gather after the board moved before they are
/// read: a busy board costs one feed read per window, not one per write, and an
/// update still shows within a second.
pub const GATHER: Duration = Duration::from_millis(500);

/// The newest batch of the board's feed, as the follower last read it (None until
/// the board is open). Every stream waits on it.
pub type Latest = watch::Receiver<Option<Arc<FeedBatch>>>;

/// Starts the task that reads the feed for every stream; its receiver is what
/// every stream waits on.
pub fn publish(
    app: &Arc<App>,
    tx: watch::Sender<Option<Arc<FeedBatch>>>,
) -> tokio::task::JoinHandle<()> {
    let app = Arc::clone(app);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // Where the published batches have read to.
        let mut read_to: Option<i64> = None;
        loop {
            tick.tick().await;
            let slot = Arc::clone(&app.slot);
            let Ok(Some(latest)) =
                tokio::task::spawn_blocking(move || slot.latest_change_seq()).await
            else {
                continue;
            };
            if read_to == Some(latest) {
                continue;
            }
            if read_to.is_some() {
                tokio::time::sleep(GATHER).await;
            }
            // From the last batch's end (or, the first time, from the newest
            // change: an empty batch that places new streams there), page by page.
            let mut after = read_to.unwrap_or(latest);
            loop {
                let slot = Arc::clone(&app.slot);
                let Ok(Some(batch)) =
                    tokio::task::spawn_blocking(move || slot.feed_batch(after)).await
                else {
                    break;
                };
                after = batch.latest_seq();
                read_to = Some(after);
                let more = batch.has_more();
                tx.send_replace(Some(Arc::new(batch)));
                if !more {
                    break;
                }
            }
        }
    })
}

/// Counts a stream as live while it exists.
struct LiveGuard(Arc<App>);

impl Drop for LiveGuard {
    fn drop(&mut self) {
        self.0.metrics.live(-1);
    }
}

/// One stream's state between events.
struct Follow {
    app: Arc<App>,
    headers: HeaderMap,
    latest: Latest,
    /// The last seq this stream told (or placed itself at).
    after: Option<i64>,
    /// Whether to wait for the board to move (and gather) before reading again.
    rest: bool,
    _guard: LiveGuard,
}

/// Where a client that opens a new stream had read to (`?after=<seq>`): a browser
/// sends `Last-Event-ID` only when it reconnects a stream by itself, not when the
/// page opens a new one after the server refused it.
#[derive(Debug, serde::Deserialize)]
pub struct LiveQuery {
    after: Option<i64>,
}

/// `GET /api/live`: the change feed for the caller, as Server-Sent Events.
pub async fn live(
    State(app): State<Arc<App>>,
    Query(query): Query<LiveQuery>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, ApiError> {
    // Refused at once for a token that is not (or no longer) a session.
    let check = Arc::clone(&app);
    let probe = headers.clone();
    tokio::task::spawn_blocking(move || {
        auth::identify(&check.slot, &probe, false, Timestamp::now()).map(|_| ())
    })
    .await
    .map_err(|e| ApiError::from(ideaboard_core::Error::Internal(e.to_string())))??;
    let after = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .or(query.after);
    app.metrics.live(1);
    let follow = Follow {
        app: Arc::clone(&app),
        headers,
        latest: app.latest.clone(),
        after,
        rest: false,
        _guard: LiveGuard(Arc::clone(&app)),
    };
    Ok(Sse::new(events_of(follow)).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

/// The events of one stream, until the client goes or its session ends.
fn events_of(follow: Follow) -> impl Stream<Item = Result<Event, Infallible>> {
    stream::unfold(Some(follow), |state| async move {
        let mut follow = state?;
        loop {
            if std::mem::take(&mut follow.rest) {
                // Wait for the next batch.
                follow.latest.changed().await.ok()?;
            }
            let batch = follow.latest.borrow_and_update().clone();
            let Some(batch) = batch else {
                follow.latest.changed().await.ok()?;
                continue;
            };
            // First place the cursor at the board's newest change, unless the
            // client came back with its own.
            let after = *follow.after.get_or_insert(batch.latest_seq());
            let page = next_page(&follow, batch, after).await?;
            follow.after = Some(page.latest_seq);
            if page.reset || page.has_more || !page.changes.is_empty() {
                let event = Event::default()
                    .event(events::BOARD_CHANGES.name)
                    .id(page.latest_seq.to_string())
                    .json_data(&page)
                    .ok()?;
                // A page cut short goes on at once; otherwise rest until news.
                follow.rest = !page.has_more;
                return Some((Ok(event), Some(follow)));
            }
            // Nothing this member may see.
            follow.rest = true;
        }
    })
}

/// What the stream's member may see after `after`: their share of `batch` when it
/// reaches back that far, else asked of the board. None ends the stream (the
/// session ended, the board closed).
async fn next_page(follow: &Follow, batch: Arc<FeedBatch>, after: i64) -> Option<ChangePage> {
    let app = Arc::clone(&follow.app);
    let headers = follow.headers.clone();
    tokio::task::spawn_blocking(move || {
        let now = Timestamp::now();
        let caller = auth::identify(&app.slot, &headers, false, now).ok()?;
        app.slot
            .run_read(
                &caller.session.actor(),
                |board, actor| match ops::changes_in(board, actor, &batch, after, FEED_PAGE)? {
                    Some(page) => Ok(page),
                    None => ops::changes_since(board, actor, after, FEED_PAGE),
                },
            )
            .ok()
    })
    .await
    .ok()?
}

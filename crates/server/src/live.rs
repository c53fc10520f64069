//! Live updates: `GET /api/live`, the board's change feed as Server-Sent Events,
//! filtered for the member of the request's session.
//!
//! One task polls the board's newest change seq (one indexed read on the slot's
//! feed connection) and publishes it; each open stream waits for it to move and only
//! then asks the core what its member may see since its own cursor
//! (`ops::changes_since`, which never hands a fan an internal note, hidden content
//! or another member's private changes). An idle server costs one read per poll
//! however many streams are open.
//!
//! Each event is `event: board-changes`, `id: <latestSeq>`, `data: <ChangePage>`,
//! as the desktop's `board-changes` event. A browser's EventSource reconnects by
//! itself with `Last-Event-ID`, and the stream goes on from there (or says `reset`
//! when the feed no longer reaches back that far). The session is checked again
//! before each event: a revoked session's stream ends. A stream reads at most once
//! per [`GATHER`], however busy the board.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use ideaboard_api::events;
use ideaboard_core::model::ChangePage;
use ideaboard_core::session::FEED_PAGE;
use ideaboard_core::{Timestamp, ops};
use tokio::sync::watch;

use crate::App;
use crate::auth;
use crate::errors::ApiError;

/// How often the server looks at the board's newest change.
pub const POLL_EVERY: Duration = Duration::from_millis(100);

/// How long a stream lets changes gather after the board moved before it asks
/// what its member may see: a busy board costs each stream at most one read per
/// window, not one per write (500 fans x 30 writes a second would be 15,000 reads
/// a second), and an update still shows within a second.
pub const GATHER: Duration = Duration::from_millis(500);

/// The board's newest change seq, as the poller last saw it (None until open).
pub type Latest = watch::Receiver<Option<i64>>;

/// Starts the poller; its receiver is what every stream waits on.
pub fn publish(app: &Arc<App>, tx: watch::Sender<Option<i64>>) -> tokio::task::JoinHandle<()> {
    let app = Arc::clone(app);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(POLL_EVERY);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            let slot = Arc::clone(&app.slot);
            if let Ok(latest) = tokio::task::spawn_blocking(move || slot.latest_change_seq()).await
            {
                tx.send_if_modified(|seen| {
                    let moved = latest.is_some() && *seen != latest;
                    if moved {
                        *seen = latest;
                    }
                    moved
                });
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

/// `GET /api/live`: the change feed for the caller, as Server-Sent Events.
pub async fn live(
    State(app): State<Arc<App>>,
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
        .and_then(|v| v.trim().parse::<i64>().ok());
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
                // Wait for the board to move, and let the changes of a burst gather.
                follow.latest.changed().await.ok()?;
                tokio::time::sleep(GATHER).await;
            }
            // First place the cursor at the board's newest change, unless the
            // client came back with its own.
            if follow.after.is_none() {
                let seen = *follow.latest.borrow_and_update();
                match seen {
                    Some(latest) => follow.after = Some(latest),
                    None => {
                        follow.latest.changed().await.ok()?;
                        continue;
                    }
                }
            }
            let page = next_page(&follow).await?;
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

/// What the stream's member may see after its cursor; None ends the stream (the
/// session ended, the board closed).
async fn next_page(follow: &Follow) -> Option<ChangePage> {
    let app = Arc::clone(&follow.app);
    let headers = follow.headers.clone();
    let after = follow.after?;
    tokio::task::spawn_blocking(move || {
        let now = Timestamp::now();
        let caller = auth::identify(&app.slot, &headers, false, now).ok()?;
        app.slot
            .run_read(&caller.session.actor(), |board, actor| {
                ops::changes_since(board, actor, after, FEED_PAGE)
            })
            .ok()
    })
    .await
    .ok()?
}

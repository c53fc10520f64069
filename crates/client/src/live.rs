//! Following a shared board: `GET /api/live`, the server's change feed for the
//! member as Server-Sent Events, on a thread of its own.
//!
//! Each `board-changes` event carries a `ChangePage` (the same payload the app's
//! local follower emits) and, as its id, the feed's seq it reaches; the follower
//! keeps the last one and comes back with it as `Last-Event-ID`, so nothing is
//! missed across a reconnect (the server says `reset` when its feed no longer
//! reaches back that far). When the server goes away (a restart, a SIGKILL, the
//! network) the follower says so and tries again by itself after a [`Backoff`]:
//! 1 s, doubling to 30 s, back to 1 s once a stream is open again. A stream silent
//! for longer than [`SILENCE`] (the server sends a keep-alive every 15 s) counts
//! as gone.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use ideaboard_core::{Error, ErrorDto};
use serde_json::Value;
use tokio::sync::Notify;

use crate::{REQUEST_TIMEOUT, Remote, USER_AGENT};

/// How long a stream may stay silent before it counts as gone: three of the
/// server's keep-alives.
pub const SILENCE: Duration = Duration::from_secs(45);

/// The name of the change feed's events.
const BOARD_CHANGES: &str = ideaboard_api::events::BOARD_CHANGES.name;

/// What the follower tells its owner.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// A stream is open: what happens on the board from now on arrives.
    Connected,
    /// One page of the change feed (the contract's `ChangePage` JSON).
    Page(Value),
    /// The stream is gone (or could not open); the follower tries again by itself.
    Disconnected(ErrorDto),
}

/// The wait before the next try: 1 s, doubling to 30 s; back to 1 s on success.
#[derive(Debug, Clone)]
pub struct Backoff {
    next: Duration,
}

impl Backoff {
    /// The first wait after the server went away.
    pub const FIRST: Duration = Duration::from_secs(1);
    /// The longest wait between tries.
    pub const MOST: Duration = Duration::from_secs(30);

    /// Starts at [`Backoff::FIRST`].
    pub fn new() -> Backoff {
        Backoff { next: Self::FIRST }
    }

    /// The wait before this try; the next one waits twice as long (at most
    /// [`Backoff::MOST`]).
    pub fn next_wait(&mut self) -> Duration {
        let wait = self.next;
        self.next = (self.next * 2).min(Self::MOST);
        wait
    }

    /// A stream opened: the next failure waits [`Backoff::FIRST`] again.
    pub fn reset(&mut self) {
        self.next = Self::FIRST;
    }
}

impl Default for Backoff {
    fn default() -> Self {
        Backoff::new()
    }
}

struct Stop {
    asked: AtomicBool,
    wake: Notify,
}

/// The follower's thread; stopped (and waited for) when dropped.
pub struct Live {
    stop: Arc<Stop>,
    thread: Option<JoinHandle<()>>,
}

impl Live {
    /// Follows the board of `remote` as its member from the feed's seq `after`
    /// (None: from now), handing every event to `on_event` on the follower's
    /// thread.
    pub fn follow(
        remote: Remote,
        after: Option<i64>,
        mut on_event: impl FnMut(LiveEvent) + Send + 'static,
    ) -> std::io::Result<Live> {
        let stop = Arc::new(Stop {
            asked: AtomicBool::new(false),
            wake: Notify::new(),
        });
        let asked = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("board-live".into())
            .spawn(move || {
                let mut cursor = after;
                let mut backoff = Backoff::new();
                let runtime = remote.runtime();
                while !asked.asked.load(Ordering::Relaxed) {
                    let ended = runtime.block_on(async {
                        tokio::select! {
                            why = stream(&remote, &mut cursor, &mut backoff, &mut on_event) => Some(why),
                            () = asked.wake.notified() => None,
                        }
                    });
                    let Some(why) = ended else { break };
                    if asked.asked.load(Ordering::Relaxed) {
                        break;
                    }
                    on_event(LiveEvent::Disconnected(why));
                    let wait = backoff.next_wait();
                    let stopped = runtime.block_on(async {
                        tokio::select! {
                            () = tokio::time::sleep(wait) => false,
                            () = asked.wake.notified() => true,
                        }
                    });
                    if stopped {
                        break;
                    }
                }
            })?;
        Ok(Live {
            stop,
            thread: Some(thread),
        })
    }

    /// Stops following and waits for the thread (its connection closes with it).
    pub fn stop(mut self) {
        self.halt();
    }

    fn halt(&mut self) {
        self.stop.asked.store(true, Ordering::Relaxed);
        // A stored permit: the thread wakes even if it was not waiting yet.
        self.stop.wake.notify_one();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.halt();
    }
}

fn gone(url: &str, why: impl std::fmt::Display) -> ErrorDto {
    Error::Unreachable(format!("{url}: {why}")).to_dto()
}

/// One stream, from opening to its end: why it ended.
async fn stream(
    remote: &Remote,
    cursor: &mut Option<i64>,
    backoff: &mut Backoff,
    on_event: &mut impl FnMut(LiveEvent),
) -> ErrorDto {
    let url = format!("{}/api/live", remote.base_url());
    let mut request = Request::get(&url)
        .header("accept", "text/event-stream")
        .header("user-agent", USER_AGENT);
    if let Some(token) = remote.bearer() {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    if let Some(seq) = cursor {
        request = request.header("last-event-id", seq.to_string());
    }
    let request = match request.body(Full::new(Bytes::new())) {
        Ok(request) => request,
        Err(e) => return Error::Internal(e.to_string()).to_dto(),
    };
    let response = match tokio::time::timeout(REQUEST_TIMEOUT, remote.http().request(request)).await
    {
        Ok(Ok(response)) => response,
        Ok(Err(e)) => return gone(&url, e),
        Err(_) => return gone(&url, "no answer"),
    };
    let status = response.status();
    if !status.is_success() {
        let bytes = response
            .into_body()
            .collect()
            .await
            .map(|c| c.to_bytes())
            .unwrap_or_default();
        return match crate::answer(remote.base_url(), "/api/live", status, &bytes) {
            Err(refused) => refused,
            Ok(_) => gone(&url, format!("HTTP {}", status.as_u16())),
        };
    }
    backoff.reset();
    on_event(LiveEvent::Connected);
    let mut body = response.into_body();
    let mut events = EventStream::default();
    loop {
        let frame = match tokio::time::timeout(SILENCE, body.frame()).await {
            Err(_) => return gone(&url, "the stream fell silent"),
            Ok(None) => return gone(&url, "the stream ended"),
            Ok(Some(Err(e))) => return gone(&url, e),
            Ok(Some(Ok(frame))) => frame,
        };
        let Ok(data) = frame.into_data() else {
            continue;
        };
        for event in events.push(&data) {
            if event.name.as_deref().unwrap_or("message") != BOARD_CHANGES {
                continue;
            }
            if let Some(seq) = event.id.as_deref().and_then(|i| i.trim().parse().ok()) {
                *cursor = Some(seq);
            }
            // A page that does not parse is skipped; the next one carries on.
            if let Ok(page) = serde_json::from_str::<Value>(&event.data) {
                on_event(LiveEvent::Page(page));
            }
        }
    }
}

/// One Server-Sent Event.
#[derive(Debug, Default, PartialEq, Eq)]
struct SseEvent {
    name: Option<String>,
    id: Option<String>,
    data: String,
}

/// Server-Sent Events out of the bytes of a stream, as they come (an event may
/// arrive in several pieces, or several in one).
#[derive(Default)]
struct EventStream {
    pending: Vec<u8>,
}

impl EventStream {
    /// Takes in `bytes`; answers the events they complete.
    fn push(&mut self, bytes: &[u8]) -> Vec<SseEvent> {
        // CRLF and LF both end a line; only LF is kept.
        self.pending
            .extend(bytes.iter().copied().filter(|&b| b != b'\r'));
        let mut out = Vec::new();
        while let Some(end) = self.pending.windows(2).position(|w| w == b"\n\n") {
            let block: Vec<u8> = self.pending.drain(..end + 2).collect();
            if let Some(event) = parse_block(&String::from_utf8_lossy(&block)) {
                out.push(event);
            }
        }
        out
    }
}

/// One event's lines; None for a block of comments only (a keep-alive).
fn parse_block(block: &str) -> Option<SseEvent> {
    let mut event = SseEvent::default();
    let mut data: Vec<&str> = Vec::new();
    for line in block.lines() {
        if line.is_empty() || line.starts_with(':') {
            continue;
        }
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => event.name = Some(value.to_string()),
            "id" => event.id = Some(value.to_string()),
            "data" => data.push(value),
            _ => {}
        }
    }
    if data.is_empty() {
        return None;
    }
    event.data = data.join("\n");
    Some(event)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_to_thirty_seconds_and_starts_over() {
        let mut backoff = Backoff::new();
        let waits: Vec<u64> = (0..7).map(|_| backoff.next_wait().as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 30, 30]);
        backoff.reset();
        assert_eq!(backoff.next_wait(), Duration::from_secs(1));
    }

    #[test]
    fn events_arrive_whole_however_the_bytes_are_cut() {
        let wire = b"event: board-changes\nid: 7\ndata: {\"latestSeq\":7}\n\n: keep-alive\n\n\
            event: board-changes\r\nid: 9\r\ndata: {\"a\":1,\r\ndata: \"b\":2}\r\n\r\n";
        for cut in 1..wire.len() {
            let mut stream = EventStream::default();
            let mut events = stream.push(&wire[..cut]);
            events.extend(stream.push(&wire[cut..]));
            assert_eq!(events.len(), 2, "cut at {cut}");
            assert_eq!(events[0].name.as_deref(), Some("board-changes"));
            assert_eq!(events[0].id.as_deref(), Some("7"));
            assert_eq!(events[0].data, "{\"latestSeq\":7}");
            assert_eq!(events[1].id.as_deref(), Some("9"));
            assert_eq!(events[1].data, "{\"a\":1,\n\"b\":2}");
        }
    }

    #[test]
    fn keep_alives_are_no_events() {
        let mut stream = EventStream::default();
        assert!(stream.push(b":\n\n: ping\n\n").is_empty());
    }
}

//! The window follows the board's change feed, so that a write by `ideaboard-cli`
//! or another process shows without a reload.
//!
//! A thread of its own asks the core what changed since the last seq it read
//! through the core's [`Follower`], as the member acting in the window at that
//! moment, every [`POLL_EVERY`], and sends the window the contract's `board-changes`
//! event only when there is news (changes, or a `reset`). The follower reads on the
//! slot's own read-only connection (a WAL snapshot), so it never waits for the
//! writer nor makes a command wait; when nothing changed a poll is one index look-up.
//! A member switch needs no reset (the UI reloads what it shows on a switch anyway);
//! after a restore the window gets `reset` and reloads. While the window shows a
//! shared board, that board's live stream follows it instead (crate::boards) and
//! this thread rests.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use ideaboard_api::events;
use ideaboard_core::session::Follower;
use tauri::{AppHandle, Emitter};

use crate::state::Shared;

/// How often the follower looks at the feed: well under the second a write may take
/// to show, with room for the UI's own coalescing.
pub const POLL_EVERY: Duration = Duration::from_millis(200);

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Only a thread handle is kept behind it: nothing half-done to fear.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The follower's thread, stopped when the app exits.
#[derive(Default)]
pub struct Following {
    stop: Arc<AtomicBool>,
    thread: Mutex<Option<JoinHandle<()>>>,
}

impl Following {
    /// Starts following the board of `shared` for the window: call once the board
    /// is open.
    pub fn start(&self, app: AppHandle, shared: Arc<Shared>) -> std::io::Result<()> {
        let stop = Arc::clone(&self.stop);
        let thread = std::thread::Builder::new()
            .name("board-follow".into())
            .spawn(move || {
                let mut follower = Follower::default();
                while !stop.load(Ordering::Relaxed) {
                    if !shared.boards.shows_local() {
                        std::thread::park_timeout(POLL_EVERY);
                        continue;
                    }
                    let page = follower.poll(&shared.slot, &shared.session.actor());
                    let more = page.as_ref().is_some_and(|p| p.has_more);
                    if let Some(page) = page {
                        // No window (closing): nothing to tell.
                        let _ = app.emit_to("main", events::BOARD_CHANGES.name, page);
                    }
                    if !more {
                        // Parked, so that `stop` wakes it at once.
                        std::thread::park_timeout(POLL_EVERY);
                    }
                }
            })?;
        *lock(&self.thread) = Some(thread);
        Ok(())
    }

    /// Stops the thread and waits for it (its connection closes with it).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = lock(&self.thread).take() {
            thread.thread().unpark();
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_when_asked() {
        let following = Following::default();
        following.stop();
        assert!(following.stop.load(Ordering::Relaxed));
    }
}

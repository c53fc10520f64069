//! The window follows the board's change feed, so that a write by `ideaboard-cli`
//! or another process shows without a reload.
//!
//! A thread of its own asks the core what changed since the last seq it read
//! (`ops::changes_since`), as the member acting in the window at that moment, every
//! [`POLL_EVERY`], and sends the window the contract's `board-changes` event only when there is news
//! (changes, or a `reset`). It reads on a read-only connection of its own
//! ([`OwnReader`], a WAL snapshot), so it never waits for the writer nor makes a
//! command wait; when nothing changed a poll is one index look-up.
//!
//! The cursor is board-wide and visibility is decided by the core on every read, so
//! a member switch needs no reset: the next poll already answers for the new member
//! (the UI reloads what it shows on a switch anyway). A restore closes the reader
//! while it moves the file ([`OwnReader::close`]); the reopened file's feed answers
//! the old cursor with `reset`, and the window reloads.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use ideaboard_api::events;
use ideaboard_core::model::ChangePage;
use ideaboard_core::{Board, Error, ops};
use tauri::{AppHandle, Emitter};

use crate::state::Shared;

/// How often the follower looks at the feed: well under the second a write may take
/// to show, with room for the UI's own coalescing.
pub const POLL_EVERY: Duration = Duration::from_millis(200);

/// The most changes one event carries; a longer burst comes as several pages, back
/// to back.
const PAGE: u32 = 500;

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Only an open connection is kept behind it: nothing half-done to fear.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// This window's own read-only connection to its board, for reads that must never
/// wait for the writer. Opened on first use and again after an error or a restore.
#[derive(Default)]
pub struct OwnReader {
    conn: Mutex<Option<Board>>,
}

impl OwnReader {
    /// Closes the connection and keeps it closed while the guard lives: a restore
    /// moves the board file, and a connection left open would keep reading (and
    /// holding the log of) the file moved away.
    pub fn close(&self) -> MutexGuard<'_, Option<Board>> {
        let mut conn = lock(&self.conn);
        *conn = None;
        conn
    }

    /// Runs `f` on the connection to the board at `path`, opening it if need be. An
    /// error closes the connection, so the next read starts afresh.
    pub fn read<T>(
        &self,
        path: &Path,
        f: impl FnOnce(&Board) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.read_mut(path, |board| f(board))
    }

    /// As [`OwnReader::read`], for callers that take the board as `&mut` (a
    /// contract command); the connection refuses any write all the same.
    pub fn read_mut<T>(
        &self,
        path: &Path,
        f: impl FnOnce(&mut Board) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut conn = lock(&self.conn);
        if conn.is_none() {
            *conn = Some(Board::open_read_only(path)?);
        }
        let result = f(conn.as_mut().expect("opened above"));
        if result.is_err() {
            *conn = None;
        }
        result
    }
}

/// Where the window has read the feed to.
#[derive(Debug, Default)]
pub struct Follower {
    /// The last seq read; None until the first poll places it at the board's newest.
    after: Option<i64>,
}

impl Follower {
    /// One look at the feed: the page to send to the window, if there is news. The
    /// first look only places the cursor at the newest seq: what the window loads
    /// then is already current.
    pub fn poll(&mut self, shared: &Shared) -> Option<ChangePage> {
        let path = shared.board_file().ok()?;
        let actor = shared.actor();
        let read = shared.reader.read(&path, |board| match self.after {
            None => ops::latest_change_seq(board).map(|latest| {
                self.after = Some(latest);
                None
            }),
            Some(after) => ops::changes_since(board, &actor, after, PAGE).map(Some),
        });
        // A board that does not open (yet) or a failed read: the next poll tries again.
        let page = read.ok()??;
        self.after = Some(page.latest_seq);
        (page.reset || !page.changes.is_empty() || page.has_more).then_some(page)
    }
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
                    let page = follower.poll(&shared);
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
    use ideaboard_core::model::{
        BackupKind, ChangeKind, IdeaStatus, NewIdea, NewMember, Priority, Role, StatusUpdate,
    };
    use ideaboard_core::{Actor, Timestamp, backups};

    const NOW: Timestamp = Timestamp::from_millis(1_796_000_000_000);

    /// A new fan profile, made on `board`.
    fn fan(board: &mut Board, name: &str) -> Actor {
        let input = NewMember {
            display_name: name.into(),
            role: Role::Fan,
            passphrase: None,
        };
        let fan = ops::create_member(board, &Actor::guest(), &input, NOW).unwrap();
        ops::act_as(board, &fan.id).unwrap()
    }

    /// A board with its owner and one idea, open in a window, and a second
    /// connection to the same file: another process.
    fn window() -> (tempfile::TempDir, Shared, Board, String, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.board");
        let mut board = Board::create(&path, "Team", NOW).unwrap();
        let owner = ops::create_owner(&mut board, "Ada", None, NOW).unwrap();
        let actor = ops::act_as(&board, &owner.id).unwrap();
        let idea = ops::submit_idea(
            &mut board,
            &actor,
            &NewIdea {
                title: "A dark mode for the app".into(),
                body: "Easier on the eyes at night.".into(),
                category: None,
                tags: vec![],
            },
            NOW,
        )
        .unwrap();
        let other = Board::open(&path, NOW).unwrap();
        (
            dir,
            Shared::with_open_board(board),
            other,
            owner.id,
            idea.idea.id,
        )
    }

    #[test]
    fn tells_the_window_only_what_changed_after_it_started() {
        let (_dir, shared, mut other, owner, idea) = window();
        let mut follower = Follower::default();
        assert_eq!(
            follower.poll(&shared),
            None,
            "the first poll only places the cursor"
        );
        assert_eq!(follower.poll(&shared), None, "nothing changed");

        let fan = fan(&mut other, "Bo");
        ops::vote(&mut other, &fan, &idea, Priority::Important, NOW).unwrap();
        let page = follower.poll(&shared).expect("the vote shows");
        assert!(!page.reset);
        assert!(
            page.changes
                .iter()
                .any(|c| c.kind == ChangeKind::Idea && c.id.as_deref() == Some(idea.as_str())),
            "{page:?}"
        );
        assert_eq!(follower.poll(&shared), None, "told once");

        let admin = ops::act_as(&other, &owner).unwrap();
        let update = StatusUpdate {
            idea_id: idea.clone(),
            to: IdeaStatus::Planned,
            note: Some("Coming in spring.".into()),
        };
        ops::change_status(&mut other, &admin, &update, NOW).unwrap();
        let page = follower.poll(&shared).expect("the status change shows");
        assert!(page.changes.iter().any(|c| c.kind == ChangeKind::Idea));
    }

    #[test]
    fn reads_while_a_command_holds_the_writer() {
        let (_dir, shared, mut other, _owner, _idea) = window();
        let mut follower = Follower::default();
        follower.poll(&shared);
        fan(&mut other, "Bo");
        let page = shared
            .run(|_, _| Ok(follower.poll(&shared)))
            .unwrap()
            .expect("read beside the running command");
        assert!(page.changes.iter().any(|c| c.kind == ChangeKind::Member));
    }

    #[test]
    fn a_reading_command_runs_beside_a_running_write_and_sees_what_was_committed() {
        let (_dir, shared, mut other, owner, idea) = window();
        shared.set_actor(ops::act_as(&other, &owner).unwrap());
        fan(&mut other, "Bo");
        // Inside a command that holds the writer, a reading command still answers,
        // from its own connection, with what the other process committed.
        let members = shared
            .run(|_, _| {
                Ok(shared
                    .run_read(|board, _| ops::list_members(board))
                    .unwrap())
            })
            .unwrap();
        assert!(members.iter().any(|m| m.display_name == "Bo"));
        // It reads as the window's member, and refuses to write.
        let detail = shared
            .run_read(|board, actor| ops::get_idea(board, actor, &idea, NOW))
            .unwrap();
        assert_eq!(detail.idea.id, idea);
        let refused = shared
            .run_read(|board, actor| ops::vote(board, actor, &idea, Priority::Critical, NOW))
            .unwrap_err();
        assert_eq!(refused.code, ideaboard_core::ErrorCode::ReadOnly);
    }

    #[test]
    fn a_restore_tells_the_window_to_reload() {
        let (dir, shared, other, owner, _idea) = window();
        drop(other);
        let backup = backups::take(
            &Board::open_read_only(dir.path().join("team.board")).unwrap(),
            BackupKind::Manual,
            NOW,
        )
        .unwrap();
        let mut follower = Follower::default();
        follower.poll(&shared);
        shared.set_actor(shared.run(|b, _| ops::act_as(b, &owner)).unwrap());
        shared
            .restore(&backup.file_name, NOW.plus_millis(1))
            .unwrap();
        let page = follower.poll(&shared).expect("the restore shows");
        assert!(page.reset, "{page:?}");
        assert_eq!(
            follower.poll(&shared),
            None,
            "and then follows the new file"
        );
    }

    #[test]
    fn stops_when_asked() {
        let following = Following::default();
        following.stop();
        assert!(following.stop.load(Ordering::Relaxed));
    }
}

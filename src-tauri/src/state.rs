//! The app's one board and the member acting in this window.
//!
//! The board opens on a background thread (creating the demo board on first run can
//! take a few seconds), so the window paints at once; commands that arrive before it
//! is ready wait for it. Every command runs on the blocking pool, never on the UI
//! thread; the mutex serialises them, as SQLite serialises writers anyway.
//!
//! After opening, the board is looked over in the background on a connection of its
//! own (the daily backup, then SQLite's quick check), so commands never wait on it.
//! A board that does not open can still be restored from its backups, or opened
//! read-only; a restore closes the board, puts the backup in its place and opens it
//! again.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use ideaboard_core::model::{BackupInfo, BoardHealth};
use ideaboard_core::{Actor, Board, Error, ErrorDto, Timestamp, backups, ops};

enum Slot {
    Opening,
    Open(Box<Board>),
    Failed(ErrorDto),
}

/// State shared by every command of the app.
pub struct Shared {
    slot: Mutex<Slot>,
    ready: Condvar,
    actor: Mutex<Actor>,
    /// Set to stop the export that is running; read outside the board's lock.
    export_cancel: Arc<AtomicBool>,
    /// The board file of this window, once known.
    path: Mutex<Option<PathBuf>>,
    health: Mutex<BoardHealth>,
    /// Held by the background look-over and by a restore: a restore must not move
    /// the file from under the look-over's connection.
    upkeep: Mutex<()>,
    /// The backup kept by the last restore made in this window: its undo, which the
    /// same person may do without signing in as an admin.
    undo: Mutex<Option<String>>,
    /// The window's own read-only connection, for the change feed's follower.
    pub(crate) reader: crate::follow::OwnReader,
    /// Another read-only connection, for the commands that only read: an export,
    /// analytics or a search runs on a WAL snapshot of its own, so it never waits
    /// behind a write and never makes one wait.
    read_side: crate::follow::OwnReader,
    /// The board file while the slot holds it open for writing: where `read_side`
    /// reads. Kept apart from the slot so that a read never waits for the slot's
    /// lock, which a running write holds.
    read_path: Mutex<Option<PathBuf>>,
}

impl Default for Shared {
    fn default() -> Self {
        Shared::with_slot(Slot::Opening)
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic inside an op cannot leave the board half-written (the transaction rolls
    // back), so a poisoned lock is safe to keep using.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    fn with_slot(slot: Slot) -> Self {
        Shared {
            slot: Mutex::new(slot),
            ready: Condvar::new(),
            actor: Mutex::new(Actor::guest()),
            export_cancel: Arc::default(),
            path: Mutex::new(None),
            health: Mutex::new(BoardHealth::default()),
            upkeep: Mutex::new(()),
            undo: Mutex::new(None),
            reader: Default::default(),
            read_side: Default::default(),
            read_path: Mutex::new(None),
        }
    }

    /// Opens (or on first run creates) the board and wakes waiting commands.
    pub fn open(&self, path: &Path) {
        *lock(&self.path) = Some(path.to_path_buf());
        let result = crate::launch::open_or_create_demo(path);
        let mut slot = lock(&self.slot);
        *slot = match result {
            Ok(board) => Slot::Open(Box::new(board)),
            Err(e) => Slot::Failed(e.to_dto()),
        };
        self.note_read_path(&slot);
        self.ready.notify_all();
    }

    /// The board file of this window; an error before it is known.
    pub fn board_file(&self) -> Result<PathBuf, ErrorDto> {
        lock(&self.path)
            .clone()
            .ok_or_else(|| Error::NotFound { what: "board" }.to_dto())
    }

    /// What the background look-over found so far.
    pub fn health(&self) -> BoardHealth {
        lock(&self.health).clone()
    }

    /// Looks the open board over on a connection of its own: takes the daily backup
    /// if one is due, then runs SQLite's quick check. Nothing for a board that did
    /// not open or was opened read-only.
    pub fn look_over(&self, now: Timestamp) -> BoardHealth {
        let _upkeep = lock(&self.upkeep);
        let writable = matches!(&*lock(&self.slot), Slot::Open(b) if !b.is_read_only());
        let Some(path) = lock(&self.path).clone().filter(|_| writable) else {
            return self.health();
        };
        let mut health = BoardHealth {
            checked: true,
            ..BoardHealth::default()
        };
        match Board::open_read_only(&path) {
            Ok(own) => {
                match backups::take_daily_if_due(&own, now) {
                    Ok(taken) => health.daily_backup = taken,
                    Err(e) => health.backup_error = Some(e.to_dto()),
                }
                match own.quick_check() {
                    Ok(problems) => health.problems = problems,
                    Err(e) => health.problems = vec![e.to_string()],
                }
            }
            Err(e) => health.problems = vec![e.to_string()],
        }
        *lock(&self.health) = health.clone();
        health
    }

    /// Opens the board that failed to open for reading only.
    pub fn open_read_only(&self) -> Result<(), ErrorDto> {
        let path = self.board_file()?;
        let mut slot = lock(&self.slot);
        if !matches!(*slot, Slot::Failed(_)) {
            return Err(Error::InvalidInput {
                field: "board",
                reason: "the board is open already".into(),
            }
            .to_dto());
        }
        let board = Board::open_read_only(&path).map_err(|e| e.to_dto())?;
        *slot = Slot::Open(Box::new(board));
        self.note_read_path(&slot);
        *lock(&self.health) = BoardHealth {
            read_only: true,
            checked: true,
            ..BoardHealth::default()
        };
        Ok(())
    }

    /// Puts the backup named `file_name` (one of this board's backups) in the
    /// board's place and opens the result. While the board is open only an admin
    /// may, except to undo the restore just made in this window; a board that does
    /// not open has no members to ask. Whatever happens, the board at the path is
    /// opened again afterwards. Returns the backup kept of the board it replaced.
    pub fn restore(&self, file_name: &str, now: Timestamp) -> Result<Option<BackupInfo>, ErrorDto> {
        let path = self.board_file()?;
        let _upkeep = lock(&self.upkeep);
        let _reader = self.reader.close();
        let _read_side = self.read_side.close();
        let mut slot = lock(&self.slot);
        while matches!(*slot, Slot::Opening) {
            slot = self.ready.wait(slot).unwrap_or_else(|p| p.into_inner());
        }
        let undoing = lock(&self.undo).as_deref() == Some(file_name);
        if let (Slot::Open(board), false) = (&*slot, undoing) {
            ops::authorize_restore(board, &lock(&self.actor)).map_err(|e| e.to_dto())?;
        }
        // Closing the board's connection first: the restore needs it closed.
        *slot = Slot::Opening;
        self.note_read_path(&slot);
        let restored = backups::restore_named(&path, file_name, now);
        *slot = match Board::open(&path, now) {
            Ok(board) => Slot::Open(Box::new(board)),
            Err(e) => Slot::Failed(e.to_dto()),
        };
        self.note_read_path(&slot);
        // The member acting stays signed in if the restored board has them.
        let mut actor = lock(&self.actor);
        let still_there =
            matches!(&*slot, Slot::Open(board) if ops::my_profile(board, &actor).is_ok());
        if !still_there {
            *actor = Actor::guest();
        }
        drop(actor);
        *lock(&self.health) = BoardHealth::default();
        self.ready.notify_all();
        let kept = restored.map_err(|e| e.to_dto())?;
        *lock(&self.undo) = kept.as_ref().map(|k| k.file_name.clone());
        Ok(kept)
    }

    /// A fresh cancel flag for an export about to start.
    pub fn start_export(&self) -> Arc<AtomicBool> {
        self.export_cancel.store(false, Ordering::Relaxed);
        Arc::clone(&self.export_cancel)
    }

    /// Asks the running export to stop at its next progress report.
    pub fn cancel_export(&self) {
        self.export_cancel.store(true, Ordering::Relaxed);
    }

    /// Puts an already open board in place (tests).
    pub fn with_open_board(board: Board) -> Self {
        let path = board.path().map(Path::to_path_buf);
        let shared = Shared::with_slot(Slot::Open(Box::new(board)));
        *lock(&shared.path) = path;
        shared.note_read_path(&lock(&shared.slot));
        shared
    }

    /// The member acting in this window now.
    pub fn actor(&self) -> Actor {
        lock(&self.actor).clone()
    }

    /// Makes `actor` the member acting in this window from now on.
    pub fn set_actor(&self, actor: Actor) {
        *lock(&self.actor) = actor;
    }

    /// Runs `f` on the board as the current actor, waiting while the board opens.
    pub fn run<T>(
        &self,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        let mut slot = lock(&self.slot);
        while matches!(*slot, Slot::Opening) {
            slot = self.ready.wait(slot).unwrap_or_else(|p| p.into_inner());
        }
        match &mut *slot {
            Slot::Open(board) => {
                let actor = lock(&self.actor).clone();
                f(board, &actor).map_err(|e| e.to_dto())
            }
            Slot::Failed(e) => Err(e.clone()),
            Slot::Opening => unreachable!("waited above"),
        }
    }

    /// Runs a command that only reads on the window's read-side connection (see
    /// `read_side`), as the acting member, never waiting for a running write. Until
    /// the board is open, and for a board opened read-only or one that did not open,
    /// it answers from the slot as [`Shared::run`] does.
    pub fn run_read<T>(
        &self,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        let path = lock(&self.read_path).clone();
        let Some(path) = path else {
            return self.run(f);
        };
        let actor = lock(&self.actor).clone();
        self.read_side
            .read_mut(&path, |board| f(board, &actor))
            .map_err(|e| e.to_dto())
    }

    /// Where reading commands read, after the slot changed: its file while it holds
    /// a board open for writing, nowhere otherwise.
    fn note_read_path(&self, slot: &Slot) {
        let readable = matches!(slot, Slot::Open(board) if !board.is_read_only());
        *lock(&self.read_path) = if readable {
            lock(&self.path).clone()
        } else {
            None
        };
    }

    /// Copies the write-ahead log into the board file while no command holds the
    /// board, so that a fan's commit never pays for a checkpoint. Skips at once when
    /// a command is running or the board is not open; a passive checkpoint never
    /// waits for readers or writers. Old changes of the feed go first (retention).
    /// Returns whether it ran.
    pub fn checkpoint_when_idle(&self) -> bool {
        let Ok(slot) = self.slot.try_lock() else {
            return false;
        };
        match &*slot {
            Slot::Open(board) => {
                let _ = board.prune_changes(Timestamp::now());
                board.checkpoint().is_ok()
            }
            _ => false,
        }
    }
}

/// How often the shell looks for an idle moment to checkpoint the board.
pub const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoints_only_while_no_command_holds_the_board() {
        let dir = std::env::temp_dir().join(format!("ideaboard-idle-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("idle.board");
        let _ = std::fs::remove_file(&path);
        let board = Board::create(&path, "Idle", Timestamp::now()).unwrap();
        let shared = Shared::with_open_board(board);

        assert!(shared.checkpoint_when_idle());
        let during = shared
            .run(|_, _| Ok(shared.checkpoint_when_idle()))
            .unwrap();
        assert!(!during, "a running command keeps the board to itself");
        assert!(
            !Shared::default().checkpoint_when_idle(),
            "nothing to do while opening"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[cfg(test)]
mod restore_tests {
    use super::*;
    use ideaboard_core::ErrorCode;
    use ideaboard_core::model::BackupKind;

    const NOW: Timestamp = Timestamp::from_millis(1_796_000_000_000);

    /// A board with its owner (an admin), one manual backup, open in a window.
    fn window() -> (tempfile::TempDir, Shared, String, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("team.board");
        let mut board = Board::create(&path, "Team", NOW).unwrap();
        let owner = ops::create_owner(&mut board, "Ada", None, NOW).unwrap();
        let backup = backups::take(&board, BackupKind::Manual, NOW).unwrap();
        (
            dir,
            Shared::with_open_board(board),
            owner.id,
            backup.file_name,
        )
    }

    #[test]
    fn a_restore_needs_an_admin_while_the_board_opens_except_its_own_undo() {
        let (_dir, shared, owner, backup) = window();
        let refused = shared.restore(&backup, NOW).unwrap_err();
        assert_eq!(refused.code, ErrorCode::NotSignedIn);
        let unknown = shared.restore("20261130T000000.000Z-manual.board", NOW);
        assert_eq!(unknown.unwrap_err().code, ErrorCode::NotSignedIn);

        let admin = shared.run(|b, _| ops::act_as(b, &owner)).unwrap();
        shared.set_actor(admin);
        let kept = shared.restore(&backup, NOW).unwrap().expect("kept");
        assert!(
            shared.run(|b, a| ops::my_profile(b, a)).is_ok(),
            "the admin is in the restored board, so stays signed in"
        );

        // Signed out, the same window may still undo its own restore, and only that.
        shared.set_actor(Actor::guest());
        let refused = shared.restore(&backup, NOW.plus_millis(1)).unwrap_err();
        assert_eq!(refused.code, ErrorCode::NotSignedIn);
        let undone = shared.restore(&kept.file_name, NOW.plus_millis(2)).unwrap();
        assert!(undone.is_some());
        assert!(
            shared.run(|b, _| ops::board_overview(b)).is_ok(),
            "open again"
        );
    }

    #[test]
    fn the_look_over_takes_the_daily_backup_once_and_finds_a_whole_board() {
        let (dir, shared, _, _) = window();
        let first = shared.look_over(NOW);
        assert!(first.checked && first.problems.is_empty() && !first.read_only);
        let daily = first.daily_backup.expect("the first look-over takes one");
        assert_eq!(daily.kind, BackupKind::Daily);
        assert!(
            shared
                .look_over(NOW.plus_millis(60_000))
                .daily_backup
                .is_none()
        );
        assert_eq!(shared.health(), shared.look_over(NOW.plus_millis(60_000)));
        let listed = backups::list(&dir.path().join("team.board")).unwrap();
        assert_eq!(listed.backups.len(), 2);
    }
}

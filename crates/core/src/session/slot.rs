//! The board a host serves, as a slot that is opening, open or failed to open.
//!
//! The board opens on a thread of the host's (creating the demo board on first run
//! can take a few seconds), so a window paints or a server listens at once; commands
//! that arrive before it is ready wait for it. The slot's mutex serialises writes,
//! as SQLite serialises writers anyway; reads run beside them on a read-only
//! connection of their own.
//!
//! After opening, the board is looked over on a connection of its own (the daily
//! backup, then SQLite's quick check), so commands never wait on it. A board that
//! does not open can still be restored from its backups, or opened read-only; a
//! restore closes the board, puts the backup in its place and opens it again.

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use crate::model::{BackupInfo, BoardHealth};
use crate::{Actor, Board, Error, ErrorDto, Timestamp, backups, ops};

use super::lock::lock;
use super::{OwnReader, ReaderPool, Session};

enum Slot {
    Opening,
    Open(Box<Board>),
    Failed(ErrorDto),
}

/// Where the slot's board is, for a host's health check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlotState {
    /// Still opening (creating the demo board, upgrading a schema).
    Opening,
    /// Open; `read_only` when it was opened for reading only.
    Open { read_only: bool },
    /// It did not open, and why.
    Failed(ErrorDto),
}

/// The one board of a host, shared by every session and command of it.
pub struct BoardSlot {
    slot: Mutex<Slot>,
    ready: Condvar,
    /// The board file, once known.
    path: Mutex<Option<PathBuf>>,
    health: Mutex<BoardHealth>,
    /// Held by the background look-over and by a restore: a restore must not move
    /// the file from under the look-over's connection.
    upkeep: Mutex<()>,
    /// The host's connection for following the change feed ([`super::Follower`]).
    pub(super) feed_reader: OwnReader,
    /// Read-only connections for the commands that only read: an export, analytics
    /// or a search runs on a WAL snapshot of its own, so it never waits behind a
    /// write and never makes one wait.
    read_side: ReaderPool,
    /// The board file while the slot holds it open for writing: where `read_side`
    /// reads. Kept apart from the slot so that a read never waits for the slot's
    /// lock, which a running write holds.
    read_path: Mutex<Option<PathBuf>>,
    /// What the slot holds, noted at each change, so a health check never waits for
    /// the slot's lock.
    state: Mutex<SlotState>,
}

impl Default for BoardSlot {
    /// A slot with one reading connection: a window, where one person reads.
    fn default() -> Self {
        BoardSlot::with_readers(1)
    }
}

fn wait_open<'a>(ready: &Condvar, mut slot: MutexGuard<'a, Slot>) -> MutexGuard<'a, Slot> {
    while matches!(*slot, Slot::Opening) {
        slot = ready.wait(slot).unwrap_or_else(|p| p.into_inner());
    }
    slot
}

impl BoardSlot {
    /// An empty slot whose reading commands share `readers` read-only connections
    /// (a server's: as many as reads should run at once).
    pub fn with_readers(readers: usize) -> Self {
        BoardSlot::with_slot(Slot::Opening, readers)
    }

    fn with_slot(slot: Slot, readers: usize) -> Self {
        BoardSlot {
            slot: Mutex::new(slot),
            ready: Condvar::new(),
            path: Mutex::new(None),
            health: Mutex::new(BoardHealth::default()),
            upkeep: Mutex::new(()),
            feed_reader: OwnReader::default(),
            read_side: ReaderPool::new(readers),
            read_path: Mutex::new(None),
            state: Mutex::new(SlotState::Opening),
        }
    }

    /// A slot holding an already open board (tests, tools).
    pub fn with_open_board(board: Board) -> Self {
        let path = board.path().map(Path::to_path_buf);
        let slot = BoardSlot::with_slot(Slot::Open(Box::new(board)), 1);
        *lock(&slot.path) = path;
        slot.note(&lock(&slot.slot));
        slot
    }

    /// Opens the board at `path` with `open` (e.g. [`Board::open_or_create_demo`])
    /// and wakes the commands waiting for it.
    pub fn open(&self, path: &Path, open: impl FnOnce(&Path) -> Result<Board, Error>) {
        *lock(&self.path) = Some(path.to_path_buf());
        let result = open(path);
        let mut slot = lock(&self.slot);
        *slot = match result {
            Ok(board) => Slot::Open(Box::new(board)),
            Err(e) => Slot::Failed(e.to_dto()),
        };
        self.note(&slot);
        self.ready.notify_all();
    }

    /// Whether the board is opening, open or failed to open; never waits for a
    /// running command.
    pub fn state(&self) -> SlotState {
        lock(&self.state).clone()
    }

    /// The board file; an error before it is known.
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
        self.note(&slot);
        *lock(&self.health) = BoardHealth {
            read_only: true,
            checked: true,
            ..BoardHealth::default()
        };
        Ok(())
    }

    /// Puts the backup named `file_name` (one of this board's backups) in the
    /// board's place and opens the result, for `session`. While the board is open
    /// only an admin may, except to undo the restore this session just made; a board
    /// that does not open has no members to ask. Whatever happens, the board at the
    /// path is opened again afterwards, and the session's member stays signed in
    /// only if the restored board has them. Returns the backup kept of the board it
    /// replaced.
    pub fn restore(
        &self,
        session: &Session,
        file_name: &str,
        now: Timestamp,
    ) -> Result<Option<BackupInfo>, ErrorDto> {
        let path = self.board_file()?;
        let _upkeep = lock(&self.upkeep);
        let _feed = self.feed_reader.close();
        let _read_side = self.read_side.close();
        let mut slot = wait_open(&self.ready, lock(&self.slot));
        if let (Slot::Open(board), false) = (&*slot, session.may_undo_with(file_name)) {
            ops::authorize_restore(board, &session.actor()).map_err(|e| e.to_dto())?;
        }
        // Closing the board's connection first: the restore needs it closed.
        *slot = Slot::Opening;
        self.note(&slot);
        let restored = backups::restore_named(&path, file_name, now);
        *slot = match Board::open(&path, now) {
            Ok(board) => Slot::Open(Box::new(board)),
            Err(e) => Slot::Failed(e.to_dto()),
        };
        self.note(&slot);
        let actor = session.actor();
        let still_there =
            matches!(&*slot, Slot::Open(board) if ops::my_profile(board, &actor).is_ok());
        if !still_there {
            session.set_actor(Actor::guest());
        }
        *lock(&self.health) = BoardHealth::default();
        self.ready.notify_all();
        let kept = restored.map_err(|e| e.to_dto())?;
        session.kept_by_restore(kept.as_ref().map(|k| k.file_name.clone()));
        Ok(kept)
    }

    /// Runs `f` on the board's writer as `actor`, waiting while the board opens.
    pub fn run<T>(
        &self,
        actor: &Actor,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        let mut slot = wait_open(&self.ready, lock(&self.slot));
        match &mut *slot {
            Slot::Open(board) => f(board, actor).map_err(|e| e.to_dto()),
            Slot::Failed(e) => Err(e.clone()),
            Slot::Opening => unreachable!("waited above"),
        }
    }

    /// Runs a command that only reads on the slot's read-side connection, as
    /// `actor`, never waiting for a running write. Until the board is open, and for
    /// a board opened read-only or one that did not open, it answers from the slot
    /// as [`BoardSlot::run`] does.
    pub fn run_read<T>(
        &self,
        actor: &Actor,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        let path = lock(&self.read_path).clone();
        let Some(path) = path else {
            return self.run(actor, f);
        };
        self.read_side
            .read_mut(&path, |board| f(board, actor))
            .map_err(|e| e.to_dto())
    }

    /// The board's newest change seq, read on the slot's feed connection (never
    /// waiting for a write); None while no board is open for writing or the read
    /// fails. A host that fans the feed out to many clients polls this, and asks
    /// `ops::changes_since` for each client only when it moved.
    pub fn latest_change_seq(&self) -> Option<i64> {
        let path = lock(&self.read_path).clone()?;
        self.feed_reader.read(&path, ops::latest_change_seq).ok()
    }

    /// Every change after `after` with who may see each, read once on the slot's
    /// feed connection for all of a host's followers (`ops::changes_in` gives each
    /// their share); None while no board is open for writing or the read fails.
    pub fn feed_batch(&self, after: i64) -> Option<ops::FeedBatch> {
        let path = lock(&self.read_path).clone()?;
        self.feed_reader
            .read(&path, |board| {
                ops::feed_batch(board, after, ops::CHANGES_LIMIT_MAX)
            })
            .ok()
    }

    /// Notes what the slot holds after it changed: its state, and where reading
    /// commands read (its file while it holds a board open for writing, nowhere
    /// otherwise).
    fn note(&self, slot: &Slot) {
        *lock(&self.state) = match slot {
            Slot::Opening => SlotState::Opening,
            Slot::Open(board) => SlotState::Open {
                read_only: board.is_read_only(),
            },
            Slot::Failed(e) => SlotState::Failed(e.clone()),
        };
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
    /// waits for readers or writers. Changes of the feed older than its retention at
    /// `now` go first. Returns whether it ran.
    pub fn checkpoint_when_idle(&self, now: Timestamp) -> bool {
        let Ok(slot) = self.slot.try_lock() else {
            return false;
        };
        match &*slot {
            Slot::Open(board) => {
                let _ = board.prune_changes(now);
                board.checkpoint().is_ok()
            }
            _ => false,
        }
    }
}

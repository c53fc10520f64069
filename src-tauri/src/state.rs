//! The app's one board and the member acting in this window.
//!
//! The board opens on a background thread (creating the demo board on first run can
//! take a few seconds), so the window paints at once; commands that arrive before it
//! is ready wait for it. Every command runs on the blocking pool, never on the UI
//! thread; the mutex serialises them, as SQLite serialises writers anyway.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};

use ideaboard_core::{Actor, Board, Error, ErrorDto, Timestamp, seed};
use tauri::{AppHandle, Manager};

/// Environment variable naming a board file to open instead of the default one.
pub const BOARD_ENV: &str = "IDEABOARD_BOARD";

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
}

impl Default for Shared {
    fn default() -> Self {
        Shared {
            slot: Mutex::new(Slot::Opening),
            ready: Condvar::new(),
            actor: Mutex::new(Actor::guest()),
            export_cancel: Arc::default(),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic inside an op cannot leave the board half-written (the transaction rolls
    // back), so a poisoned lock is safe to keep using.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    /// Opens (or on first run creates) the board and wakes waiting commands.
    pub fn open(&self, path: &Path) {
        let result = open_or_create_demo(path);
        let mut slot = lock(&self.slot);
        *slot = match result {
            Ok(board) => Slot::Open(Box::new(board)),
            Err(e) => Slot::Failed(e.to_dto()),
        };
        self.ready.notify_all();
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
        Shared {
            slot: Mutex::new(Slot::Open(Box::new(board))),
            ready: Condvar::new(),
            actor: Mutex::new(Actor::guest()),
            export_cancel: Arc::default(),
        }
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

    /// Copies the write-ahead log into the board file while no command holds the
    /// board, so that a fan's commit never pays for a checkpoint. Skips at once when
    /// a command is running or the board is not open; a passive checkpoint never
    /// waits for readers or writers. Returns whether it ran.
    pub fn checkpoint_when_idle(&self) -> bool {
        let Ok(slot) = self.slot.try_lock() else {
            return false;
        };
        match &*slot {
            Slot::Open(board) => board.checkpoint().is_ok(),
            _ => false,
        }
    }
}

/// How often the shell looks for an idle moment to checkpoint the board.
pub const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

/// The board this window opens: `$IDEABOARD_BOARD`, or `default.board` in the app's
/// data directory.
pub fn board_path(app: &AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(path) = std::env::var_os(BOARD_ENV) {
        return Ok(PathBuf::from(path));
    }
    let dir = app.path().app_data_dir()?;
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join("default.board"))
}

/// Opens the board, or creates the demo board when there is none yet. The demo is
/// built in a side file and renamed into place, so a crash mid-way leaves no
/// half-made board behind.
fn open_or_create_demo(path: &Path) -> Result<Board, Error> {
    if path.exists() {
        return Board::open(path);
    }
    let building = path.with_extension("board-building");
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", building.display()));
    }
    let now = Timestamp::now();
    {
        let mut board = Board::create(&building, seed::DEMO_BOARD_NAME, now)?;
        seed::demo(&mut board, seed::DEMO_SEED, now)?;
    }
    std::fs::rename(&building, path)?;
    Board::open(path)
}

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

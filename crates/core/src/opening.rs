//! Opening a board file for use. The store opens and checks it
//! ([`Board::open_unmigrated`]); when its schema is older than this build's, the
//! before-upgrade backup ([`crate::backups`]) is taken first, named by the caller's
//! `now`, and only then does the store migrate it. If that backup cannot be taken,
//! the board is not upgraded: the open is refused and the file is as it was.
//!
//! This sits above both the store and the backups, so that neither names the
//! other and the store never needs a clock.

use std::path::Path;

use crate::clock::Timestamp;
use crate::model::BackupKind;
use crate::store::Board;
use crate::{Result, backups, seed};

impl Board {
    /// Opens an existing board, upgrading its schema if it is older than this build
    /// (after a backup of the old board, taken at `now`). A file that is empty, cut
    /// short, not a board, from a newer build or read-only is refused unchanged, each
    /// with its own error. Hosts with no clock of their own pass `Timestamp::now()`.
    pub fn open(path: impl AsRef<Path>, now: Timestamp) -> Result<Board> {
        let opened = Board::open_unmigrated(path)?;
        if opened.upgrade_due().is_some() {
            backups::take(opened.board(), BackupKind::BeforeUpgrade, now)?;
        }
        opened.migrate()
    }

    /// Opens the board at `path`, or creates the demo board there when there is no
    /// file yet. The demo is built in a side file and renamed into place, so a crash
    /// mid-way leaves no half-made board behind.
    pub fn open_or_create_demo(path: &Path, now: Timestamp) -> Result<Board> {
        if path.exists() {
            return Board::open(path, now);
        }
        let building = path.with_extension("board-building");
        for side in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", building.display()));
        }
        {
            let mut board = Board::create(&building, seed::DEMO_BOARD_NAME, now)?;
            seed::demo(&mut board, seed::DEMO_SEED, now)?;
        }
        std::fs::rename(&building, path)?;
        Board::open(path, now)
    }
}

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
use crate::{Result, backups};

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
}

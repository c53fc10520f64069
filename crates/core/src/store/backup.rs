//! Backups of a board file: one consistent moment of the board, taken through
//! SQLite's online backup API, so the app (or another process) may keep writing
//! while it runs. The copy is written beside its destination and renamed into
//! place only when complete: a failed backup leaves no partial file. Restoring puts
//! a checked copy of a backup in the board's place and keeps the board it replaces.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::{Backup, StepResult};

use super::Board;
use crate::{Error, Result};

/// Every page in one step: one read transaction, so one consistent moment, and in
/// WAL mode it blocks no writer. Copied in several steps, a backup starts over
/// whenever another connection commits between two of them, so a board of more
/// than one step never finished backing up while another process (the app beside
/// the CLI, a second window) kept writing.
const ALL_PAGES: std::os::raw::c_int = -1;

impl Board {
    /// Copies the board to a new file at `to` (an existing file is refused: a
    /// backup never overwrites). Returns the copy's size in bytes.
    pub fn backup_to(&self, to: &Path) -> Result<u64> {
        if to.exists() {
            return Err(Error::InvalidInput {
                field: "backup file",
                reason: format!("{} exists already", to.display()),
            });
        }
        crate::files::write_then_rename(to, |partial| {
            let mut dest = Connection::open(partial)?;
            {
                let backup = Backup::new(&self.conn, &mut dest)?;
                // Busy or locked: another connection holds a lock for a moment.
                while backup.step(ALL_PAGES)? != StepResult::Done {
                    std::thread::sleep(Duration::from_millis(5));
                }
            }
            // A single file, with no log beside it, to move or mail as it is.
            dest.pragma_update(None, "journal_mode", "DELETE")?;
            let problems: String = dest.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if problems != "ok" {
                return Err(Error::Internal(format!(
                    "the backup does not check: {problems}"
                )));
            }
            drop(dest);
            std::fs::File::open(partial)?.sync_all()?;
            Ok(std::fs::metadata(partial)?.len())
        })
    }

    /// Puts the backup at `backup` in the place of the board file at `target`, all
    /// or nothing: the backup is copied beside `target`, opened as a board (which
    /// brings an older one up to this build's schema) and integrity-checked, and
    /// only then renamed over `target`. The board it replaces is kept as
    /// `<target>.before-restore` (an earlier one of that name is overwritten).
    /// Refused while `target` is open elsewhere (its write-ahead log is present).
    /// Returns where the replaced board was kept, if there was one.
    pub fn restore_backup(backup: &Path, target: &Path) -> Result<Option<PathBuf>> {
        let wal = PathBuf::from(format!("{}-wal", target.display()));
        if wal.exists() {
            return Err(Error::InvalidInput {
                field: "board",
                reason: format!(
                    "{} is open in another program (its write-ahead log is present); close it first",
                    target.display()
                ),
            });
        }
        let staged = crate::files::partial_path(target);
        let checked = (|| {
            std::fs::copy(backup, &staged)?;
            let board = Board::open(&staged)?;
            let problems = board.check_integrity()?;
            if !problems.is_empty() {
                return Err(Error::Internal(format!(
                    "the backup does not check: {}",
                    problems.join("; ")
                )));
            }
            board.conn.pragma_update(None, "journal_mode", "DELETE")?;
            Ok(())
        })();
        if let Err(e) = checked {
            for side in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{side}", staged.display()));
            }
            return Err(e);
        }
        let kept = if target.exists() {
            let kept = PathBuf::from(format!("{}.before-restore", target.display()));
            std::fs::rename(target, &kept)?;
            Some(kept)
        } else {
            None
        };
        std::fs::rename(&staged, target)?;
        Ok(kept)
    }
}

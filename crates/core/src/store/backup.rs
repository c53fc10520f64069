//! Backups of a board file: one consistent moment of the board, taken through
//! SQLite's online backup API in a single step (one read snapshot: in write-ahead-log
//! mode the app and other processes keep writing meanwhile, and the copy never has
//! to start over). The copy is written beside its destination and renamed into
//! place only when complete and checked: a failed backup leaves no partial file.
//! Restoring puts a checked copy of a backup in the board's place.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::Board;
use crate::clock::Timestamp;
use crate::{Error, Result};

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
                copy_in_one_step(&backup)?;
            }
            // A single file, with no log beside it, to move or mail as it is.
            dest.pragma_update(None, "journal_mode", "DELETE")?;
            let problems: String = dest.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
            if problems != "ok" {
                return Err(Error::BoardDamaged {
                    detail: format!("its backup does not check: {problems}"),
                });
            }
            drop(dest);
            std::fs::File::open(partial)?.sync_all()?;
            Ok(std::fs::metadata(partial)?.len())
        })
    }

    /// Puts the backup at `backup` in the place of the board file at `target`, all
    /// or nothing: the backup is copied beside `target`, opened as a board (which
    /// brings an older one up to this build's schema) and integrity-checked, and
    /// only then renamed over `target`. The board it replaces, with any log files
    /// of its own (a crash leaves them), is moved to `keep_as` first, so nothing is
    /// lost. Refused while `target` is open in another process. Call it with no
    /// connection to `target` open in this one. The copy's change feed gets a reset
    /// (at `now`) numbered past the replaced board's, so its followers reload.
    /// Returns whether there was a board to keep.
    pub(crate) fn restore_backup(
        backup: &Path,
        target: &Path,
        keep_as: &Path,
        now: Timestamp,
    ) -> Result<bool> {
        if open_elsewhere(target)? {
            return Err(Error::OpenElsewhere);
        }
        // Followers of the replaced board reset: the copy's feed continues past it.
        let replaced_seq = super::changes::latest_in_file(target).unwrap_or(0);
        let staged = crate::files::partial_path(target);
        let checked = (|| {
            std::fs::copy(backup, &staged)?;
            let board = Board::open_unmigrated(&staged)?.migrate()?;
            super::changes::mark_reset(&board.conn, replaced_seq, now)?;
            let problems = board.check_integrity()?;
            if !problems.is_empty() {
                return Err(Error::BoardDamaged {
                    detail: format!("the backup does not check: {}", problems.join("; ")),
                });
            }
            board.conn.pragma_update(None, "journal_mode", "DELETE")?;
            Ok(())
        })();
        if let Err(e) = checked {
            remove_with_logs(&staged);
            return Err(e);
        }
        let kept = target.exists();
        if kept {
            for side in ["-wal", "-shm", ""] {
                let from = PathBuf::from(format!("{}{side}", target.display()));
                if from.exists() {
                    std::fs::rename(&from, format!("{}{side}", keep_as.display()))?;
                }
            }
        }
        std::fs::rename(&staged, target)?;
        Ok(kept)
    }
}

/// Every page in one step (-1): one read snapshot of the source. Waits while the
/// destination is busy, for up to ten seconds.
fn copy_in_one_step(backup: &Backup<'_, '_>) -> Result<()> {
    use rusqlite::backup::StepResult;
    for _ in 0..500 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More | StepResult::Busy | StepResult::Locked => {
                std::thread::sleep(Duration::from_millis(20));
            }
            _ => std::thread::sleep(Duration::from_millis(20)),
        }
    }
    Err(Error::BoardBusy)
}

fn remove_with_logs(path: &Path) {
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", path.display()));
    }
}

/// Whether another process has the board at `path` open. Every SQLite connection
/// to a board in write-ahead-log mode holds a shared lock on one byte of the board's
/// `-shm` file for as long as it is open; this asks the system whether a write lock
/// there would conflict. Must not be called while this process has the board open:
/// closing the probe's file would drop this process's own locks on it.
#[cfg(unix)]
pub(crate) fn open_elsewhere(path: &Path) -> Result<bool> {
    use std::os::fd::AsRawFd;
    /// SQLite's "dead man switch" byte of the shared-memory file (os_unix.c,
    /// `UNIX_SHM_DMS`: (22 + 8) * 4 + 8).
    const SHM_DMS_BYTE: libc::off_t = 128;
    let shm = PathBuf::from(format!("{}-shm", path.display()));
    let file = match std::fs::File::open(&shm) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e.into()),
    };
    // SAFETY: `flock` is a plain C struct; all-zero is a valid value of it.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as libc::c_short;
    lock.l_whence = libc::SEEK_SET as libc::c_short;
    lock.l_start = SHM_DMS_BYTE;
    lock.l_len = 1;
    // SAFETY: a valid open descriptor and a pointer to a live `flock`.
    let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) };
    if rc == -1 {
        return Err(std::io::Error::last_os_error().into());
    }
    Ok(lock.l_type != libc::F_UNLCK as libc::c_short)
}

/// Elsewhere, a log file beside the board is the only sign.
#[cfg(not(unix))]
pub(crate) fn open_elsewhere(path: &Path) -> Result<bool> {
    Ok(PathBuf::from(format!("{}-wal", path.display())).exists())
}

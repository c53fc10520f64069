//! Backups of a board file, kept beside it in `<board file>.backups/`: one before
//! each schema upgrade, one on the first opening of each day, and those a person asks
//! for. Each kind keeps its newest few ([`keep`]); older ones are removed only after
//! a new one was written and checked. Restoring puts a checked copy of a backup in
//! the board's place and keeps the board it replaces among the backups, so a restore
//! can itself be undone.
//!
//! File names carry the time and the kind, `20261130T142608.123Z-daily.board`, so the
//! folder lists itself without an index to keep in step.

use std::path::{Path, PathBuf};

use time::OffsetDateTime;

use crate::clock::Timestamp;
use crate::model::{BackupInfo, BackupKind, BackupList};
use crate::store::Board;
use crate::{Error, Result};

const STAMP: &[time::format_description::BorrowedFormatItem<'static>] = time::macros::format_description!(
    "[year][month][day]T[hour][minute][second].[subsecond digits:3]Z"
);

/// How many backups of a kind are kept.
pub fn keep(kind: BackupKind) -> usize {
    match kind {
        BackupKind::Daily => 7,
        BackupKind::BeforeUpgrade => 3,
        BackupKind::Manual => 20,
        BackupKind::BeforeRestore => 5,
    }
}

fn kind_text(kind: BackupKind) -> &'static str {
    match kind {
        BackupKind::Daily => "daily",
        BackupKind::BeforeUpgrade => "before-upgrade",
        BackupKind::Manual => "manual",
        BackupKind::BeforeRestore => "before-restore",
    }
}

const KINDS: [BackupKind; 4] = [
    BackupKind::Daily,
    BackupKind::BeforeUpgrade,
    BackupKind::Manual,
    BackupKind::BeforeRestore,
];

/// The folder holding the backups of the board file at `board`.
pub fn folder(board: &Path) -> PathBuf {
    let name = board
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    board.with_file_name(format!("{name}.backups"))
}

/// The backups of the board file at `board`, newest first; none when the folder
/// does not exist yet. Files that are not backups are left out.
pub fn list(board: &Path) -> Result<BackupList> {
    let dir = folder(board);
    let mut backups = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(BackupList {
                folder: dir.display().to_string(),
                backups,
            });
        }
        Err(e) => return Err(e.into()),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((taken_at, kind)) = parse_name(&name) else {
            continue;
        };
        backups.push(BackupInfo {
            path: entry.path().display().to_string(),
            file_name: name,
            taken_at,
            kind,
            size_bytes: entry.metadata()?.len(),
        });
    }
    backups.sort_by(|a, b| {
        b.taken_at
            .cmp(&a.taken_at)
            .then(b.file_name.cmp(&a.file_name))
    });
    Ok(BackupList {
        folder: dir.display().to_string(),
        backups,
    })
}

/// Takes a backup of `board` of the given kind, then removes the oldest of that
/// kind beyond [`keep`]. The copy is one consistent moment of the board, checked
/// before it is kept (see [`Board::backup_to`]).
pub fn take(board: &Board, kind: BackupKind, now: Timestamp) -> Result<BackupInfo> {
    let path = board.path().ok_or_else(|| Error::InvalidInput {
        field: "board",
        reason: "a board in memory has no file to back up".into(),
    })?;
    let (dest, at) = free_place(path, now, kind)?;
    let size_bytes = board.backup_to(&dest)?;
    prune(path, kind)?;
    Ok(info(&dest, at, kind, size_bytes))
}

/// The daily backup: taken when the newest daily one is a day old or more (or there
/// is none). Returns the backup taken, if one was due.
pub fn take_daily_if_due(board: &Board, now: Timestamp) -> Result<Option<BackupInfo>> {
    let Some(path) = board.path() else {
        return Ok(None);
    };
    let recent = list(path)?.backups.iter().any(|b| {
        b.kind == BackupKind::Daily && now.millis() - b.taken_at.millis() < Timestamp::MS_PER_DAY
    });
    if recent {
        return Ok(None);
    }
    take(board, BackupKind::Daily, now).map(Some)
}

/// Puts the backup at `backup` in the place of the board file at `board` (see
/// [`Board::restore_backup`]) and keeps the board it replaced among the backups, as
/// a [`BackupKind::BeforeRestore`] one. Call it with no connection to `board` open
/// in this process. Returns the kept board, if there was one.
pub fn restore(board: &Path, backup: &Path, now: Timestamp) -> Result<Option<BackupInfo>> {
    let kind = BackupKind::BeforeRestore;
    let (keep_as, at) = free_place(board, now, kind)?;
    if !Board::restore_backup(backup, board, &keep_as, now)? {
        return Ok(None);
    }
    prune(board, kind)?;
    let size_bytes = std::fs::metadata(&keep_as)?.len();
    Ok(Some(info(&keep_as, at, kind, size_bytes)))
}

/// A file name of `kind` not yet taken in the board's backup folder (made if need
/// be), at `now` or the first free millisecond after it.
fn free_place(board: &Path, now: Timestamp, kind: BackupKind) -> Result<(PathBuf, Timestamp)> {
    let dir = folder(board);
    std::fs::create_dir_all(&dir)?;
    let mut at = now;
    loop {
        let candidate = dir.join(file_name(at, kind));
        if !candidate.exists() {
            return Ok((candidate, at));
        }
        at = at.plus_millis(1);
    }
}

fn info(path: &Path, taken_at: Timestamp, kind: BackupKind, size_bytes: u64) -> BackupInfo {
    BackupInfo {
        path: path.display().to_string(),
        file_name: file_name(taken_at, kind),
        taken_at,
        kind,
        size_bytes,
    }
}

/// [`restore`] of the backup called `file_name` in the board's own backup folder,
/// and of no other file: how a window names the backup to restore.
pub fn restore_named(board: &Path, file_name: &str, now: Timestamp) -> Result<Option<BackupInfo>> {
    let listed = list(board)?
        .backups
        .into_iter()
        .find(|b| b.file_name == file_name)
        .ok_or(Error::NotFound { what: "backup" })?;
    restore(board, Path::new(&listed.path), now)
}

/// Removes the oldest backups of `kind` beyond [`keep`], with any log files beside
/// them.
fn prune(board: &Path, kind: BackupKind) -> Result<()> {
    let all = list(board)?.backups;
    for old in all.iter().filter(|b| b.kind == kind).skip(keep(kind)) {
        for side in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{side}", old.path));
        }
    }
    Ok(())
}

fn file_name(at: Timestamp, kind: BackupKind) -> String {
    let dt = OffsetDateTime::from_unix_timestamp_nanos(i128::from(at.millis()) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let stamp = dt.format(&STAMP).unwrap_or_default();
    format!("{stamp}-{}.board", kind_text(kind))
}

fn parse_name(name: &str) -> Option<(Timestamp, BackupKind)> {
    let stem = name.strip_suffix(".board")?;
    let (stamp, kind) = stem.split_once("Z-")?;
    let kind = KINDS.into_iter().find(|k| kind_text(*k) == kind)?;
    let dt = time::PrimitiveDateTime::parse(&format!("{stamp}Z"), &STAMP).ok()?;
    let millis = dt.assume_utc().unix_timestamp_nanos() / 1_000_000;
    Some((Timestamp::from_millis(millis as i64), kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_time_and_kind_both_ways() {
        let at = Timestamp::from_millis(1_796_041_568_123);
        for kind in KINDS {
            let name = file_name(at, kind);
            assert_eq!(parse_name(&name), Some((at, kind)), "{name}");
        }
        assert_eq!(
            file_name(at, BackupKind::Daily),
            "20261130T122608.123Z-daily.board"
        );
        assert_eq!(parse_name("notes.txt"), None);
        assert_eq!(parse_name("20261130T142608.123Z-weekly.board"), None);
        assert_eq!(parse_name(".20261130T142608.123Z-daily.board.part"), None);
    }

    #[test]
    fn the_folder_sits_beside_the_board() {
        assert_eq!(
            folder(Path::new("/data/default.board")),
            Path::new("/data/default.board.backups")
        );
    }
}

//! Backups of a board file, as a window lists them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::clock::Timestamp;

/// Why a backup was taken; each kind keeps its own number of copies.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub enum BackupKind {
    /// The first opening of a day.
    Daily,
    /// Just before this build upgraded the board's schema.
    BeforeUpgrade,
    /// Asked for by a person ("Back up now", `ideaboard-cli backup`).
    Manual,
    /// The board as it was when a backup was restored over it: the undo of a restore.
    BeforeRestore,
}

/// One backup file in a board's backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The backup file's full path, as the restore command takes it back.
    pub path: String,
    pub file_name: String,
    pub taken_at: Timestamp,
    pub kind: BackupKind,
    pub size_bytes: u64,
}

/// Where the backups of a board live and what is in there, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BackupList {
    pub folder: String,
    pub backups: Vec<BackupInfo>,
}

/// What the app found when it looked the open board over in the background (after
/// opening: the daily backup, then SQLite's quick check of every page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BoardHealth {
    /// Opened with "Open read-only": nothing done in this window is saved.
    pub read_only: bool,
    /// Whether the background check has run yet.
    pub checked: bool,
    /// What the check found wrong, in SQLite's words; empty when the board is whole.
    pub problems: Vec<String>,
    /// The backup taken on this opening, if one was due.
    pub daily_backup: Option<BackupInfo>,
    /// Why the daily backup could not be taken (e.g. a full disk), if it could not.
    pub backup_error: Option<crate::ErrorDto>,
}

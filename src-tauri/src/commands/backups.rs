//! Commands of the board file itself: its backups, the background look-over's
//! findings, and what can be done with a board that does not open.

use std::sync::Arc;

use ideaboard_core::model::{BackupInfo, BackupList, BoardHealth};
use ideaboard_core::{Error, ErrorDto, Timestamp, backups, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// Runs `f` with the shared state on the blocking pool, outside the board's lock.
async fn off_thread<T: Send + 'static>(
    shared: &Arc<Shared>,
    f: impl FnOnce(&Shared) -> Result<T, ErrorDto> + Send + 'static,
) -> Result<T, ErrorDto> {
    let shared = Arc::clone(shared);
    tauri::async_runtime::spawn_blocking(move || f(&shared))
        .await
        .map_err(|e| Error::Internal(e.to_string()).to_dto())?
}

/// What the background look-over found (read-only, damage, the daily backup).
#[tauri::command]
pub async fn board_health(shared: State<'_, Arc<Shared>>) -> Result<BoardHealth, ErrorDto> {
    Ok(shared.health())
}

/// The board's backups, newest first; also while the board does not open.
#[tauri::command]
pub async fn list_backups(shared: State<'_, Arc<Shared>>) -> Result<BackupList, ErrorDto> {
    off_thread(&shared, |s| {
        backups::list(&s.board_file()?).map_err(|e| e.to_dto())
    })
    .await
}

/// Takes a backup now (admins).
#[tauri::command]
pub async fn backup_now(shared: State<'_, Arc<Shared>>) -> Result<BackupInfo, ErrorDto> {
    blocking(&shared, |board, actor| {
        ops::backup_now(board, actor, Timestamp::now())
    })
    .await
}

/// Puts one of the board's backups in its place and opens it; returns the backup
/// kept of the replaced board (admins, while the board opens).
#[tauri::command]
pub async fn restore_backup(
    shared: State<'_, Arc<Shared>>,
    file_name: String,
) -> Result<Option<BackupInfo>, ErrorDto> {
    off_thread(&shared, move |s| s.restore(&file_name, Timestamp::now())).await
}

/// Opens a board that did not open for reading only.
#[tauri::command]
pub async fn open_read_only(shared: State<'_, Arc<Shared>>) -> Result<(), ErrorDto> {
    off_thread(&shared, |s| s.open_read_only()).await
}

//! Commands of export and import: the files the team takes to its tools, and the
//! boards and Fider files it brings in. Paths come from the save and open dialogs
//! (or are typed); the core writes and reads them.

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use ideaboard_core::model::{
    ExportProgress, ExportRequest, ImportFormat, ImportPreview, ImportReport,
};
use ideaboard_core::{Error, ErrorDto, Timestamp, ops};
use tauri::State;
use tauri::ipc::Channel;

use super::blocking;
use crate::state::Shared;

/// Exports to `path`, all or nothing, reporting progress; `cancel_export` stops it.
/// Resolves to the bytes written.
#[tauri::command]
pub async fn export_board(
    shared: State<'_, Arc<Shared>>,
    request: ExportRequest,
    path: PathBuf,
    on_progress: Channel<ExportProgress>,
) -> Result<u64, ErrorDto> {
    let cancel = shared.start_export();
    blocking(&shared, move |board, actor| {
        let mut progress = |done, total| {
            // A closed window drops the channel; the export still finishes or stops.
            let _ = on_progress.send(ExportProgress { done, total });
            !cancel.load(Ordering::Relaxed)
        };
        ops::export_to_file(
            board,
            actor,
            &request,
            Timestamp::now(),
            &path,
            &mut progress,
        )
    })
    .await
}

/// Stops the running export; it removes its partial file.
#[tauri::command]
pub fn cancel_export(shared: State<'_, Arc<Shared>>) {
    shared.cancel_export();
}

/// What importing the file would write, or every problem with it; writes nothing.
#[tauri::command]
pub async fn import_preview(
    shared: State<'_, Arc<Shared>>,
    path: PathBuf,
    format: ImportFormat,
) -> Result<ImportPreview, ErrorDto> {
    blocking(&shared, move |board, actor| {
        let input = BufReader::new(File::open(&path).map_err(Error::from)?);
        ops::import_preview(board, actor, format, input, Timestamp::now())
    })
    .await
}

/// Imports the file, all or nothing.
#[tauri::command]
pub async fn import_board(
    shared: State<'_, Arc<Shared>>,
    path: PathBuf,
    format: ImportFormat,
) -> Result<ImportReport, ErrorDto> {
    blocking(&shared, move |board, actor| {
        let input = BufReader::new(File::open(&path).map_err(Error::from)?);
        ops::import(board, actor, format, input, Timestamp::now())
    })
    .await
}

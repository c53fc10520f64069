//! Export, a team feature: the board (or the ideas a filter selects) to CSV, XLSX,
//! JSON or a Markdown report, written as it is read from one snapshot.

use std::io::{BufWriter, Write};
use std::path::Path;

use super::Actor;
use super::actor::Who;
use crate::Result;
use crate::clock::Timestamp;
use crate::model::ExportRequest;
use crate::store::Board;

/// Writes the export `request` asks for to `out` (moderators and admins only).
/// `progress(done, total)` is called every thousand ideas and at the end; it
/// returns false to cancel, which ends the export with `Cancelled` (the caller
/// discards the partial file). `now` stamps the file and ends the report's period.
pub fn export(
    board: &Board,
    actor: &Actor,
    request: &ExportRequest,
    now: Timestamp,
    out: impl Write + Send,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<()> {
    board.read(|conn| {
        Who::load(conn, actor)?.team()?;
        crate::export::write_export(conn, request, now, out, progress)
    })
}

/// [`export`] to the file at `path`, all or nothing: written to a temporary file
/// beside it and renamed over `path` only once complete, so a failure or a cancel
/// leaves no partial file (and whatever was at `path` untouched). Returns the
/// bytes written.
pub fn export_to_file(
    board: &Board,
    actor: &Actor,
    request: &ExportRequest,
    now: Timestamp,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<u64> {
    crate::files::write_then_rename(path, |partial| {
        let file = std::fs::File::create(partial)?;
        let mut out = BufWriter::new(file);
        export(board, actor, request, now, &mut out, progress)?;
        let file = out.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        Ok(file.metadata()?.len())
    })
}

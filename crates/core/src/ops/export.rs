//! Export, a team feature: the board (or the ideas a filter selects) to CSV, XLSX,
//! JSON or a Markdown report, written as it is read from one snapshot.

use std::io::Write;

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

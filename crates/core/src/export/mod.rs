//! Exports for product teams: CSV, XLSX, the JSON bundle and a Markdown adoption
//! report, over the ideas an [`ExportFilter`] selects.
//!
//! Invariants: every format streams (rows go from SQLite to the writer one at a
//! time; nothing collects the board); passphrase hashes are never read; internal
//! notes leave only when asked for, and only in JSON and XLSX, marked internal;
//! deleted comments never leave except in the JSON bundle, which must be lossless.
//! Authorisation is the caller's ([`crate::ops::export`]).

pub mod cells;
mod csv;
mod json;
mod markdown;
mod progress;
mod xlsx;

use std::io::Write;

use rusqlite::Connection;

use crate::clock::Timestamp;
use crate::model::{ExportFilter, ExportFormat, ExportRequest};
use crate::store::dump::DumpScope;
use crate::store::export::IdeaScope;
use crate::store::taxonomy;
use crate::{Error, Result};

pub use progress::Progress;

/// Resolves a filter against the board: unknown categories are refused, unknown
/// tags match nothing, times must be RFC 3339.
pub(crate) fn scope(conn: &Connection, filter: &ExportFilter, hidden: bool) -> Result<IdeaScope> {
    let time = |t: &Option<String>| {
        t.as_deref()
            .map(|t| Timestamp::parse_rfc3339(t).map(Timestamp::millis))
            .transpose()
    };
    Ok(IdeaScope {
        statuses: filter
            .statuses
            .iter()
            .map(|s| s.as_str().to_string())
            .collect(),
        category_seq: filter
            .category
            .as_deref()
            .map(|slug| taxonomy::category_seq(conn, slug))
            .transpose()?,
        tag_seq: filter
            .tag
            .as_deref()
            .map(|name| taxonomy::tag_seq(conn, name))
            .transpose()?,
        created_from: time(&filter.created_from)?,
        created_to: time(&filter.created_to)?,
        min_votes: filter.min_votes.map(i64::from),
        include_merged: filter.include_merged,
        include_hidden: hidden,
    })
}

/// Writes the export of `request` to `out` over one read snapshot. `now` stamps
/// the file and ends the report's period.
pub(crate) fn write_export<W: Write + Send>(
    conn: &Connection,
    request: &ExportRequest,
    now: Timestamp,
    out: W,
    report: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<()> {
    let internal = request.include_internal;
    if internal && matches!(request.format, ExportFormat::Csv | ExportFormat::Markdown) {
        return Err(Error::InvalidInput {
            field: "include internal",
            reason: "internal notes export only to JSON or XLSX".into(),
        });
    }
    // The JSON bundle is a backup too: hidden ideas go with it, flagged.
    let hidden = request.format == ExportFormat::Json;
    let ideas = scope(conn, &request.filter, hidden)?;
    let total = crate::store::export::count_ideas(conn, &ideas)?;
    let mut progress = Progress::new(total, report);
    match request.format {
        ExportFormat::Csv => {
            let mut out = std::io::BufWriter::new(out);
            csv::write(conn, &ideas, &mut out, &mut progress)?;
            out.flush()?;
        }
        ExportFormat::Xlsx => xlsx::write(conn, &ideas, internal, out, &mut progress)?,
        ExportFormat::Json => {
            let mut out = std::io::BufWriter::new(out);
            let scope = DumpScope { ideas, internal };
            let filtered = !request.filter.is_whole_board();
            json::write(conn, &scope, filtered, now, &mut out, &mut progress)?;
            out.flush()?;
        }
        ExportFormat::Markdown => {
            let mut out = std::io::BufWriter::new(out);
            markdown::write(conn, &ideas, &request.filter, now, &mut out, &mut progress)?;
            out.flush()?;
        }
    }
    progress.finish()
}

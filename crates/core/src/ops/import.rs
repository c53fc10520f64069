//! Import, a team feature: a JSON bundle restored into an empty board, or a CSV of
//! ideas in Fider's posts.csv layout appended to it. All or nothing: a file with
//! problems is refused with every problem (`ImportRejected`) and the board is left
//! unchanged. The Fider file is checked whole before its one write transaction;
//! the bundle is checked as it streams into its transaction, which any problem
//! rolls back, so memory does not grow with the file.

use std::io::Read;

use serde_json::json;

use super::Actor;
use super::actor::{Who, audit};
use crate::clock::Timestamp;
use crate::import::{fider, json};
use crate::model::{ImportFormat, ImportPreview, ImportReport};
use crate::store::Board;
use crate::store::changes::Entry;
use crate::{Error, Result};

/// Imports `input` in `format` (moderators and admins only).
pub fn import(
    board: &mut Board,
    actor: &Actor,
    format: ImportFormat,
    input: impl Read,
    now: Timestamp,
) -> Result<ImportReport> {
    run(board, actor, format, input, now, Mode::Write)
}

/// What importing `input` would write, or every problem that would refuse it,
/// without writing anything: the same checks and inserts as [`import`], rolled
/// back. For the app's import dialog to show before it imports. Other failures
/// (not allowed, not readable) are errors as for [`import`].
pub fn import_preview(
    board: &mut Board,
    actor: &Actor,
    format: ImportFormat,
    input: impl Read,
    now: Timestamp,
) -> Result<ImportPreview> {
    match run(board, actor, format, input, now, Mode::Rehearse) {
        Ok(report) => Ok(ImportPreview {
            report: Some(report),
            problems: Vec::new(),
        }),
        Err(Error::ImportRejected { problems }) => Ok(ImportPreview {
            report: None,
            problems,
        }),
        Err(other) => Err(other),
    }
}

#[derive(Clone, Copy)]
enum Mode {
    Write,
    Rehearse,
}

impl Mode {
    fn transaction<T>(
        self,
        board: &mut Board,
        f: impl FnOnce(&mut crate::store::Tx<'_>) -> Result<T>,
    ) -> Result<T> {
        match self {
            Mode::Write => board.write(f),
            Mode::Rehearse => board.rehearse(f),
        }
    }
}

fn run(
    board: &mut Board,
    actor: &Actor,
    format: ImportFormat,
    input: impl Read,
    now: Timestamp,
    mode: Mode,
) -> Result<ImportReport> {
    // Refuse before reading a possibly large file.
    board.read(|conn| Who::load(conn, actor)?.team().map(|_| ()))?;
    let mut report = ImportReport::default();
    match format {
        ImportFormat::Json => mode.transaction(board, |tx| {
            Who::load(tx, actor)?.team()?;
            let report = json::restore(tx, input)?;
            tx.record(Entry::board(), now);
            Ok(report)
        }),
        ImportFormat::FiderCsv => {
            let rows = fider::read(input, &mut report)?;
            mode.transaction(board, |tx| {
                let importer = Who::load(tx, actor)?.team()?;
                fider::append(tx, &rows, importer, &mut report)?;
                tx.record(Entry::board(), now);
                audit(
                    tx,
                    importer,
                    "board.import",
                    "board".into(),
                    json!({ "format": "fider-csv", "ideas": report.ideas }),
                    now,
                )?;
                Ok(report)
            })
        }
    }
}

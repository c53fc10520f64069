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
use crate::Result;
use crate::clock::Timestamp;
use crate::import::{fider, json};
use crate::model::{ImportFormat, ImportReport};
use crate::store::Board;

/// Imports `input` in `format` (moderators and admins only).
pub fn import(
    board: &mut Board,
    actor: &Actor,
    format: ImportFormat,
    input: impl Read,
    now: Timestamp,
) -> Result<ImportReport> {
    // Refuse before reading a possibly large file.
    board.read(|conn| Who::load(conn, actor)?.team().map(|_| ()))?;
    let mut report = ImportReport::default();
    match format {
        ImportFormat::Json => board.write(|tx| {
            Who::load(tx, actor)?.team()?;
            json::restore(tx, input)
        }),
        ImportFormat::FiderCsv => {
            let rows = fider::read(input, &mut report)?;
            board.write(|tx| {
                let importer = Who::load(tx, actor)?.team()?;
                fider::append(tx, &rows, importer, &mut report)?;
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

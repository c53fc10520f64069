//! CSV: one row per idea, UTF-8 with a byte order mark (so Excel on a Chinese
//! Windows reads UTF-8, not GBK), RFC 4180 quoting (CRLF rows, quotes doubled,
//! fields with separators, quotes or line breaks quoted), every text cell
//! neutralised against formula injection.

use std::io::Write;

use rusqlite::Connection;

use super::Progress;
use super::cells::{neutralise, plain_text};
use crate::store::export::{self, IdeaOrder, IdeaScope};
use crate::{Error, Result};

/// The header row; the order of [`row`].
pub const COLUMNS: [&str; 17] = [
    "number",
    "title",
    "body",
    "category",
    "tags",
    "status",
    "votes",
    "votes_critical",
    "votes_important",
    "votes_nice_to_have",
    "comments",
    "author",
    "created",
    "last_status_change",
    "official_answer",
    "merged_into",
    "link_id",
];

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => Error::from(e),
        other => Error::Internal(format!("{other:?}")),
    }
}

pub(crate) fn write(
    conn: &Connection,
    scope: &IdeaScope,
    out: &mut impl Write,
    progress: &mut Progress<'_>,
) -> Result<()> {
    out.write_all("\u{feff}".as_bytes())?;
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(COLUMNS).map_err(csv_error)?;
    export::each_idea(conn, scope, IdeaOrder::Number, |idea| {
        let cells: [String; 17] = [
            idea.number.to_string(),
            neutralise(&idea.title).into_owned(),
            neutralise(&plain_text(&idea.body)).into_owned(),
            neutralise(idea.category.as_deref().unwrap_or("")).into_owned(),
            neutralise(&idea.tags).into_owned(),
            idea.status,
            idea.votes.to_string(),
            idea.critical.to_string(),
            idea.important.to_string(),
            idea.nice_to_have.to_string(),
            idea.comments.to_string(),
            neutralise(&idea.author).into_owned(),
            idea.created_at.to_rfc3339(),
            idea.last_change.map(|t| t.to_rfc3339()).unwrap_or_default(),
            neutralise(&idea.answer.as_deref().map(plain_text).unwrap_or_default()).into_owned(),
            idea.merged_into.map(|n| n.to_string()).unwrap_or_default(),
            idea.id,
        ];
        csv.write_record(&cells).map_err(csv_error)?;
        progress.tick()?;
        Ok(true)
    })?;
    csv.flush()?;
    Ok(())
}

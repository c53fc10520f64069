//! The JSON bundle writer: the whole board (or the filtered part) in the versioned
//! schema of docs/export-json.md. Written as it is read, one record per line inside
//! each table's array, so memory stays flat and the file diffs well.

use std::io::Write;

use serde::Serialize;

use super::Progress;
use crate::clock::Timestamp;
use crate::model::bundle::{FORMAT, Head, VERSION};
use crate::store::dump::{self, DumpScope};
use crate::store::dump_history as history;
use crate::{Error, Result};

/// Writes a JSON value, mapping serde's failure to the core's.
fn json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer(out, value).map_err(|e| Error::Internal(e.to_string()))
}

/// One table: `"name": [` then one record per line, then `]`.
struct Table<'w, W: Write> {
    out: &'w mut W,
    rows: u64,
}

impl<'w, W: Write> Table<'w, W> {
    fn open(out: &'w mut W, name: &str) -> Result<Self> {
        write!(out, ",\n  \"{name}\": [")?;
        Ok(Table { out, rows: 0 })
    }

    fn row(&mut self, value: &impl Serialize) -> Result<()> {
        self.out.write_all(if self.rows == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        json(self.out, value)?;
        self.rows += 1;
        Ok(())
    }

    fn close(self) -> Result<()> {
        if self.rows == 0 {
            self.out.write_all(b"]")?;
        } else {
            self.out.write_all(b"\n  ]")?;
        }
        Ok(())
    }
}

/// Writes one table from a dump function, ticking progress for idea rows.
macro_rules! table {
    ($out:expr, $name:literal, |$f:ident| $dump:expr) => {{
        let mut table = Table::open($out, $name)?;
        let mut $f = |row: _| table.row(&row);
        $dump?;
        table.close()?;
    }};
}

pub(crate) fn write(
    conn: &rusqlite::Connection,
    scope: &DumpScope,
    filtered: bool,
    now: Timestamp,
    out: &mut impl Write,
    progress: &mut Progress<'_>,
) -> Result<()> {
    let head = Head {
        format: FORMAT.into(),
        version: VERSION,
        exported_at: now.to_rfc3339(),
        internal: scope.internal,
        filtered,
    };
    write!(out, "{{\n  \"format\": ")?;
    json(out, &head.format)?;
    write!(out, ",\n  \"version\": {}", head.version)?;
    write!(out, ",\n  \"exportedAt\": ")?;
    json(out, &head.exported_at)?;
    write!(out, ",\n  \"internal\": {}", head.internal)?;
    write!(out, ",\n  \"filtered\": {}", head.filtered)?;
    write!(out, ",\n  \"board\": ")?;
    json(out, &dump::board(conn)?)?;
    table!(out, "members", |f| dump::members(conn, &mut f));
    table!(out, "categories", |f| dump::categories(conn, &mut f));
    table!(out, "tags", |f| dump::tags(conn, &mut f));
    {
        let mut table = Table::open(out, "ideas")?;
        let mut f = |row: _| {
            table.row(&row)?;
            progress.tick()
        };
        dump::ideas(conn, scope, &mut f)?;
        table.close()?;
    }
    table!(out, "votes", |f| dump::votes(conn, scope, &mut f));
    table!(out, "comments", |f| dump::comments(conn, scope, &mut f));
    table!(out, "reactions", |f| dump::reactions(conn, scope, &mut f));
    table!(out, "statusChanges", |f| dump::status_changes(
        conn, scope, &mut f
    ));
    table!(out, "follows", |f| history::follows(conn, scope, &mut f));
    table!(out, "pastFollows", |f| history::past_follows(
        conn, scope, &mut f
    ));
    table!(out, "notices", |f| history::notices(conn, scope, &mut f));
    table!(out, "noticeReads", |f| history::notice_reads(
        conn, scope, &mut f
    ));
    table!(out, "noticeMarks", |f| history::notice_marks(conn, &mut f));
    table!(out, "points", |f| history::points(conn, scope, &mut f));
    table!(out, "audit", |f| history::audit(conn, &mut f));
    table!(out, "reports", |f| dump::reports(conn, scope, &mut f));
    out.write_all(b"\n}\n")?;
    Ok(())
}

//! SQL of the board's totals (migration 11): how many listed ideas, votes, public
//! comments and members the board has, as the window's frame shows them.
//!
//! Invariant: `board_totals` equals [`recount`]'s count of the rows, kept so by
//! triggers in the transaction of every insert, delete or update that moves a count
//! (the listed ideas come from `idea_counts`, kept the same way), so reading the
//! totals is two small reads however large the board. [`mismatches`] reports where
//! they disagree.

use rusqlite::Connection;

use crate::Result;
use crate::model::BoardCounts;

/// A comment that counts: public or official, neither deleted nor hidden.
const COUNTED_COMMENT: &str = "kind <> 'internal' AND deleted_at IS NULL AND hidden_at IS NULL";

/// Triggers the bulk loader and a restore drop while they load (they [`recount`]
/// after).
pub(crate) const TRIGGERS: &[&str] = &[
    "board_totals_vote_insert",
    "board_totals_vote_delete",
    "board_totals_member_insert",
    "board_totals_member_delete",
    "board_totals_comment_insert",
    "board_totals_comment_delete",
    "board_totals_comment_update",
];

/// The board's totals: listed ideas, votes, public comments, members.
pub(crate) fn counts(conn: &Connection) -> Result<BoardCounts> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT coalesce(sum(n), 0) FROM idea_counts), votes, comments, members \
             FROM board_totals WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok(BoardCounts {
                ideas: r.get(0)?,
                votes: r.get(1)?,
                comments: r.get(2)?,
                members: r.get(3)?,
            })
        })?)
}

/// The totals counted from the rows.
fn counted_sql() -> String {
    format!(
        "SELECT (SELECT count(*) FROM votes), \
                (SELECT count(*) FROM comments WHERE {COUNTED_COMMENT}), \
                (SELECT count(*) FROM members)"
    )
}

/// Counts the totals from the rows again (a bulk-loaded board).
pub(crate) fn recount(conn: &Connection) -> Result<()> {
    conn.prepare_cached(&format!(
        "UPDATE board_totals SET (votes, comments, members) = ({}) WHERE id = 1",
        counted_sql()
    ))?
    .execute([])?;
    Ok(())
}

/// Stops keeping the totals while a restore loads millions of rows into an empty
/// board (a trigger per row cost a third of the whole import): drops their
/// triggers, in the restore's transaction, and returns their SQL for [`resume`].
pub(crate) fn pause(conn: &Connection) -> Result<Vec<String>> {
    super::drop_triggers(conn, &[TRIGGERS])
}

/// Keeps the totals again after [`pause`]: the triggers made again from their SQL,
/// the totals counted once from the rows.
pub(crate) fn resume(conn: &Connection, paused: &[String]) -> Result<()> {
    for sql in paused {
        conn.execute_batch(sql)?;
    }
    recount(conn)
}

/// Where the kept totals differ from a count of the rows (for `--verify` and the
/// property tests).
pub(crate) fn mismatches(conn: &Connection) -> Result<Vec<String>> {
    let kept: (i64, i64, i64) = conn
        .prepare_cached("SELECT votes, comments, members FROM board_totals WHERE id = 1")?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let counted: (i64, i64, i64) = conn.query_row(&counted_sql(), [], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(if kept == counted {
        Vec::new()
    } else {
        vec![format!(
            "board_totals (votes, comments, members) {kept:?} but recount {counted:?}"
        )]
    })
}

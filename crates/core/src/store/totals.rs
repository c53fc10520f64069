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

/// Triggers the bulk loader drops while it loads (it [`recount`]s after).
#[cfg(feature = "devtools")]
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
#[cfg(feature = "devtools")]
pub(crate) fn recount(conn: &Connection) -> Result<()> {
    conn.execute(
        &format!(
            "UPDATE board_totals SET (votes, comments, members) = ({}) WHERE id = 1",
            counted_sql()
        ),
        [],
    )?;
    Ok(())
}

/// Where the kept totals differ from a count of the rows (for `--verify` and the
/// property tests).
pub(crate) fn mismatches(conn: &Connection) -> Result<Vec<String>> {
    let kept: (i64, i64, i64) = conn.query_row(
        "SELECT votes, comments, members FROM board_totals WHERE id = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
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

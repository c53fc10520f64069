//! SQL behind the adoption view. Each query is an index scan over the indexes of
//! migration 4 (or the list indexes), so the figures stay fast on a large board.

use rusqlite::{Connection, params};

use super::cards;
use super::filter::{LISTED, open_statuses, static_sql};
use crate::Result;
use crate::model::{Category, IdeaStatus};

/// Listed ideas by category (None = uncategorised) and status, from the counts the
/// triggers of migration 4 keep.
pub(crate) fn idea_counts(conn: &Connection) -> Result<Vec<(Option<i64>, IdeaStatus, u32)>> {
    let mut stmt = conn
        .prepare_cached("SELECT nullif(category_seq, 0), status, n FROM idea_counts WHERE n > 0")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, Option<i64>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (category, status, count) = row?;
        out.push((category, IdeaStatus::parse(&status)?, count));
    }
    Ok(out)
}

/// Every category with its store key, in the board's order.
pub(crate) fn categories(conn: &Connection) -> Result<Vec<(i64, Category)>> {
    let mut stmt = conn
        .prepare_cached("SELECT seq, slug, name, name_en FROM categories ORDER BY position, seq")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            Category {
                slug: r.get(1)?,
                name: r.get(2)?,
                name_en: r.get(3)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// One listed idea's timing: its category, when it was submitted and when the
/// event being measured happened (milliseconds).
pub(crate) struct Timing {
    pub category_seq: Option<i64>,
    pub created_at: i64,
    pub at: i64,
}

fn timings(conn: &Connection, sql: &str) -> Result<Vec<Timing>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([], |r| {
        Ok(Timing {
            category_seq: r.get(0)?,
            created_at: r.get(1)?,
            at: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// For each listed idea that launched, when it did.
pub(crate) fn launch_timings(conn: &Connection) -> Result<Vec<Timing>> {
    timings(
        conn,
        "SELECT category_seq, created_at, launched_at FROM ideas INDEXED BY ideas_launched \
         WHERE hidden = 0 AND status <> 'merged' AND launched_at IS NOT NULL",
    )
}

/// For each listed idea the team answered in public, when it first did.
pub(crate) fn first_answer_timings(conn: &Connection) -> Result<Vec<Timing>> {
    timings(
        conn,
        "SELECT category_seq, created_at, answered_at FROM ideas INDEXED BY ideas_answered \
         WHERE hidden = 0 AND status <> 'merged' AND answered_at IS NOT NULL",
    )
}

/// The latest launches among listed ideas: (idea number, launched at, launch note).
pub(crate) fn latest_launches(
    conn: &Connection,
    limit: u32,
) -> Result<Vec<(i64, i64, Option<String>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.number, i.launched_at, \
                (SELECT s.note FROM status_changes s WHERE s.idea_no = i.number \
                 ORDER BY s.seq DESC LIMIT 1) \
         FROM ideas i INDEXED BY ideas_launched \
         WHERE i.hidden = 0 AND i.status <> 'merged' AND i.launched_at IS NOT NULL \
         ORDER BY i.launched_at DESC, i.number DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map(params![limit], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// When the team first answered the idea of the current `ideas` row in public: its
/// first official comment (not deleted) or status change with a note.
const ANSWERED_AT: &str = "(SELECT min(at) FROM ( \
        SELECT created_at AS at FROM comments INDEXED BY comments_official \
        WHERE idea_no = ideas.number AND kind = 'official' AND deleted_at IS NULL \
        UNION ALL \
        SELECT at FROM status_changes \
        WHERE idea_no = ideas.number AND note IS NOT NULL AND from_status IS NOT NULL))";

/// Its last launch, while its latest status change is a launch.
const LAUNCHED_AT: &str = "CASE WHEN (SELECT to_status FROM status_changes \
        WHERE idea_no = ideas.number ORDER BY seq DESC LIMIT 1) = 'launched' \
    THEN (SELECT max(at) FROM status_changes \
          WHERE idea_no = ideas.number AND to_status = 'launched') END";

/// Recomputes one idea's adoption times; every write that can move them calls it
/// in its own transaction (a status change, an official comment posted, deleted
/// or moved by a merge).
pub(crate) fn recount_idea(conn: &Connection, idea_no: i64) -> Result<()> {
    let sql = format!(
        "UPDATE ideas SET answered_at = {ANSWERED_AT}, launched_at = {LAUNCHED_AT} WHERE number = ?1"
    );
    conn.prepare_cached(&sql)?.execute([idea_no])?;
    Ok(())
}

/// Recomputes the adoption times of every idea that has any (a migrated or
/// bulk-loaded board).
pub(crate) fn recount_all(conn: &Connection) -> Result<()> {
    conn.prepare_cached(&format!(
            "UPDATE ideas SET answered_at = {ANSWERED_AT}, launched_at = {LAUNCHED_AT} WHERE number IN ( \
               SELECT idea_no FROM comments WHERE kind = 'official' AND deleted_at IS NULL \
               UNION SELECT idea_no FROM status_changes WHERE from_status IS NOT NULL)"
        ))?.execute([])?;
    Ok(())
}

/// Ideas whose stored adoption times differ from a recount (for `--verify` and
/// the property tests).
pub(crate) fn mismatches(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT number, answered_at, launched_at, a, l FROM ( \
           SELECT number, answered_at, launched_at, {ANSWERED_AT} AS a, {LAUNCHED_AT} AS l FROM ideas) \
         WHERE answered_at IS NOT a OR launched_at IS NOT l"
    ))?;
    let mut out: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!(
                "idea #{}: answered_at {:?}/{:?}, launched_at {:?}/{:?}",
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let sql = format!(
        "SELECT coalesce(k.category_seq, r.category_seq), coalesce(k.status, r.status), \
                coalesce(k.n, 0), coalesce(r.n, 0) \
         FROM idea_counts k FULL JOIN ( \
           SELECT coalesce(category_seq, 0) AS category_seq, status, count(*) AS n FROM ideas \
           WHERE {LISTED} GROUP BY 1, 2) r \
         ON r.category_seq = k.category_seq AND r.status = k.status \
         WHERE coalesce(k.n, 0) <> coalesce(r.n, 0)"
    );
    let mut stmt = conn.prepare(&sql)?;
    for row in stmt.query_map([], |r| {
        Ok(format!(
            "idea_counts category {} {}: {} but recount {}",
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })? {
        out.push(row?);
    }
    Ok(out)
}

/// A member's own ideas that fans can see (merged ones too: they show where they
/// went), newest first.
pub(crate) fn own_ideas(
    conn: &Connection,
    author_seq: i64,
    limit: u32,
) -> Result<Vec<crate::model::IdeaSummary>> {
    cards::summaries(
        conn,
        "SELECT * FROM ideas WHERE author_seq = ?1 AND hidden = 0 ORDER BY number DESC LIMIT ?2",
        vec![
            rusqlite::types::Value::Integer(author_seq),
            rusqlite::types::Value::Integer(i64::from(limit)),
        ],
        "number DESC",
        Some(author_seq),
    )
}

/// The oldest open ideas fans can see that the team has not answered in public
/// yet, oldest first: a scan of migration 7's `ideas_unanswered`.
pub(crate) fn oldest_unanswered(
    conn: &Connection,
    limit: u32,
) -> Result<Vec<crate::model::IdeaSummary>> {
    cards::summaries(
        conn,
        static_sql!(
            "SELECT * FROM ideas INDEXED BY ideas_unanswered \
             WHERE hidden = 0 AND status IN {} AND answered_at IS NULL \
             ORDER BY created_at, number LIMIT ?1",
            open_statuses()
        ),
        vec![rusqlite::types::Value::Integer(i64::from(limit))],
        "created_at, number",
        None,
    )
}

//! SQL of imports: the emptiness check, prepared inserts for every table a JSON
//! bundle fills (row keys as given, so a restored board keeps its numbers), and
//! the recount of everything derived once the rows are in. Runs inside the
//! import's one transaction; foreign keys are checked at its commit.

use rusqlite::{Connection, OptionalExtension, Statement, params};

use crate::Result;
use crate::clock::Timestamp;

/// The first kind of content the board already holds, if any: a JSON bundle
/// restores only into a board without ideas, taxonomy, history or notices.
pub(crate) fn first_content(conn: &Connection) -> Result<Option<&'static str>> {
    const TABLES: [(&str, &str); 7] = [
        ("ideas", "ideas"),
        ("categories", "categories"),
        ("tags", "tags"),
        ("points_ledger", "points history"),
        ("audit_log", "an audit log"),
        ("notices", "notifications"),
        ("notice_marks", "notifications"),
    ];
    for (table, what) in TABLES {
        let any: Option<i64> = conn
            .query_row(&format!("SELECT 1 FROM {table} LIMIT 1"), [], |r| r.get(0))
            .optional()?;
        if any.is_some() {
            return Ok(Some(what));
        }
    }
    Ok(None)
}

/// Page cache of a restore, in KiB: bounded, whatever the bundle's size. With
/// SQLite's default 2 MB a restore of the scale board spent half its time moving
/// pages of its own transaction between the cache and the file.
const RESTORE_CACHE_KIB: i64 = 128 * 1024;

/// Widens this connection's page cache for a restore; returns the previous
/// setting, for [`restore_cache`].
pub(crate) fn widen_cache(conn: &Connection) -> Result<i64> {
    let previous: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -RESTORE_CACHE_KIB)?;
    Ok(previous)
}

/// Puts back the page cache setting [`widen_cache`] returned.
pub(crate) fn restore_cache(conn: &Connection, previous: i64) -> Result<()> {
    conn.pragma_update(None, "cache_size", previous)?;
    Ok(())
}

/// The key of a member by public id, if present.
pub(crate) fn member_seq(conn: &Connection, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT seq FROM members WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The key of a member by display name (the first such), if present.
pub(crate) fn member_seq_by_name(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT seq FROM members WHERE display_name = ?1 ORDER BY seq LIMIT 1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

/// The highest idea number so far (0 on an empty board).
pub(crate) fn max_idea_number(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(number), 0) FROM ideas", [], |r| {
            r.get(0)
        })?,
    )
}

/// Inserts of a restore, prepared once.
pub(crate) struct Inserts<'c> {
    pub board: Statement<'c>,
    pub member: Statement<'c>,
    pub category: Statement<'c>,
    pub tag: Statement<'c>,
    pub idea: Statement<'c>,
    pub idea_tag: Statement<'c>,
    pub vote: Statement<'c>,
    pub comment: Statement<'c>,
    pub reaction: Statement<'c>,
    pub change: Statement<'c>,
    pub follow: Statement<'c>,
    pub past_follow: Statement<'c>,
    pub notice: Statement<'c>,
    pub notice_read: Statement<'c>,
    pub notice_mark: Statement<'c>,
    pub points: Statement<'c>,
    pub audit: Statement<'c>,
    pub report: Statement<'c>,
    /// The board totals' triggers, paused while the rows load (see [`recount_restored`]).
    pub paused_totals: Vec<String>,
}

impl<'c> Inserts<'c> {
    pub(crate) fn new(conn: &'c Connection) -> Result<Self> {
        // Rows may point forward (an idea merged into a later one): check at commit.
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        // Before anything is prepared: a schema change would make each re-prepare.
        let paused_totals = super::totals::pause(conn)?;
        Ok(Inserts {
            paused_totals,
            board: conn.prepare(
                "UPDATE board SET name = ?1, vote_budget = ?2, support_threshold = ?3, default_locale = ?4, \
                 edit_grace_minutes = ?5, created_at = ?6 WHERE id = 1",
            )?,
            member: conn.prepare(
                "INSERT INTO members (id, display_name, role, joined_at) VALUES (?1, ?2, ?3, ?4)",
            )?,
            category: conn.prepare(
                "INSERT INTO categories (slug, name, name_en, position) VALUES (?1, ?2, ?3, ?4)",
            )?,
            tag: conn.prepare("INSERT INTO tags (name) VALUES (?1)")?,
            idea: conn.prepare(
                "INSERT INTO ideas (number, id, title, body, body_html, excerpt, category_seq, author_seq, status, \
                 created_at, updated_at, merged_into, hidden, pinned, trending) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            )?,
            idea_tag: conn.prepare("INSERT INTO idea_tags (idea_no, tag_seq) VALUES (?1, ?2)")?,
            vote: conn.prepare(
                "INSERT INTO votes (idea_no, member_seq, priority, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?,
            comment: conn.prepare(
                "INSERT INTO comments (id, idea_no, parent_seq, author_seq, kind, body, body_html, created_at, \
                 edited_at, deleted_at, hidden_at, hidden_by, removed_by) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )?,
            reaction: conn.prepare(
                "INSERT INTO reactions (comment_seq, member_seq, reaction, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?,
            change: conn.prepare(
                "INSERT INTO status_changes (idea_no, from_status, to_status, actor_seq, note, note_html, at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            follow: conn.prepare(
                "INSERT INTO follows (idea_no, member_seq, since, from_notice) VALUES (?1, ?2, ?3, ?4)",
            )?,
            past_follow: conn.prepare(
                "INSERT INTO follows_past (member_seq, idea_no, from_notice, to_notice) VALUES (?1, ?2, ?3, ?4)",
            )?,
            notice: conn.prepare(
                "INSERT INTO notices (seq, to_member, kind, idea_no, actor_seq, status, comment_seq, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
            notice_read: conn.prepare(
                "INSERT INTO notice_reads (member_seq, notice_seq, read_at) VALUES (?1, ?2, ?3)",
            )?,
            notice_mark: conn.prepare(
                "INSERT INTO notice_marks (member_seq, read_through, marked_at) VALUES (?1, ?2, ?3)",
            )?,
            points: conn.prepare(
                "INSERT INTO points_ledger (member_seq, delta, reason, idea_no, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            audit: conn.prepare(
                "INSERT INTO audit_log (actor_seq, action, target, detail, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            report: conn.prepare(
                "INSERT INTO reports (member_seq, idea_no, comment_seq, reason, created_at, resolved_at, \
                 resolved_by, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?,
        })
    }
}

/// Recounts everything derived from the rows of a restore: the board's totals
/// (their triggers, `paused_totals`, made again), idea counters, members' points
/// (their ledger's sum), adoption times, the search index and its term counts
/// (rebuilt whole: the board had no ideas before), and trending scores that do not
/// agree with their rows.
pub(crate) fn recount_restored(conn: &Connection, paused_totals: &[String]) -> Result<()> {
    super::totals::resume(conn, paused_totals)?;
    conn.execute_batch(
        "UPDATE ideas SET \
           vote_count = (SELECT count(*) FROM votes WHERE idea_no = number), \
           vote_weight = (SELECT coalesce(sum(CASE priority WHEN 'critical' THEN 3 WHEN 'important' THEN 2 ELSE 1 END), 0) FROM votes WHERE idea_no = number), \
           comment_count = (SELECT count(*) FROM comments WHERE idea_no = number AND kind <> 'internal' AND deleted_at IS NULL AND hidden_at IS NULL); \
         UPDATE members SET points = (SELECT coalesce(sum(delta), 0) FROM points_ledger WHERE member_seq = members.seq);",
    )?;
    super::adoption::recount_all(conn)?;
    super::search::reindex_all(conn)?;
    super::search::rebuild_doc_frequencies(conn)?;
    recount_stale_trending(conn)?;
    Ok(())
}

/// A bundle's trending scores are kept as written, bit for bit (a recount of the
/// same events differs in the last bits), unless one does not agree with the
/// idea's restored rows (a damaged or hand-edited file): that one is recounted, as
/// every other derived value is.
fn recount_stale_trending(conn: &Connection) -> Result<()> {
    let scores: Vec<(i64, f64)> = conn
        .prepare("SELECT number, trending FROM ideas")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (number, kept) in scores {
        let recount = super::ideas::trending_from_rows(conn, number)?;
        if !crate::rank::agrees_with_recount(kept, recount) {
            super::ideas::store_trending(conn, number, recount)?;
        }
    }
    Ok(())
}

/// Inserts one idea of a Fider import (appended: number given, counters zero),
/// indexes it for search, and returns nothing; the caller adds its history.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_appended_idea(
    conn: &Connection,
    number: i64,
    id: &str,
    title: &str,
    body: &str,
    body_html: &str,
    excerpt: &str,
    author_seq: i64,
    created: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO ideas (number, id, title, body, body_html, excerpt, author_seq, status, created_at, updated_at, trending) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?8, 0)",
    )?
    .execute(params![number, id, title, body, body_html, excerpt, author_seq, created.millis()])?;
    super::search::index_idea(conn, number, None, title, body)?;
    Ok(())
}

/// Sets an appended idea's final status (and merge target), then recounts its
/// counters, trending score and adoption times from its rows.
pub(crate) fn finish_appended_idea(
    conn: &Connection,
    number: i64,
    status: &str,
    merged_into: Option<i64>,
    updated: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE ideas SET status = ?2, merged_into = ?3, updated_at = ?4 WHERE number = ?1",
    )?
    .execute(params![number, status, merged_into, updated.millis()])?;
    super::ideas::recount_counters(conn, number)?;
    super::ideas::recount_trending(conn, number)?;
    super::adoption::recount_idea(conn, number)?;
    Ok(())
}

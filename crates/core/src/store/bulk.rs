//! SQL for bulk loading generated boards and for preparing bench subjects.
//!
//! [`load`] runs a generator against a fresh board in one large transaction with
//! prepared statements: secondary indexes are dropped first and recreated from their
//! exact stored SQL at the end (one sort each instead of millions of random inserts),
//! foreign keys are checked by the caller afterwards (`Board::check_integrity`), and
//! the journal is kept in memory while loading. The caller supplies every counter
//! and score already computed, so the loaded board satisfies the same invariants as
//! one built through the ops. Only for throwaway, generated boards.

use rusqlite::{Connection, Statement, params};

use super::Board;
use crate::Result;
use crate::clock::Timestamp;
use crate::model::{PointsReason, Priority, VOTE_MILESTONES};

/// Tables whose secondary indexes are rebuilt after a bulk load.
const REBUILT: &str = "'members', 'ideas', 'idea_tags', 'votes', 'comments', 'follows', \
                       'points_ledger', 'status_changes', 'audit_log', 'notices', \
                       'reports', 'member_activity'";

/// An idea row with its counters and trending score already computed.
pub(crate) struct IdeaLoad<'a> {
    pub number: i64,
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub excerpt: &'a str,
    pub category_seq: i64,
    pub author_seq: i64,
    pub status: &'a str,
    pub created_at: i64,
    pub updated_at: i64,
    pub merged_into: Option<i64>,
    pub hidden: bool,
    pub pinned: bool,
    pub vote_count: i64,
    pub vote_weight: i64,
    pub comment_count: i64,
    pub trending: f64,
}

/// A comment row.
pub(crate) struct CommentLoad<'a> {
    pub seq: i64,
    pub id: &'a str,
    pub idea_no: i64,
    pub parent_seq: Option<i64>,
    pub author_seq: i64,
    pub kind: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub created_at: i64,
}

/// A status change row.
pub(crate) struct ChangeLoad<'a> {
    pub idea_no: i64,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub actor_seq: i64,
    pub note: Option<&'a str>,
    pub note_html: Option<&'a str>,
    pub at: i64,
}

/// Prepared inserts for every table a generated board fills.
pub(crate) struct Loader<'c> {
    category: Statement<'c>,
    tag: Statement<'c>,
    member: Statement<'c>,
    idea: Statement<'c>,
    idea_tag: Statement<'c>,
    vote: Statement<'c>,
    comment: Statement<'c>,
    change: Statement<'c>,
    follow: Statement<'c>,
    ledger: Statement<'c>,
    audit: Statement<'c>,
}

impl<'c> Loader<'c> {
    fn new(conn: &'c Connection) -> Result<Loader<'c>> {
        Ok(Loader {
            category: conn.prepare(
                "INSERT INTO categories (seq, slug, name, name_en, position) VALUES (?1, ?2, ?3, ?4, ?1)",
            )?,
            tag: conn.prepare("INSERT INTO tags (seq, name) VALUES (?1, ?2)")?,
            member: conn.prepare(
                "INSERT INTO members (seq, id, display_name, role, joined_at, points) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?,
            idea: conn.prepare(
                "INSERT INTO ideas (number, id, title, body, body_html, excerpt, category_seq, author_seq, status, \
                 created_at, updated_at, merged_into, hidden, pinned, vote_count, vote_weight, comment_count, trending) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )?,
            idea_tag: conn.prepare("INSERT INTO idea_tags (idea_no, tag_seq) VALUES (?1, ?2)")?,
            vote: conn.prepare(
                "INSERT INTO votes (idea_no, member_seq, priority, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?,
            comment: conn.prepare(
                "INSERT INTO comments (seq, id, idea_no, parent_seq, author_seq, kind, body, body_html, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?,
            change: conn.prepare(
                "INSERT INTO status_changes (idea_no, from_status, to_status, actor_seq, note, note_html, at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            follow: conn.prepare("INSERT INTO follows (idea_no, member_seq, since) VALUES (?1, ?2, ?3)")?,
            ledger: conn.prepare(
                "INSERT INTO points_ledger (member_seq, delta, reason, idea_no, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
            audit: conn.prepare(
                "INSERT INTO audit_log (actor_seq, action, target, detail, at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?,
        })
    }

    pub(crate) fn category(
        &mut self,
        seq: i64,
        slug: &str,
        name: &str,
        name_en: &str,
    ) -> Result<()> {
        self.category.execute(params![seq, slug, name, name_en])?;
        Ok(())
    }

    pub(crate) fn tag(&mut self, seq: i64, name: &str) -> Result<()> {
        self.tag.execute(params![seq, name])?;
        Ok(())
    }

    pub(crate) fn member(
        &mut self,
        seq: i64,
        id: &str,
        name: &str,
        role: &str,
        joined_at: i64,
        points: i64,
    ) -> Result<()> {
        self.member
            .execute(params![seq, id, name, role, joined_at, points])?;
        Ok(())
    }

    pub(crate) fn idea(&mut self, i: &IdeaLoad<'_>) -> Result<()> {
        self.idea.execute(params![
            i.number,
            i.id,
            i.title,
            i.body,
            i.body_html,
            i.excerpt,
            i.category_seq,
            i.author_seq,
            i.status,
            i.created_at,
            i.updated_at,
            i.merged_into,
            i.hidden,
            i.pinned,
            i.vote_count,
            i.vote_weight,
            i.comment_count,
            i.trending
        ])?;
        Ok(())
    }

    pub(crate) fn idea_tag(&mut self, idea_no: i64, tag_seq: i64) -> Result<()> {
        self.idea_tag.execute(params![idea_no, tag_seq])?;
        Ok(())
    }

    pub(crate) fn vote(
        &mut self,
        idea_no: i64,
        member_seq: i64,
        priority: Priority,
        at: i64,
    ) -> Result<()> {
        self.vote
            .execute(params![idea_no, member_seq, priority.as_str(), at])?;
        Ok(())
    }

    pub(crate) fn comment(&mut self, c: &CommentLoad<'_>) -> Result<()> {
        self.comment.execute(params![
            c.seq,
            c.id,
            c.idea_no,
            c.parent_seq,
            c.author_seq,
            c.kind,
            c.body,
            c.body_html,
            c.created_at
        ])?;
        Ok(())
    }

    pub(crate) fn change(&mut self, c: &ChangeLoad<'_>) -> Result<()> {
        self.change.execute(params![
            c.idea_no,
            c.from,
            c.to,
            c.actor_seq,
            c.note,
            c.note_html,
            c.at
        ])?;
        Ok(())
    }

    pub(crate) fn follow(&mut self, idea_no: i64, member_seq: i64, since: i64) -> Result<()> {
        self.follow.execute(params![idea_no, member_seq, since])?;
        Ok(())
    }

    pub(crate) fn ledger(
        &mut self,
        member_seq: i64,
        reason: PointsReason,
        idea_no: Option<i64>,
        at: i64,
    ) -> Result<()> {
        self.ledger.execute(params![
            member_seq,
            reason.points(),
            reason.as_str(),
            idea_no,
            at
        ])?;
        Ok(())
    }

    pub(crate) fn audit(
        &mut self,
        actor_seq: i64,
        action: &str,
        target: &str,
        detail: &str,
        at: i64,
    ) -> Result<()> {
        self.audit
            .execute(params![actor_seq, action, target, detail, at])?;
        Ok(())
    }
}

/// Runs `fill` with a [`Loader`] in one transaction over a fresh board, then rebuilds
/// the secondary indexes exactly as the migrations made them.
pub(crate) fn load<T>(
    board: &mut Board,
    fill: impl FnOnce(&mut Loader<'_>) -> Result<T>,
) -> Result<T> {
    let conn = &mut board.conn;
    let on_disk = board.path.is_some();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -524288; PRAGMA temp_store = MEMORY;",
    )?;
    if on_disk {
        // A fresh file: pages past its end need no rollback copy, so this costs little
        // and still lets a failed load roll back.
        conn.query_row("PRAGMA journal_mode = MEMORY", [], |_| Ok(()))?;
    }
    let result = (|| {
        let tx = conn.transaction()?;
        let indexes: Vec<(String, String)> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({REBUILT}) ORDER BY name"
            ))?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        for (name, _) in &indexes {
            tx.execute_batch(&format!("DROP INDEX \"{name}\""))?;
        }
        // The team's aggregate triggers would probe indexes that are gone, and the
        // totals' would run once per row; both are recounted at the end instead.
        let triggers =
            super::drop_triggers(&tx, &[super::team::TRIGGERS, super::totals::TRIGGERS])?;
        let value = {
            let mut loader = Loader::new(&tx)?;
            fill(&mut loader)?
        };
        // The team's aggregates, from the ledger and status changes loaded, before
        // the indexes come back (one sort for the rank index, not 200k inserts).
        super::team::rebuild(&tx)?;
        for (_, sql) in &indexes {
            tx.execute_batch(sql)?;
        }
        for sql in &triggers {
            tx.execute_batch(sql)?;
        }
        super::totals::recount(&tx)?;
        // Ideas went in as raw rows: build their full-text index in the same transaction.
        super::search::reindex_all(&tx)?;
        super::search::rebuild_doc_frequencies(&tx)?;
        // And their adoption times, from the comments and status changes loaded.
        super::adoption::recount_all(&tx)?;
        tx.commit()?;
        Ok(value)
    })();
    if on_disk {
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
    }
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -2000;",
    )?;
    result
}

/// Makes `count` fans who have not voted for the idea vote for it with `priority` at
/// `at`, the way [`crate::ops::vote`] would leave the board: each voter follows the
/// idea and earns the vote's points, counters and trending are recounted and the
/// author is paid the milestones reached. Fans are taken in seq order from
/// `first_seq`. Returns how many votes were added.
pub(crate) fn add_voters(
    conn: &Connection,
    idea_no: i64,
    count: i64,
    first_seq: i64,
    priority: Priority,
    at: Timestamp,
) -> Result<usize> {
    let voters: Vec<i64> = conn
        .prepare(
            "SELECT m.seq FROM members m WHERE m.role = 'fan' AND m.seq >= ?2 \
             AND NOT EXISTS (SELECT 1 FROM votes v WHERE v.idea_no = ?1 AND v.member_seq = m.seq) \
             ORDER BY m.seq LIMIT ?3",
        )?
        .query_map(params![idea_no, first_seq, count], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let reason = PointsReason::VoteCast;
    let mut vote = conn.prepare_cached(
        "INSERT INTO votes (idea_no, member_seq, priority, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?;
    let mut follow = conn.prepare_cached(
        "INSERT OR IGNORE INTO follows (idea_no, member_seq, since) VALUES (?1, ?2, ?3)",
    )?;
    let mut ledger = conn.prepare_cached(
        "INSERT INTO points_ledger (member_seq, delta, reason, idea_no, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let mut points =
        conn.prepare_cached("UPDATE members SET points = points + ?2 WHERE seq = ?1")?;
    for &seq in &voters {
        vote.execute(params![idea_no, seq, priority.as_str(), at.millis()])?;
        follow.execute(params![idea_no, seq, at.millis()])?;
        ledger.execute(params![
            seq,
            reason.points(),
            reason.as_str(),
            idea_no,
            at.millis()
        ])?;
        points.execute(params![seq, reason.points()])?;
    }
    super::ideas::recount_counters(conn, idea_no)?;
    super::ideas::recount_trending(conn, idea_no)?;
    let idea = super::ideas::by_number(conn, idea_no)?;
    let reached = VOTE_MILESTONES
        .iter()
        .filter(|&&m| idea.vote_count >= m)
        .count() as i64;
    let paid = super::ledger::count_entries(conn, idea_no, PointsReason::IdeaReachedVotes)?;
    for _ in paid..reached {
        super::ledger::grant(
            conn,
            idea.author_seq,
            PointsReason::IdeaReachedVotes,
            Some(idea_no),
            at,
        )?;
    }
    Ok(voters.len())
}

/// Makes fans who do not follow the idea yet follow it until it has `target`
/// followers (or the board runs out of fans). Returns the follower count.
pub(crate) fn add_followers(
    conn: &Connection,
    idea_no: i64,
    target: i64,
    since: Timestamp,
) -> Result<i64> {
    let have = super::notify::follower_count(conn, idea_no)?;
    if have < target {
        conn.execute(
            "INSERT INTO follows (idea_no, member_seq, since) \
             SELECT ?1, m.seq, ?3 FROM members m WHERE m.role = 'fan' \
             AND NOT EXISTS (SELECT 1 FROM follows f WHERE f.idea_no = ?1 AND f.member_seq = m.seq) \
             ORDER BY m.seq LIMIT ?2",
            params![idea_no, target - have, since.millis()],
        )?;
    }
    super::notify::follower_count(conn, idea_no)
}

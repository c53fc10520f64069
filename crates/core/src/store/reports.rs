//! SQL for members' reports and the team's moderation queue (migration 7).
//!
//! A report names an idea or a comment (exactly one); it is open until resolved or
//! dismissed, and a member holds at most one open report per item (a unique partial
//! index). The queue is hidden ideas, hidden comments, comments the team deleted,
//! and every item with open reports.

use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::clock::Timestamp;
use crate::model::{ContentKind, MemberRef, ReportOutcome, ReportReason, Role};

/// A reported item in store terms: an idea's number or a comment's seq.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Idea(i64),
    Comment(i64),
}

impl Item {
    fn keys(self) -> (Option<i64>, Option<i64>) {
        match self {
            Item::Idea(n) => (Some(n), None),
            Item::Comment(s) => (None, Some(s)),
        }
    }

    pub fn kind(self) -> ContentKind {
        match self {
            Item::Idea(_) => ContentKind::Idea,
            Item::Comment(_) => ContentKind::Comment,
        }
    }
}

/// Whether the member has an open report on the item.
pub(crate) fn has_open(conn: &Connection, member_seq: i64, item: Item) -> Result<bool> {
    let (idea, comment) = item.keys();
    Ok(conn
        .query_row(
            "SELECT 1 FROM reports WHERE resolved_at IS NULL AND member_seq = ?1 \
             AND coalesce(idea_no, 0) = coalesce(?2, 0) AND coalesce(comment_seq, 0) = coalesce(?3, 0)",
            params![member_seq, idea, comment],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Files a report; returns its seq.
pub(crate) fn insert(
    conn: &Connection,
    member_seq: i64,
    item: Item,
    reason: &str,
    now: Timestamp,
) -> Result<i64> {
    let (idea, comment) = item.keys();
    conn.execute(
        "INSERT INTO reports (member_seq, idea_no, comment_seq, reason, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![member_seq, idea, comment, reason, now.millis()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Closes every open report on the item; returns how many.
pub(crate) fn close_open(
    conn: &Connection,
    item: Item,
    outcome: ReportOutcome,
    by: i64,
    now: Timestamp,
) -> Result<usize> {
    let sql = match item {
        Item::Idea(_) => {
            "UPDATE reports SET resolved_at = ?2, resolved_by = ?3, outcome = ?4 \
             WHERE resolved_at IS NULL AND idea_no = ?1"
        }
        Item::Comment(_) => {
            "UPDATE reports SET resolved_at = ?2, resolved_by = ?3, outcome = ?4 \
             WHERE resolved_at IS NULL AND comment_seq = ?1"
        }
    };
    let key = match item {
        Item::Idea(n) | Item::Comment(n) => n,
    };
    Ok(conn.execute(sql, params![key, now.millis(), by, outcome.as_str()])?)
}

/// Open reports on the whole board.
pub(crate) fn open_count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM reports WHERE resolved_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// One queue entry in order: the item, its open reports and the latest one's time.
pub(crate) struct QueueKey {
    pub item: Item,
    pub open_reports: i64,
    pub last_reported_at: Option<i64>,
}

/// One page of the queue's keys: reported items first (most open reports, then
/// latest report), then hidden and removed content, latest first.
pub(crate) fn queue_page(conn: &Connection, offset: u32, limit: u32) -> Result<Vec<QueueKey>> {
    let mut stmt = conn.prepare_cached(
        "WITH open AS ( \
           SELECT idea_no, comment_seq, count(*) AS n, max(created_at) AS last \
           FROM reports WHERE resolved_at IS NULL GROUP BY idea_no, comment_seq) \
         SELECT k.idea_no, k.comment_seq, coalesce(o.n, 0) AS n, o.last, max(k.at) AS at \
         FROM ( \
           SELECT number AS idea_no, NULL AS comment_seq, created_at AS at FROM ideas WHERE hidden <> 0 \
           UNION ALL SELECT NULL, seq, hidden_at FROM comments WHERE hidden_at IS NOT NULL \
           UNION ALL SELECT NULL, seq, deleted_at FROM comments WHERE removed_by IS NOT NULL \
           UNION ALL SELECT idea_no, comment_seq, last FROM open) k \
         LEFT JOIN open o ON o.idea_no IS k.idea_no AND o.comment_seq IS k.comment_seq \
         GROUP BY k.idea_no, k.comment_seq \
         ORDER BY n DESC, o.last DESC, at DESC, k.idea_no DESC, k.comment_seq DESC \
         LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt.query_map(params![limit, offset], |r| {
        let idea: Option<i64> = r.get(0)?;
        let comment: Option<i64> = r.get(1)?;
        Ok(QueueKey {
            item: match (idea, comment) {
                (Some(n), _) => Item::Idea(n),
                (None, Some(s)) => Item::Comment(s),
                (None, None) => Item::Idea(0),
            },
            open_reports: r.get(2)?,
            last_reported_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The latest open reports on the item, newest first.
pub(crate) fn open_reasons(conn: &Connection, item: Item, limit: u32) -> Result<Vec<ReportReason>> {
    let sql = match item {
        Item::Idea(_) => {
            "SELECT m.id, m.display_name, m.role, r.reason, r.created_at FROM reports r \
             JOIN members m ON m.seq = r.member_seq \
             WHERE r.resolved_at IS NULL AND r.idea_no = ?1 ORDER BY r.seq DESC LIMIT ?2"
        }
        Item::Comment(_) => {
            "SELECT m.id, m.display_name, m.role, r.reason, r.created_at FROM reports r \
             JOIN members m ON m.seq = r.member_seq \
             WHERE r.resolved_at IS NULL AND r.comment_seq = ?1 ORDER BY r.seq DESC LIMIT ?2"
        }
    };
    let key = match item {
        Item::Idea(n) | Item::Comment(n) => n,
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![key, limit], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
        ))
    })?;
    rows.map(|row| {
        let (id, display_name, role, reason, at) = row?;
        Ok(ReportReason {
            reporter: MemberRef {
                id,
                display_name,
                role: Role::parse(&role)?,
            },
            reason,
            at: Timestamp::from_millis(at),
        })
    })
    .collect()
}

/// What the queue shows of a comment: (id, idea number, kind, body, author id, name,
/// role, created, hidden, removed by the team).
pub(crate) type CommentFacts = (
    String,
    i64,
    String,
    String,
    String,
    String,
    String,
    i64,
    bool,
    bool,
);

pub(crate) fn comment_facts(conn: &Connection, seq: i64) -> Result<CommentFacts> {
    Ok(conn.query_row(
        "SELECT c.id, c.idea_no, c.kind, c.body, m.id, m.display_name, m.role, c.created_at, \
                c.hidden_at IS NOT NULL, c.removed_by IS NOT NULL \
         FROM comments c JOIN members m ON m.seq = c.author_seq WHERE c.seq = ?1",
        [seq],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        },
    )?)
}

/// What the queue shows of an idea: (id, title, body, author id, name, role,
/// created, hidden).
pub(crate) type IdeaFacts = (String, String, String, String, String, String, i64, bool);

pub(crate) fn idea_facts(conn: &Connection, number: i64) -> Result<IdeaFacts> {
    Ok(conn.query_row(
        "SELECT i.id, i.title, i.body, m.id, m.display_name, m.role, i.created_at, i.hidden \
         FROM ideas i JOIN members m ON m.seq = i.author_seq WHERE i.number = ?1",
        [number],
        |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        },
    )?)
}

//! SQL for comments and reactions.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::clock::Timestamp;
use crate::model::{CommentKind, CommentView, MemberRef, Reaction, ReactionCount, Role};
use crate::{Error, Result};

/// A comment as ops need it to decide.
#[derive(Debug, Clone)]
pub(crate) struct CommentRow {
    pub seq: i64,
    pub id: String,
    pub idea_no: i64,
    pub author_seq: i64,
    pub kind: CommentKind,
    pub created_at: Timestamp,
    pub deleted: bool,
    /// Hidden by the team (migration 7).
    pub hidden: bool,
}

pub(crate) fn by_id(conn: &Connection, id: &str) -> Result<CommentRow> {
    type Raw = (i64, String, i64, i64, String, i64, bool, bool);
    let raw: Option<Raw> = conn.prepare_cached("SELECT seq, id, idea_no, author_seq, kind, created_at, deleted_at IS NOT NULL, hidden_at IS NOT NULL \
             FROM comments WHERE id = ?1")?.query_row([id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?)))
        .optional()?;
    let raw = raw.ok_or(Error::NotFound { what: "comment" })?;
    Ok(CommentRow {
        seq: raw.0,
        id: raw.1,
        idea_no: raw.2,
        author_seq: raw.3,
        kind: CommentKind::parse(&raw.4)?,
        created_at: Timestamp::from_millis(raw.5),
        deleted: raw.6,
        hidden: raw.7,
    })
}

/// Input of [`insert`], validated by the op.
pub(crate) struct CommentInsert<'a> {
    pub id: &'a str,
    pub idea_no: i64,
    pub parent_seq: Option<i64>,
    pub author_seq: i64,
    pub kind: CommentKind,
    pub body: &'a str,
    pub body_html: &'a str,
    pub now: Timestamp,
}

pub(crate) fn insert(conn: &Connection, c: &CommentInsert<'_>) -> Result<i64> {
    conn.prepare_cached("INSERT INTO comments (id, idea_no, parent_seq, author_seq, kind, body, body_html, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?.execute(params![c.id, c.idea_no, c.parent_seq, c.author_seq, c.kind.as_str(), c.body, c.body_html, c.now.millis()])?;
    let seq = conn.last_insert_rowid();
    if c.kind == CommentKind::Official {
        super::adoption::recount_idea(conn, c.idea_no)?;
    }
    Ok(seq)
}

pub(crate) fn update_body(
    conn: &Connection,
    seq: i64,
    body: &str,
    body_html: &str,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE comments SET body = ?2, body_html = ?3, edited_at = ?4 WHERE seq = ?1",
    )?
    .execute(params![seq, body, body_html, now.millis()])?;
    Ok(())
}

/// Soft-deletes a comment; `removed_by` names the team member who deleted someone
/// else's comment (the moderation queue lists those).
pub(crate) fn soft_delete(
    conn: &Connection,
    seq: i64,
    removed_by: Option<i64>,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached("UPDATE comments SET deleted_at = ?2, removed_by = ?3 WHERE seq = ?1")?
        .execute(params![seq, now.millis(), removed_by])?;
    let (idea_no, kind): (i64, String) = conn
        .prepare_cached("SELECT idea_no, kind FROM comments WHERE seq = ?1")?
        .query_row([seq], |r| Ok((r.get(0)?, r.get(1)?)))?;
    if kind == CommentKind::Official.as_str() {
        super::adoption::recount_idea(conn, idea_no)?;
    }
    Ok(())
}

/// Hides a comment (`by` the team member) or, with None, restores it.
pub(crate) fn set_hidden(
    conn: &Connection,
    seq: i64,
    by: Option<i64>,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached("UPDATE comments SET hidden_at = CASE WHEN ?2 IS NULL THEN NULL ELSE ?3 END, hidden_by = ?2 WHERE seq = ?1")?.execute(params![seq, by, now.millis()])?;
    Ok(())
}

/// Moves every comment of one idea to another (merge).
pub(crate) fn move_all(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.prepare_cached("UPDATE comments SET idea_no = ?2 WHERE idea_no = ?1")?
        .execute(params![from, to])?;
    // Official answers that moved may be the target's first.
    super::adoption::recount_idea(conn, from)?;
    super::adoption::recount_idea(conn, to)?;
    Ok(())
}

/// The trending terms of `idea_no`'s comments that count (public, standing).
pub(crate) fn trending_terms(conn: &Connection, idea_no: i64) -> Result<Vec<f64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT created_at FROM comments WHERE idea_no = ?1 AND kind <> 'internal' AND deleted_at IS NULL AND hidden_at IS NULL",
    )?;
    let terms = stmt
        .query_map([idea_no], |r| r.get::<_, i64>(0))?
        .map(|at| {
            Ok(crate::rank::term(
                crate::rank::COMMENT_WEIGHT,
                Timestamp::from_millis(at?),
            ))
        })
        .collect::<Result<Vec<f64>>>()?;
    Ok(terms)
}

pub(crate) fn count_on(conn: &Connection, idea_no: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM comments WHERE idea_no = ?1")?
        .query_row([idea_no], |r| r.get(0))?)
}

/// Adds a reaction; false when the member had already left it.
pub(crate) fn add_reaction(
    conn: &Connection,
    seq: i64,
    member_seq: i64,
    reaction: Reaction,
    now: Timestamp,
) -> Result<bool> {
    let n = conn.prepare_cached("INSERT OR IGNORE INTO reactions (comment_seq, member_seq, reaction, created_at) VALUES (?1, ?2, ?3, ?4)")?.execute(params![seq, member_seq, reaction.as_str(), now.millis()])?;
    Ok(n == 1)
}

/// Removes a reaction; false when there was none.
pub(crate) fn remove_reaction(
    conn: &Connection,
    seq: i64,
    member_seq: i64,
    reaction: Reaction,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "DELETE FROM reactions WHERE comment_seq = ?1 AND member_seq = ?2 AND reaction = ?3",
        )?
        .execute(params![seq, member_seq, reaction.as_str()])?;
    Ok(n == 1)
}

/// The thread of an idea in posting order. `team` sees internal notes and the text
/// of hidden comments; anyone else sees a hidden comment's place, never its text.
pub(crate) fn thread(
    conn: &Connection,
    idea_no: i64,
    team: bool,
    viewer_seq: Option<i64>,
) -> Result<Vec<CommentView>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.seq, c.id, p.id, m.id, m.display_name, m.role, c.kind, c.body, c.body_html, c.created_at, c.edited_at, c.deleted_at IS NOT NULL, \
                c.hidden_at IS NOT NULL \
         FROM comments c JOIN members m ON m.seq = c.author_seq LEFT JOIN comments p ON p.seq = c.parent_seq \
         WHERE c.idea_no = ?1 AND (?2 OR c.kind <> 'internal') ORDER BY c.seq",
    )?;
    let mut seqs = Vec::new();
    let mut out = Vec::new();
    let rows = stmt.query_map(params![idea_no, team], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, String>(7)?,
            r.get::<_, String>(8)?,
            r.get::<_, i64>(9)?,
            r.get::<_, Option<i64>>(10)?,
            r.get::<_, bool>(11)?,
            r.get::<_, bool>(12)?,
        ))
    })?;
    for row in rows {
        let (
            seq,
            id,
            parent_id,
            author_id,
            name,
            role,
            kind,
            body,
            body_html,
            created,
            edited,
            deleted,
            hidden,
        ) = row?;
        // What this viewer may not read is sent empty.
        let blank = deleted || (hidden && !team);
        seqs.push(seq);
        out.push(CommentView {
            id,
            parent_id,
            author: MemberRef {
                id: author_id,
                display_name: name,
                role: Role::parse(&role)?,
            },
            kind: CommentKind::parse(&kind)?,
            body: if blank { String::new() } else { body },
            body_html: if blank { String::new() } else { body_html },
            created_at: Timestamp::from_millis(created),
            edited_at: edited.map(Timestamp::from_millis),
            deleted,
            hidden,
            reactions: Vec::new(),
            my_reactions: Vec::new(),
        });
    }
    attach_reactions(conn, idea_no, &seqs, &mut out, viewer_seq)?;
    Ok(out)
}

fn attach_reactions(
    conn: &Connection,
    idea_no: i64,
    seqs: &[i64],
    out: &mut [CommentView],
    viewer_seq: Option<i64>,
) -> Result<()> {
    let index: HashMap<i64, usize> = seqs.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut stmt = conn.prepare_cached(
        "SELECT r.comment_seq, r.reaction, count(*), sum(r.member_seq = ?2) FROM reactions r \
         JOIN comments c ON c.seq = r.comment_seq WHERE c.idea_no = ?1 GROUP BY r.comment_seq, r.reaction ORDER BY r.comment_seq, r.reaction",
    )?;
    let rows = stmt.query_map(params![idea_no, viewer_seq.unwrap_or(-1)], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, u32>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    for row in rows {
        let (seq, reaction, count, mine) = row?;
        if let Some(&i) = index.get(&seq) {
            let reaction = Reaction::parse(&reaction)?;
            out[i].reactions.push(ReactionCount { reaction, count });
            if mine > 0 {
                out[i].my_reactions.push(reaction);
            }
        }
    }
    Ok(())
}

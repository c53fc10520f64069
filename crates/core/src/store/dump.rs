//! SQL that reads a board as the records of the JSON bundle
//! ([`crate::model::bundle`]), table by table in key order, one row at a time.
//! Members appear by public id, so the bundle never depends on row keys; secrets
//! (passphrase hashes) are never selected.

use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

use super::export::IdeaScope;
use crate::Result;
use crate::clock::Timestamp;
use crate::model::bundle::*;

pub(super) fn time(r: &Row<'_>, i: usize) -> rusqlite::Result<String> {
    Ok(Timestamp::from_millis(r.get(i)?).to_rfc3339())
}

pub(super) fn time_opt(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<String>> {
    Ok(r.get::<_, Option<i64>>(i)?
        .map(|ms| Timestamp::from_millis(ms).to_rfc3339()))
}

/// What the bundle holds: the ideas of a scope, and internal notes or not.
pub(crate) struct DumpScope {
    pub ideas: IdeaScope,
    pub internal: bool,
}

impl DumpScope {
    /// `(SELECT number ...)` of the ideas in scope, and its arguments.
    pub(super) fn ideas_in(&self) -> (String, Vec<Value>) {
        let (clause, args) = self.ideas.clause();
        (
            format!("(SELECT i.number FROM ideas i WHERE {clause})"),
            args,
        )
    }

    /// The comments in scope, as a term over `{alias}kind`.
    pub(super) fn kinds(&self, alias: &str) -> String {
        if self.internal {
            "1".into()
        } else {
            format!("{alias}kind <> 'internal'")
        }
    }
}

pub(super) fn each<T>(
    conn: &Connection,
    sql: &str,
    args: Vec<Value>,
    map: impl Fn(&Row<'_>) -> rusqlite::Result<T>,
    f: &mut dyn FnMut(T) -> Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        f(map(r)?)?;
    }
    Ok(())
}

pub(crate) fn board(conn: &Connection) -> Result<BoardRecord> {
    Ok(conn.query_row(
        "SELECT name, vote_budget, support_threshold, default_locale, edit_grace_minutes, created_at FROM board WHERE id = 1",
        [],
        |r| {
            Ok(BoardRecord {
                name: r.get(0)?,
                vote_budget: r.get(1)?,
                support_threshold: r.get(2)?,
                default_locale: r.get(3)?,
                edit_grace_minutes: r.get(4)?,
                created_at: time(r, 5)?,
            })
        },
    )?)
}

pub(crate) fn members(
    conn: &Connection,
    f: &mut dyn FnMut(MemberRecord) -> Result<()>,
) -> Result<()> {
    let sql = "SELECT id, display_name, role, joined_at FROM members ORDER BY seq";
    each(
        conn,
        sql,
        vec![],
        |r| {
            Ok(MemberRecord {
                id: r.get(0)?,
                display_name: r.get(1)?,
                role: r.get(2)?,
                joined_at: time(r, 3)?,
            })
        },
        f,
    )
}

pub(crate) fn categories(
    conn: &Connection,
    f: &mut dyn FnMut(CategoryRecord) -> Result<()>,
) -> Result<()> {
    let sql = "SELECT slug, name, name_en, position FROM categories ORDER BY seq";
    each(
        conn,
        sql,
        vec![],
        |r| {
            Ok(CategoryRecord {
                slug: r.get(0)?,
                name: r.get(1)?,
                name_en: r.get(2)?,
                position: r.get(3)?,
            })
        },
        f,
    )
}

pub(crate) fn tags(conn: &Connection, f: &mut dyn FnMut(TagRecord) -> Result<()>) -> Result<()> {
    let sql = "SELECT name FROM tags ORDER BY seq";
    each(conn, sql, vec![], |r| Ok(TagRecord { name: r.get(0)? }), f)
}

pub(crate) fn ideas(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(IdeaRecord) -> Result<()>,
) -> Result<()> {
    let (clause, args) = scope.ideas.clause();
    let sql = format!(
        "SELECT i.number, i.id, i.title, i.body, c.slug, \
           (SELECT json_group_array(name) FROM (SELECT t.name AS name FROM idea_tags it JOIN tags t ON t.seq = it.tag_seq \
              WHERE it.idea_no = i.number ORDER BY t.seq)), \
           m.id, i.status, i.created_at, i.updated_at, i.merged_into, i.hidden, i.pinned, i.trending \
         FROM ideas i JOIN members m ON m.seq = i.author_seq LEFT JOIN categories c ON c.seq = i.category_seq \
         WHERE {clause} ORDER BY i.number"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            let tags: String = r.get(5)?;
            Ok(IdeaRecord {
                number: r.get(0)?,
                id: r.get(1)?,
                title: r.get(2)?,
                body: r.get(3)?,
                category: r.get(4)?,
                tags: serde_json::from_str(&tags).unwrap_or_default(),
                author: r.get(6)?,
                status: r.get(7)?,
                created_at: time(r, 8)?,
                updated_at: time(r, 9)?,
                merged_into: r.get(10)?,
                hidden: r.get(11)?,
                pinned: r.get(12)?,
                trending: r.get(13)?,
            })
        },
        f,
    )
}

pub(crate) fn votes(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(VoteRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT v.idea_no, m.id, v.priority, v.created_at FROM votes v JOIN members m ON m.seq = v.member_seq \
         WHERE v.idea_no IN {ideas} ORDER BY v.idea_no, v.member_seq"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(VoteRecord {
                idea: r.get(0)?,
                member: r.get(1)?,
                priority: r.get(2)?,
                created_at: time(r, 3)?,
            })
        },
        f,
    )
}

pub(crate) fn comments(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(CommentRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT c.id, c.idea_no, p.id, m.id, c.kind, c.body, c.created_at, c.edited_at, c.deleted_at, \
         c.hidden_at, hb.id, rb.id FROM comments c \
         JOIN members m ON m.seq = c.author_seq LEFT JOIN comments p ON p.seq = c.parent_seq \
         LEFT JOIN members hb ON hb.seq = c.hidden_by LEFT JOIN members rb ON rb.seq = c.removed_by \
         WHERE {} AND c.idea_no IN {ideas} ORDER BY c.seq",
        scope.kinds("c.")
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(CommentRecord {
                id: r.get(0)?,
                idea: r.get(1)?,
                parent: r.get(2)?,
                author: r.get(3)?,
                kind: r.get(4)?,
                body: r.get(5)?,
                created_at: time(r, 6)?,
                edited_at: time_opt(r, 7)?,
                deleted_at: time_opt(r, 8)?,
                hidden_at: time_opt(r, 9)?,
                hidden_by: r.get(10)?,
                removed_by: r.get(11)?,
            })
        },
        f,
    )
}

pub(crate) fn reactions(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(ReactionRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT c.id, m.id, x.reaction, x.created_at FROM reactions x JOIN comments c ON c.seq = x.comment_seq \
         JOIN members m ON m.seq = x.member_seq WHERE {} AND c.idea_no IN {ideas} \
         ORDER BY x.comment_seq, x.member_seq, x.reaction",
        scope.kinds("c.")
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(ReactionRecord {
                comment: r.get(0)?,
                member: r.get(1)?,
                reaction: r.get(2)?,
                created_at: time(r, 3)?,
            })
        },
        f,
    )
}

pub(crate) fn status_changes(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(StatusChangeRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT s.idea_no, s.from_status, s.to_status, m.id, s.note, s.at FROM status_changes s \
         JOIN members m ON m.seq = s.actor_seq WHERE s.idea_no IN {ideas} ORDER BY s.seq"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(StatusChangeRecord {
                idea: r.get(0)?,
                from: r.get(1)?,
                to: r.get(2)?,
                actor: r.get(3)?,
                note: r.get(4)?,
                at: time(r, 5)?,
            })
        },
        f,
    )
}

/// The reports on the ideas in scope and on their comments in scope.
pub(crate) fn reports(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(ReportRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT m.id, x.idea_no, c.id, x.reason, x.created_at, x.resolved_at, rb.id, x.outcome FROM reports x \
         JOIN members m ON m.seq = x.member_seq LEFT JOIN comments c ON c.seq = x.comment_seq \
         LEFT JOIN members rb ON rb.seq = x.resolved_by \
         WHERE coalesce(x.idea_no, c.idea_no) IN {ideas} AND (c.seq IS NULL OR {}) ORDER BY x.seq",
        scope.kinds("c.")
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(ReportRecord {
                member: r.get(0)?,
                idea: r.get(1)?,
                comment: r.get(2)?,
                reason: r.get(3)?,
                created_at: time(r, 4)?,
                resolved_at: time_opt(r, 5)?,
                resolved_by: r.get(6)?,
                outcome: r.get(7)?,
            })
        },
        f,
    )
}

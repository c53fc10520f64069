//! SQL for status changes: each idea's journey.

use rusqlite::{Connection, params};

use crate::Result;
use crate::clock::Timestamp;
use crate::model::{IdeaStatus, MemberRef, Role, StatusChange};

/// Input of [`insert`].
pub(crate) struct ChangeInsert<'a> {
    pub idea_no: i64,
    pub from: Option<IdeaStatus>,
    pub to: IdeaStatus,
    pub actor_seq: i64,
    pub note: Option<&'a str>,
    pub note_html: Option<&'a str>,
    pub at: Timestamp,
}

pub(crate) fn insert(conn: &Connection, c: &ChangeInsert<'_>) -> Result<i64> {
    conn.prepare_cached("INSERT INTO status_changes (idea_no, from_status, to_status, actor_seq, note, note_html, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?.execute(params![c.idea_no, c.from.map(IdeaStatus::as_str), c.to.as_str(), c.actor_seq, c.note, c.note_html, c.at.millis()])?;
    let seq = conn.last_insert_rowid();
    super::adoption::recount_idea(conn, c.idea_no)?;
    Ok(seq)
}

/// The journey of an idea, oldest first.
pub(crate) fn of_idea(conn: &Connection, idea_no: i64) -> Result<Vec<StatusChange>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.from_status, s.to_status, m.id, m.display_name, m.role, s.note, s.note_html, s.at \
         FROM status_changes s JOIN members m ON m.seq = s.actor_seq WHERE s.idea_no = ?1 ORDER BY s.seq",
    )?;
    let rows = stmt.query_map([idea_no], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, i64>(7)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (from, to, id, name, role, note, note_html, at) = row?;
        out.push(StatusChange {
            from: from.as_deref().map(IdeaStatus::parse).transpose()?,
            to: IdeaStatus::parse(&to)?,
            actor: MemberRef {
                id,
                display_name: name,
                role: Role::parse(&role)?,
            },
            note,
            note_html,
            at: Timestamp::from_millis(at),
        });
    }
    Ok(out)
}

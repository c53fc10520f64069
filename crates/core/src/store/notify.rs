//! SQL for follows and notifications.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::clock::Timestamp;
use crate::model::{IdeaStatus, MemberRef, Notification, NotificationKind, Role};

pub(crate) fn follow(
    conn: &Connection,
    idea_no: i64,
    member_seq: i64,
    now: Timestamp,
) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO follows (idea_no, member_seq, since) VALUES (?1, ?2, ?3)",
        params![idea_no, member_seq, now.millis()],
    )?;
    Ok(())
}

pub(crate) fn unfollow(conn: &Connection, idea_no: i64, member_seq: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM follows WHERE idea_no = ?1 AND member_seq = ?2",
        params![idea_no, member_seq],
    )?;
    Ok(())
}

pub(crate) fn is_following(conn: &Connection, idea_no: i64, member_seq: i64) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM follows WHERE idea_no = ?1 AND member_seq = ?2",
            params![idea_no, member_seq],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Moves followers of one idea to another (merge); shared followers collapse.
pub(crate) fn move_all(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO follows (idea_no, member_seq, since) SELECT ?2, member_seq, since FROM follows WHERE idea_no = ?1",
        params![from, to],
    )?;
    conn.execute("DELETE FROM follows WHERE idea_no = ?1", [from])?;
    Ok(())
}

pub(crate) fn follower_count(conn: &Connection, idea_no: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM follows WHERE idea_no = ?1",
        [idea_no],
        |r| r.get(0),
    )?)
}

/// What a notification is about.
pub(crate) struct NoticeInsert {
    pub kind: NotificationKind,
    pub idea_no: i64,
    pub actor_seq: i64,
    pub status: Option<IdeaStatus>,
    pub comment_seq: Option<i64>,
    pub at: Timestamp,
}

/// Notifies every follower of the idea but the actor, in one statement.
pub(crate) fn notify_followers(conn: &Connection, n: &NoticeInsert) -> Result<usize> {
    Ok(conn.execute(
        "INSERT INTO notifications (member_seq, kind, idea_no, actor_seq, status, comment_seq, created_at) \
         SELECT member_seq, ?1, ?2, ?3, ?4, ?5, ?6 FROM follows WHERE idea_no = ?2 AND member_seq <> ?3",
        params![n.kind.as_str(), n.idea_no, n.actor_seq, n.status.map(IdeaStatus::as_str), n.comment_seq, n.at.millis()],
    )?)
}

/// Notifies one member (a reply's parent author), unless they are the actor.
pub(crate) fn notify_member(conn: &Connection, member_seq: i64, n: &NoticeInsert) -> Result<()> {
    if member_seq == n.actor_seq {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO notifications (member_seq, kind, idea_no, actor_seq, status, comment_seq, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![member_seq, n.kind.as_str(), n.idea_no, n.actor_seq, n.status.map(IdeaStatus::as_str), n.comment_seq, n.at.millis()],
    )?;
    Ok(())
}

/// The condition on a notification `n` of idea `i` for it to be shown; `team` names
/// the parameter that is true for the team. Off the team, a member is shown notices
/// about ideas they can open only, and none about an internal note (a moderator
/// demoted to fan keeps the notices of replies to their notes but may not read them).
fn shown(team: &str) -> String {
    format!(
        "({team} OR (i.hidden = 0 AND (n.comment_seq IS NULL OR NOT EXISTS \
         (SELECT 1 FROM comments c WHERE c.seq = n.comment_seq AND c.kind = 'internal'))))"
    )
}

/// A member's latest notifications; `team` says whether they are on the team now.
pub(crate) fn list(
    conn: &Connection,
    member_seq: i64,
    team: bool,
    unread_only: bool,
    limit: u32,
) -> Result<Vec<Notification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT n.seq, n.kind, i.id, i.number, i.title, a.id, a.display_name, a.role, n.status, n.created_at, n.read_at IS NOT NULL \
         FROM notifications n JOIN ideas i ON i.number = n.idea_no LEFT JOIN members a ON a.seq = n.actor_seq \
         WHERE n.member_seq = ?1 AND (NOT ?2 OR n.read_at IS NULL) AND {} ORDER BY n.seq DESC LIMIT ?3",
        shown("?4")
    ))?;
    let rows = stmt.query_map(params![member_seq, unread_only, limit, team], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, u32>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, Option<String>>(5)?,
            r.get::<_, Option<String>>(6)?,
            r.get::<_, Option<String>>(7)?,
            r.get::<_, Option<String>>(8)?,
            r.get::<_, i64>(9)?,
            r.get::<_, bool>(10)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, kind, idea_id, number, title, aid, aname, arole, status, at, read) = row?;
        let actor = match (aid, aname, arole) {
            (Some(id), Some(display_name), Some(role)) => Some(MemberRef {
                id,
                display_name,
                role: Role::parse(&role)?,
            }),
            _ => None,
        };
        out.push(Notification {
            id: seq.to_string(),
            kind: NotificationKind::parse(&kind)?,
            idea_id,
            idea_number: number,
            idea_title: title,
            actor,
            status: status.as_deref().map(IdeaStatus::parse).transpose()?,
            created_at: Timestamp::from_millis(at),
            read,
        });
    }
    Ok(out)
}

/// Unread notifications of a member, counting only what [`list`] would show them.
pub(crate) fn unread_count(conn: &Connection, member_seq: i64, team: bool) -> Result<u32> {
    Ok(conn.query_row(
        &format!(
            "SELECT count(*) FROM notifications n JOIN ideas i ON i.number = n.idea_no \
             WHERE n.member_seq = ?1 AND n.read_at IS NULL AND {}",
            shown("?2")
        ),
        params![member_seq, team],
        |r| r.get(0),
    )?)
}

/// Marks some (or, with None, all) of a member's notifications read; returns how many.
pub(crate) fn mark_read(
    conn: &Connection,
    member_seq: i64,
    seqs: Option<&[i64]>,
    now: Timestamp,
) -> Result<usize> {
    match seqs {
        None => Ok(conn.execute(
            "UPDATE notifications SET read_at = ?2 WHERE member_seq = ?1 AND read_at IS NULL",
            params![member_seq, now.millis()],
        )?),
        Some(seqs) => {
            let list = Value::Text(
                seqs.iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            );
            Ok(conn.execute(
                "UPDATE notifications SET read_at = ?2 WHERE member_seq = ?1 AND read_at IS NULL \
                 AND seq IN (SELECT value FROM json_each('[' || ?3 || ']'))",
                params![member_seq, now.millis(), list],
            )?)
        }
    }
}

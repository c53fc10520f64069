//! SQL for follows and notifications.
//!
//! Notifications fan in on read (migration `0005_notices.sql` has the tables). An
//! event for an idea's followers (status change, official answer, merge) is written
//! as ONE `notices` row, whatever the number of followers, so a status change on an
//! idea with 20,000 followers writes one row instead of 20,000. A member's
//! notification centre is derived when it is read, from
//!
//! * the follows they hold now: notices of the idea with `seq > from_notice`, the
//!   newest notice when they started following (nothing from before they followed);
//! * the follows that ended (`follows_past`, a closed range `(from_notice,
//!   to_notice]` written on unfollow and when a merge moves the follow to the
//!   target), so what a member was told stays in their centre;
//! * the notices addressed to them alone (`to_member`: replies, and every
//!   notification that existed before the migration),
//!
//! never counting a notice they caused themselves. A notice is read when its seq is
//! at or below the member's `notice_marks.read_through` ("mark all read" moves it to
//! the newest notice) or it has a `notice_reads` row (marked on its own).
//!
//! Cost of reading: one probe of `notices_idea` per idea followed (a member
//! following thousands of ideas costs a few ms; see the bench row "notification
//! centre"). Cost of writing: O(1) rows per event; O(followers) `follows_past` rows
//! only for a merge, which moves those follows anyway.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use crate::Result;
use crate::clock::Timestamp;
use crate::model::{IdeaStatus, MemberRef, Notification, NotificationKind, Role};

/// The newest notice's seq (0 on a board without notices): where a new follow starts.
fn newest_notice(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM notices")?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn follow(
    conn: &Connection,
    idea_no: i64,
    member_seq: i64,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR IGNORE INTO follows (idea_no, member_seq, since, from_notice) \
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(seq), 0) FROM notices))",
    )?
    .execute(params![idea_no, member_seq, now.millis()])?;
    Ok(())
}

pub(crate) fn unfollow(conn: &Connection, idea_no: i64, member_seq: i64) -> Result<()> {
    // Keep the range of notices this follow delivered, if it delivered any.
    conn.prepare_cached(
        "INSERT INTO follows_past (member_seq, idea_no, from_notice, to_notice) \
         SELECT f.member_seq, f.idea_no, f.from_notice, (SELECT max(seq) FROM notices) \
         FROM follows f WHERE f.idea_no = ?1 AND f.member_seq = ?2 \
         AND EXISTS (SELECT 1 FROM notices n WHERE n.idea_no = ?1 AND n.to_member IS NULL \
                     AND n.seq > f.from_notice)",
    )?
    .execute(params![idea_no, member_seq])?;
    conn.prepare_cached("DELETE FROM follows WHERE idea_no = ?1 AND member_seq = ?2")?
        .execute(params![idea_no, member_seq])?;
    Ok(())
}

pub(crate) fn is_following(conn: &Connection, idea_no: i64, member_seq: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM follows WHERE idea_no = ?1 AND member_seq = ?2")?
        .query_row(params![idea_no, member_seq], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Moves followers of one idea to another (merge); shared followers collapse.
/// The source's follows end at the newest notice (the merge's own notice, written
/// before this), kept in `follows_past`; a moved follow of the target starts there,
/// so the follower is not told about the target's past.
pub(crate) fn move_all(conn: &Connection, from: i64, to: i64) -> Result<()> {
    let newest = newest_notice(conn)?;
    conn.prepare_cached(
        "INSERT INTO follows_past (member_seq, idea_no, from_notice, to_notice) \
         SELECT f.member_seq, f.idea_no, f.from_notice, ?2 FROM follows f WHERE f.idea_no = ?1 \
         AND EXISTS (SELECT 1 FROM notices n WHERE n.idea_no = ?1 AND n.to_member IS NULL \
                     AND n.seq > f.from_notice)",
    )?
    .execute(params![from, newest])?;
    conn.prepare_cached(
        "INSERT OR IGNORE INTO follows (idea_no, member_seq, since, from_notice) \
         SELECT ?2, member_seq, since, ?3 FROM follows WHERE idea_no = ?1",
    )?
    .execute(params![from, to, newest])?;
    conn.prepare_cached("DELETE FROM follows WHERE idea_no = ?1")?
        .execute([from])?;
    Ok(())
}

pub(crate) fn follower_count(conn: &Connection, idea_no: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM follows WHERE idea_no = ?1")?
        .query_row([idea_no], |r| r.get(0))?)
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

fn insert_notice(conn: &Connection, to_member: Option<i64>, n: &NoticeInsert) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO notices (to_member, kind, idea_no, actor_seq, status, comment_seq, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        to_member,
        n.kind.as_str(),
        n.idea_no,
        n.actor_seq,
        n.status.map(IdeaStatus::as_str),
        n.comment_seq,
        n.at.millis()
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Notifies every follower of the idea but the actor: one notice row, whatever the
/// number of followers (they are found when each member reads their centre).
/// Returns the notice's seq.
pub(crate) fn notify_followers(conn: &Connection, n: &NoticeInsert) -> Result<i64> {
    insert_notice(conn, None, n)
}

/// Notifies one member (a reply's parent author), unless they are the actor.
/// Returns the notice's seq, if one was written.
pub(crate) fn notify_member(
    conn: &Connection,
    member_seq: i64,
    n: &NoticeInsert,
) -> Result<Option<i64>> {
    if member_seq == n.actor_seq {
        return Ok(None);
    }
    insert_notice(conn, Some(member_seq), n).map(Some)
}

/// The notices delivered to member `?1` (see the module comment) as a CTE
/// `delivered(seq, idea_no, comment_seq)`. Each followed idea is one probe of
/// `notices_idea`; both it and `follows_member` cover what is read, so no table
/// row is visited.
const DELIVERED: &str = "WITH mine(idea_no, lo, hi) AS ( \
       SELECT idea_no, from_notice, NULL FROM follows WHERE member_seq = ?1 \
       UNION ALL \
       SELECT idea_no, from_notice, to_notice FROM follows_past WHERE member_seq = ?1), \
     delivered(seq, idea_no, comment_seq) AS ( \
       SELECT n.seq, n.idea_no, n.comment_seq FROM mine f JOIN notices n \
         ON n.idea_no = f.idea_no AND n.to_member IS NULL AND n.seq > f.lo \
       WHERE (f.hi IS NULL OR n.seq <= f.hi) AND n.actor_seq IS NOT ?1 \
       UNION ALL \
       SELECT seq, idea_no, comment_seq FROM notices WHERE to_member = ?1) ";

/// Whether delivered notice `d` is unread by member `?1`.
const UNREAD: &str = "(d.seq > coalesce((SELECT read_through FROM notice_marks WHERE member_seq = ?1), 0) \
     AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.member_seq = ?1 AND r.notice_seq = d.seq))";

/// The condition on a delivered notice `d` for it to be shown; `team` names the
/// parameter that is true for the team. Off the team, a member is shown notices
/// about ideas they can open only, and none about an internal note (a moderator
/// demoted to fan keeps the notices of replies to their notes but may not read them).
/// Hidden ideas are found in the small `ideas_hidden` index, not in each idea row.
pub(super) fn shown(team: &str) -> String {
    format!(
        "({team} OR (NOT EXISTS (SELECT 1 FROM ideas h INDEXED BY ideas_hidden \
           WHERE h.number = d.idea_no AND h.hidden <> 0) \
         AND (d.comment_seq IS NULL OR NOT EXISTS \
         (SELECT 1 FROM comments c WHERE c.seq = d.comment_seq AND c.kind = 'internal'))))"
    )
}

/// Whether notice `d` was delivered to the member named by SQL parameter `member`:
/// addressed to them, or a followers' notice they did not cause, inside one of their
/// follows of its idea (held now or ended). The centre's rule, for one notice.
pub(super) fn delivered_to(member: &str) -> String {
    format!(
        "(d.to_member = {member} OR (d.to_member IS NULL AND d.actor_seq IS NOT {member} AND ( \
           EXISTS (SELECT 1 FROM follows f WHERE f.idea_no = d.idea_no \
                   AND f.member_seq = {member} AND d.seq > f.from_notice) \
           OR EXISTS (SELECT 1 FROM follows_past p WHERE p.member_seq = {member} \
                   AND p.idea_no = d.idea_no AND d.seq > p.from_notice \
                   AND d.seq <= p.to_notice))))"
    )
}

/// A member's notification centre: their latest `limit` notifications (unread ones
/// only with `unread_only`) and the unread count; `team` says whether they are on
/// the team now. One pass over the delivered notices, index only, gives both the
/// count and the page's seqs; only the page's rows are then read for display.
pub(crate) fn centre(
    conn: &Connection,
    member_seq: i64,
    team: bool,
    unread_only: bool,
    limit: u32,
) -> Result<(Vec<Notification>, u32)> {
    let mut stmt = conn.prepare_cached(&format!(
        "{DELIVERED} SELECT d.seq, {UNREAD} FROM delivered d WHERE {}",
        shown("?2")
    ))?;
    let mut shown_seqs = Vec::new();
    let mut unread = 0u32;
    for row in stmt.query_map(params![member_seq, team], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, bool>(1)?))
    })? {
        let (seq, is_unread) = row?;
        unread += u32::from(is_unread);
        if is_unread || !unread_only {
            shown_seqs.push((seq, !is_unread));
        }
    }
    shown_seqs.sort_unstable_by_key(|&(seq, _)| std::cmp::Reverse(seq));
    shown_seqs.truncate(limit as usize);
    Ok((page(conn, &shown_seqs)?, unread))
}

/// The notifications of the given (seq, read) pairs, in that order.
fn page(conn: &Connection, seqs: &[(i64, bool)]) -> Result<Vec<Notification>> {
    if seqs.is_empty() {
        return Ok(Vec::new());
    }
    let list = Value::Text(
        seqs.iter()
            .map(|(seq, _)| seq.to_string())
            .collect::<Vec<_>>()
            .join(","),
    );
    let mut stmt = conn.prepare_cached(
        "SELECT n.seq, n.kind, i.id, i.number, i.title, a.id, a.display_name, a.role, n.status, n.created_at \
         FROM notices n JOIN ideas i ON i.number = n.idea_no LEFT JOIN members a ON a.seq = n.actor_seq \
         WHERE n.seq IN (SELECT value FROM json_each('[' || ?1 || ']'))",
    )?;
    let rows = stmt.query_map([list], |r| {
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
        ))
    })?;
    let mut found = std::collections::HashMap::with_capacity(seqs.len());
    for row in rows {
        let (seq, kind, idea_id, number, title, aid, aname, arole, status, at) = row?;
        let actor = match (aid, aname, arole) {
            (Some(id), Some(display_name), Some(role)) => Some(MemberRef {
                id,
                display_name,
                role: Role::parse(&role)?,
            }),
            _ => None,
        };
        found.insert(
            seq,
            Notification {
                id: seq.to_string(),
                kind: NotificationKind::parse(&kind)?,
                idea_id,
                idea_number: number,
                idea_title: title,
                actor,
                status: status.as_deref().map(IdeaStatus::parse).transpose()?,
                created_at: Timestamp::from_millis(at),
                read: false,
            },
        );
    }
    Ok(seqs
        .iter()
        .filter_map(|&(seq, read)| found.remove(&seq).map(|n| Notification { read, ..n }))
        .collect())
}

/// Marks some (or, with None, all) of a member's notifications read; returns how many
/// were unread. Seqs of notices not delivered to the member are ignored.
pub(crate) fn mark_read(
    conn: &Connection,
    member_seq: i64,
    seqs: Option<&[i64]>,
    now: Timestamp,
) -> Result<usize> {
    match seqs {
        None => {
            let unread: i64 = conn
                .prepare_cached(&format!(
                    "{DELIVERED} SELECT count(*) FROM delivered d WHERE {UNREAD}"
                ))?
                .query_row([member_seq], |r| r.get(0))?;
            if unread > 0 {
                let newest = newest_notice(conn)?;
                conn.prepare_cached("INSERT INTO notice_marks (member_seq, read_through, marked_at) VALUES (?1, ?2, ?3) \
                     ON CONFLICT (member_seq) DO UPDATE SET read_through = excluded.read_through, \
                     marked_at = excluded.marked_at")?.execute(params![member_seq, newest, now.millis()])?;
                // Rows below the mark say nothing the mark does not.
                conn.prepare_cached(
                    "DELETE FROM notice_reads WHERE member_seq = ?1 AND notice_seq <= ?2",
                )?
                .execute(params![member_seq, newest])?;
            }
            Ok(unread as usize)
        }
        Some(seqs) => {
            let list = Value::Text(
                seqs.iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(","),
            );
            // Each given notice, if it was delivered to the member and is unread.
            Ok(conn
                .prepare_cached(&format!(
                    "INSERT INTO notice_reads (member_seq, notice_seq, read_at) \
                     SELECT ?1, d.seq, ?2 FROM notices d \
                     WHERE d.seq IN (SELECT value FROM json_each('[' || ?3 || ']')) AND {UNREAD} \
                     AND {}",
                    delivered_to("?1")
                ))?
                .execute(params![member_seq, now.millis(), list])?)
        }
    }
}

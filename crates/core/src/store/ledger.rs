//! SQL for the append-only points ledger and audit log.

use rusqlite::{Connection, params};

use crate::Result;
use crate::clock::Timestamp;
use crate::model::{AuditEntry, MemberRef, PointsEntry, PointsReason, Role};

/// Appends a ledger line and keeps `members.points` its running sum.
pub(crate) fn grant(
    conn: &Connection,
    member_seq: i64,
    reason: PointsReason,
    idea_no: Option<i64>,
    at: Timestamp,
) -> Result<()> {
    let delta = reason.points();
    conn.prepare_cached("INSERT INTO points_ledger (member_seq, delta, reason, idea_no, at) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![member_seq, delta, reason.as_str(), idea_no, at.millis()])?;
    conn.prepare_cached("UPDATE members SET points = points + ?2 WHERE seq = ?1")?
        .execute(params![member_seq, delta])?;
    Ok(())
}

/// How many times the ledger holds `reason` for this idea (milestones count up).
pub(crate) fn count_entries(conn: &Connection, idea_no: i64, reason: PointsReason) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM points_ledger WHERE idea_no = ?1 AND reason = ?2")?
        .query_row(params![idea_no, reason.as_str()], |r| r.get(0))?)
}

pub(crate) fn entries(conn: &Connection, member_seq: i64, limit: u32) -> Result<Vec<PointsEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT delta, reason, idea_no, at FROM points_ledger WHERE member_seq = ?1 ORDER BY seq DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![member_seq, limit], |r| {
        Ok((
            r.get::<_, i32>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<u32>>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })?;
    rows.map(|row| {
        let (delta, reason, idea_number, at) = row?;
        Ok(PointsEntry {
            delta,
            reason: PointsReason::parse(&reason)?,
            idea_number,
            at: Timestamp::from_millis(at),
        })
    })
    .collect()
}

/// Appends an audit line.
pub(crate) fn audit(
    conn: &Connection,
    actor_seq: i64,
    action: &str,
    target: &str,
    detail: &serde_json::Value,
    at: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO audit_log (actor_seq, action, target, detail, at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        actor_seq,
        action,
        target,
        detail.to_string(),
        at.millis()
    ])?;
    Ok(())
}

pub(crate) fn audit_entries(conn: &Connection, limit: u32) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.seq, m.id, m.display_name, m.role, a.action, a.target, a.detail, a.at \
         FROM audit_log a JOIN members m ON m.seq = a.actor_seq ORDER BY a.seq DESC LIMIT ?1",
    )?;
    audit_rows(&mut stmt, rusqlite::params![limit])
}

/// The latest of `actions` on `target` (e.g. `idea:#12`), and when `comment` is
/// given, only those whose detail names that comment. An index probe
/// (`audit_log_target`) over the target's own entries.
pub(crate) fn latest_audit(
    conn: &Connection,
    target: &str,
    comment: Option<&str>,
    actions: &[&str],
) -> Result<Option<AuditEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.seq, m.id, m.display_name, m.role, a.action, a.target, a.detail, a.at \
         FROM audit_log a JOIN members m ON m.seq = a.actor_seq \
         WHERE a.target = ?1 AND (?2 IS NULL OR json_extract(a.detail, '$.comment') = ?2) \
           AND a.action IN (SELECT value FROM json_each(?3)) \
         ORDER BY a.seq DESC LIMIT 1",
    )?;
    let actions =
        serde_json::to_string(actions).map_err(|e| crate::Error::Internal(e.to_string()))?;
    Ok(
        audit_rows(&mut stmt, rusqlite::params![target, comment, actions])?
            .into_iter()
            .next(),
    )
}

fn audit_rows(
    stmt: &mut rusqlite::CachedStatement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<AuditEntry>> {
    let rows = stmt.query_map(params, |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
            r.get::<_, i64>(7)?,
        ))
    })?;
    rows.map(|row| {
        let (seq, id, name, role, action, target, detail, at) = row?;
        Ok(AuditEntry {
            id: seq.to_string(),
            actor: MemberRef {
                id,
                display_name: name,
                role: Role::parse(&role)?,
            },
            action,
            target,
            detail,
            at: Timestamp::from_millis(at),
        })
    })
    .collect()
}

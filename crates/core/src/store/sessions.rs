//! SQL for signed-in sessions (migration `0010_accounts.sql`). A session is live
//! while `revoked_at` is NULL and `expires_at` is after now; every look-up here
//! checks both, so a revoked or expired session is refused at once.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::Result;
use crate::clock::Timestamp;
use crate::model::{SessionInfo, SessionKind};

/// A live session and its member.
#[derive(Debug, Clone)]
pub(crate) struct SessionRow {
    pub member_seq: i64,
    pub member_id: String,
    pub info: SessionInfo,
}

/// A session to insert.
pub(crate) struct NewSessionRow<'a> {
    pub id: &'a str,
    pub token_hash: &'a [u8],
    pub member_seq: i64,
    pub kind: SessionKind,
    pub label: &'a str,
    pub expires_at: Timestamp,
}

pub(crate) fn insert(conn: &Connection, s: &NewSessionRow<'_>, now: Timestamp) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO sessions (id, token_hash, member_seq, kind, label, created_at, last_seen_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?
    .execute(params![
        s.id,
        s.token_hash,
        s.member_seq,
        s.kind.as_str(),
        s.label,
        now.millis(),
        s.expires_at.millis()
    ])?;
    Ok(conn.last_insert_rowid())
}

const COLUMNS: &str = "s.member_seq, m.id, s.id, s.kind, s.label, s.created_at, \
     s.last_seen_at, s.expires_at";
const LIVE: &str = "s.revoked_at IS NULL AND s.expires_at > ?2";

type RawSession = (i64, String, String, String, String, i64, i64, i64);

fn session_row(r: &Row<'_>) -> rusqlite::Result<RawSession> {
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
}

fn to_session(raw: RawSession) -> Result<SessionRow> {
    let (member_seq, member_id, id, kind, label, created, seen, expires) = raw;
    Ok(SessionRow {
        member_seq,
        member_id,
        info: SessionInfo {
            id,
            kind: SessionKind::parse(&kind)?,
            label,
            created_at: Timestamp::from_millis(created),
            last_seen_at: Timestamp::from_millis(seen),
            expires_at: Timestamp::from_millis(expires),
            current: false,
        },
    })
}

/// The live session whose token has this digest.
pub(crate) fn live_by_token(
    conn: &Connection,
    token_hash: &[u8],
    now: Timestamp,
) -> Result<Option<SessionRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM sessions s JOIN members m ON m.seq = s.member_seq \
         WHERE s.token_hash = ?1 AND {LIVE}"
    );
    conn.prepare_cached(&sql)?
        .query_row(params![token_hash, now.millis()], session_row)
        .optional()?
        .map(to_session)
        .transpose()
}

/// The member's live sessions, newest first.
pub(crate) fn live_of_member(
    conn: &Connection,
    member_seq: i64,
    now: Timestamp,
) -> Result<Vec<SessionRow>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM sessions s JOIN members m ON m.seq = s.member_seq \
         WHERE s.member_seq = ?1 AND {LIVE} ORDER BY s.created_at DESC, s.seq DESC"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![member_seq, now.millis()], session_row)?;
    rows.map(|r| to_session(r?)).collect()
}

/// Revokes the member's live session `id`; false when they have no such session.
pub(crate) fn revoke(conn: &Connection, member_seq: i64, id: &str, now: Timestamp) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "UPDATE sessions SET revoked_at = ?3 WHERE member_seq = ?1 AND id = ?2 \
         AND revoked_at IS NULL AND expires_at > ?3",
        )?
        .execute(params![member_seq, id, now.millis()])?;
    Ok(n > 0)
}

/// Revokes the session with this token digest, if it is live.
pub(crate) fn revoke_by_token(
    conn: &Connection,
    token_hash: &[u8],
    now: Timestamp,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "UPDATE sessions SET revoked_at = ?2 WHERE token_hash = ?1 \
             AND revoked_at IS NULL AND expires_at > ?2 RETURNING member_seq",
        )?
        .query_row(params![token_hash, now.millis()], |r| r.get(0))
        .optional()?)
}

/// Revokes every live session of the member but `keep` (a session id); how many.
pub(crate) fn revoke_all_but(
    conn: &Connection,
    member_seq: i64,
    keep: Option<&str>,
    now: Timestamp,
) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE sessions SET revoked_at = ?2 WHERE member_seq = ?1 \
         AND revoked_at IS NULL AND expires_at > ?2 AND id IS NOT ?3",
        )?
        .execute(params![member_seq, now.millis(), keep])?)
}

/// Records that the session was used at `now` and moves its expiry to
/// `expires_at` (never past what it was given at sign-in: the caller caps it).
pub(crate) fn touch(
    conn: &Connection,
    id: &str,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE sessions SET last_seen_at = ?2, expires_at = max(expires_at, ?3) \
         WHERE id = ?1 AND revoked_at IS NULL AND expires_at > ?2",
    )?
    .execute(params![id, now.millis(), expires_at.millis()])?;
    Ok(())
}

/// Deletes the sessions that ended (revoked, or expired) before `cutoff`; returns
/// how many.
pub(crate) fn prune_ended(conn: &Connection, cutoff: Timestamp) -> Result<usize> {
    Ok(conn
        .prepare_cached("DELETE FROM sessions WHERE expires_at < ?1 OR revoked_at < ?1")?
        .execute([cutoff.millis()])?)
}

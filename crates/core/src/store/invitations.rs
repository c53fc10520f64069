//! SQL for the single-use links an admin hands out: invitations and password
//! resets (migration `0010_accounts.sql`). Each is found by its token's digest and
//! spent by one `UPDATE ... WHERE` it is still pending, so two uses racing for one
//! link cannot both succeed.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::clock::Timestamp;
use crate::model::{InvitationInfo, Role};
use crate::{Error, Result};

/// An invitation still usable at the time bound to parameter `now`.
fn pending_at(now: &str) -> String {
    format!("used_at IS NULL AND revoked_at IS NULL AND expires_at > {now}")
}

/// A pending invitation and its key.
#[derive(Debug, Clone)]
pub(crate) struct InvitationRow {
    pub seq: i64,
    pub info: InvitationInfo,
}

type RawInvitation = (i64, String, String, i64, i64);

fn invitation_row(r: &Row<'_>) -> rusqlite::Result<RawInvitation> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn to_invitation(raw: RawInvitation) -> Result<InvitationRow> {
    let (seq, id, role, created, expires) = raw;
    Ok(InvitationRow {
        seq,
        info: InvitationInfo {
            id,
            role: Role::parse(&role)?,
            created_at: Timestamp::from_millis(created),
            expires_at: Timestamp::from_millis(expires),
        },
    })
}

const INVITATION: &str = "SELECT seq, id, role, created_at, expires_at FROM invitations";

pub(crate) fn insert_invitation(
    conn: &Connection,
    id: &str,
    token_hash: &[u8],
    role: Role,
    created_by: i64,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO invitations (id, token_hash, role, created_by, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        id,
        token_hash,
        role.as_str(),
        created_by,
        now.millis(),
        expires_at.millis()
    ])?;
    Ok(())
}

/// The pending invitation whose token has this digest.
pub(crate) fn pending_by_token(
    conn: &Connection,
    token_hash: &[u8],
    now: Timestamp,
) -> Result<Option<InvitationRow>> {
    let sql = format!(
        "{INVITATION} WHERE token_hash = ?1 AND {}",
        pending_at("?2")
    );
    conn.prepare_cached(&sql)?
        .query_row(params![token_hash, now.millis()], invitation_row)
        .optional()?
        .map(to_invitation)
        .transpose()
}

/// Every pending invitation, newest first.
pub(crate) fn pending(conn: &Connection, now: Timestamp) -> Result<Vec<InvitationInfo>> {
    let sql = format!(
        "{INVITATION} WHERE {} ORDER BY created_at DESC, seq DESC",
        pending_at("?1")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map([now.millis()], invitation_row)?;
    rows.map(|r| Ok(to_invitation(r?)?.info)).collect()
}

/// Spends a pending invitation on `member_seq`; `TokenExpired` if it no longer is
/// pending (another use won the race).
pub(crate) fn use_invitation(
    conn: &Connection,
    seq: i64,
    member_seq: i64,
    now: Timestamp,
) -> Result<()> {
    let n = conn
        .prepare_cached(&format!(
            "UPDATE invitations SET used_by = ?3, used_at = ?2 WHERE seq = ?1 AND {}",
            pending_at("?2")
        ))?
        .execute(params![seq, now.millis(), member_seq])?;
    if n == 0 {
        return Err(Error::TokenExpired);
    }
    Ok(())
}

/// Revokes a pending invitation by its id; false when there is none.
pub(crate) fn revoke_invitation(conn: &Connection, id: &str, now: Timestamp) -> Result<bool> {
    let n = conn
        .prepare_cached(&format!(
            "UPDATE invitations SET revoked_at = ?2 WHERE id = ?1 AND {}",
            pending_at("?2")
        ))?
        .execute(params![id, now.millis()])?;
    Ok(n > 0)
}

/// Issues a reset link for a member's account, spending any earlier one not used.
pub(crate) fn insert_reset(
    conn: &Connection,
    token_hash: &[u8],
    member_seq: i64,
    created_by: i64,
    now: Timestamp,
    expires_at: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE password_resets SET used_at = ?2 WHERE member_seq = ?1 AND used_at IS NULL",
    )?
    .execute(params![member_seq, now.millis()])?;
    conn.prepare_cached(
        "INSERT INTO password_resets (token_hash, member_seq, created_by, created_at, expires_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        token_hash,
        member_seq,
        created_by,
        now.millis(),
        expires_at.millis()
    ])?;
    Ok(())
}

/// The member a pending reset link (by its token digest) is for.
pub(crate) fn pending_reset(
    conn: &Connection,
    token_hash: &[u8],
    now: Timestamp,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT member_seq FROM password_resets \
             WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
        )?
        .query_row(params![token_hash, now.millis()], |r| r.get(0))
        .optional()?)
}

/// Spends a pending reset link; the member it was for, or `TokenExpired`.
pub(crate) fn use_reset(conn: &Connection, token_hash: &[u8], now: Timestamp) -> Result<i64> {
    conn.prepare_cached(
        "UPDATE password_resets SET used_at = ?2 \
         WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2 RETURNING member_seq",
    )?
    .query_row(params![token_hash, now.millis()], |r| r.get(0))
    .optional()?
    .ok_or(Error::TokenExpired)
}

/// Deletes the links that can never be used and died before `cutoff`: invitations
/// revoked or expired unused (a used one stays: it says who joined by whose
/// invitation), reset links used or expired. Returns how many of each.
pub(crate) fn prune_dead(conn: &Connection, cutoff: Timestamp) -> Result<(usize, usize)> {
    let invitations = conn
        .prepare_cached(
            "DELETE FROM invitations WHERE used_at IS NULL AND (revoked_at < ?1 OR expires_at < ?1)",
        )?
        .execute([cutoff.millis()])?;
    let resets = conn
        .prepare_cached("DELETE FROM password_resets WHERE used_at < ?1 OR expires_at < ?1")?
        .execute([cutoff.millis()])?;
    Ok((invitations, resets))
}

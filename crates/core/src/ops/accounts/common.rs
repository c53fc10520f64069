//! What the account ops share: the lockout's back-off, a session's lifetime, opening
//! a session, hashing a new password and spending an invitation.

use serde_json::json;

use crate::clock::Timestamp;
use crate::model::{NewSession, Role, SessionInfo, SessionKind, SignedIn};
use crate::ops::actor::audit;
use crate::secrets::{self, TokenHash, TokenKind};
use crate::store::changes::Entry;
use crate::store::{Tx, accounts, invitations, members, sessions};
use crate::{Error, Result, rules};

/// Failed sign-ins in a row before the email is locked.
pub const FAILURES_BEFORE_LOCK: i64 = 5;
/// The first lock; each further failure doubles it.
pub const FIRST_LOCK_SECS: i64 = 60;
/// The longest lock, however many failures.
pub const LONGEST_LOCK_SECS: i64 = 3_600;
/// How stale a session's last-seen time may get before it is written again.
pub const TOUCH_EVERY_SECS: i64 = 300;
/// How long a password-reset link stays valid.
pub const RESET_VALID_HOURS: i64 = 24;

const MS_PER_SEC: i64 = 1_000;
pub(super) const MS_PER_HOUR: i64 = 3_600_000;

/// How long the `failures`-th failure in a row locks the email, in ms: none before
/// the fifth, then 1, 2, 4, ... minutes up to an hour.
pub(super) fn lock_ms(failures: i64) -> Option<i64> {
    let over = failures - FAILURES_BEFORE_LOCK;
    (over >= 0).then(|| {
        let secs = FIRST_LOCK_SECS.saturating_mul(1 << over.min(20));
        secs.min(LONGEST_LOCK_SECS) * MS_PER_SEC
    })
}

/// Whole seconds from `now` until `until`, rounded up (at least 1).
pub(super) fn secs_until(until: Timestamp, now: Timestamp) -> u64 {
    let ms = (until.millis() - now.millis()).max(1) as u64;
    ms.div_ceil(MS_PER_SEC as u64)
}

/// `LockedOut` while failed sign-ins lock the email key.
pub(super) fn check_not_locked(
    conn: &rusqlite::Connection,
    key: &TokenHash,
    now: Timestamp,
) -> Result<()> {
    match accounts::failures(conn, key)?.and_then(|f| f.locked_until) {
        Some(until) if until > now => Err(Error::LockedOut {
            retry_after: secs_until(until, now),
        }),
        _ => Ok(()),
    }
}

/// Counts a failed sign-in under `key` and says what to tell the person: wrong
/// credentials, or locked out for how long (this failure may have locked it).
pub(super) fn count_failure(tx: &Tx<'_>, key: &TokenHash, now: Timestamp) -> Result<Error> {
    let failures = accounts::add_failure(tx, key, now, lock_ms)?;
    accounts::prune_failures(tx, now.plus_millis(-Timestamp::MS_PER_DAY), now)?;
    Ok(match failures.locked_until {
        Some(until) => Error::LockedOut {
            retry_after: secs_until(until, now),
        },
        None => Error::InvalidCredentials,
    })
}

/// When a session used at `now` expires: after its idle time, but never later
/// than its longest life from `created_at`.
pub(super) fn expiry(kind: SessionKind, created_at: Timestamp, now: Timestamp) -> Timestamp {
    let idle = now.plus_millis(kind.idle_days() * Timestamp::MS_PER_DAY);
    let longest = created_at.plus_millis(kind.max_days() * Timestamp::MS_PER_DAY);
    idle.min(longest)
}

/// Validates and hashes a new password (the slow part: call it outside a write).
pub(super) fn hash_new_password(raw: &str) -> Result<String> {
    secrets::hash_password(rules::password(raw)?)
}

/// Opens a session for the member and hands its token (and CSRF token) out.
pub(super) fn open_session(
    tx: &mut Tx<'_>,
    member_seq: i64,
    new: &NewSession,
    now: Timestamp,
) -> Result<SignedIn> {
    let (token, hash) = secrets::new_token(TokenKind::Session)?;
    let id = tx.ids.next(now).to_string();
    let label = rules::session_label(&new.label);
    let expires_at = expiry(new.kind, now, now);
    sessions::insert(
        tx,
        &sessions::NewSessionRow {
            id: &id,
            token_hash: &hash,
            member_seq,
            kind: new.kind,
            label: &label,
            expires_at,
        },
        now,
    )?;
    tx.record(Entry::account(member_seq), now);
    let csrf_token = (new.kind == SessionKind::Cookie).then(|| secrets::csrf_token(token.expose()));
    Ok(SignedIn {
        token,
        csrf_token,
        session: SessionInfo {
            id,
            kind: new.kind,
            label,
            created_at: now,
            last_seen_at: now,
            expires_at,
            current: true,
        },
        profile: members::profile_by_seq(tx, member_seq)?,
    })
}

/// The digest of an invitation token as typed; `TokenExpired` for text that is no
/// invitation token at all (it could match nothing).
pub(super) fn invitation_hash(token: &str) -> Result<TokenHash> {
    secrets::token_hash(TokenKind::Invitation, token.trim()).ok_or(Error::TokenExpired)
}

/// The pending invitation with this digest; `TokenExpired` when none is.
pub(super) fn pending_invitation(
    conn: &rusqlite::Connection,
    hash: &TokenHash,
    now: Timestamp,
) -> Result<invitations::InvitationRow> {
    invitations::pending_by_token(conn, hash, now)?.ok_or(Error::TokenExpired)
}

/// Spends a pending invitation on the member taking it up, and logs it.
pub(super) fn spend_invitation(
    tx: &Tx<'_>,
    invitation: &invitations::InvitationRow,
    member_seq: i64,
    now: Timestamp,
) -> Result<()> {
    invitations::use_invitation(tx, invitation.seq, member_seq, now)?;
    let target = format!("invitation:{}", invitation.info.id);
    let detail = json!({ "role": invitation.info.role });
    audit(tx, member_seq, "invitation.accept", target, detail, now)
}

/// How much a role may do, to compare them.
pub(super) fn rank(role: Role) -> u8 {
    match role {
        Role::Fan => 0,
        Role::Moderator => 1,
        Role::Admin => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_doubles_from_the_fifth_failure_up_to_an_hour() {
        let minutes: Vec<Option<i64>> =
            (1..=13).map(|n| lock_ms(n).map(|ms| ms / 60_000)).collect();
        assert_eq!(
            minutes,
            [
                None,
                None,
                None,
                None,
                Some(1),
                Some(2),
                Some(4),
                Some(8),
                Some(16),
                Some(32),
                Some(60),
                Some(60),
                Some(60)
            ]
        );
        assert_eq!(lock_ms(i64::MAX), Some(LONGEST_LOCK_SECS * 1_000));
        let now = Timestamp::from_millis(1_000);
        assert_eq!(secs_until(now.plus_millis(1), now), 1);
        assert_eq!(secs_until(now.plus_millis(60_000), now), 60);
        assert_eq!(secs_until(now.plus_millis(60_001), now), 61);
    }
}

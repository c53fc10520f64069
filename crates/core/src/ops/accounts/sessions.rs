//! Sessions as a host uses them: from a request's token to the acting member, the
//! member's list of their sessions, revoking them, and CSRF tokens.

use super::common::{TOUCH_EVERY_SECS, expiry};
use crate::clock::Timestamp;
use crate::model::{Secret, SessionInfo};
use crate::ops::Actor;
use crate::ops::actor::Who;
use crate::secrets::{self, TokenKind};
use crate::store::changes::Entry;
use crate::store::{Board, accounts, invitations, sessions};
use crate::{Error, Result};

/// The member a session token stands for, as the host looks it up on a request.
#[derive(Debug, Clone)]
pub struct SessionActor {
    /// Acts as the session's member; their role is read afresh by every op.
    pub actor: Actor,
    pub session: SessionInfo,
    /// The session's last-seen time is stale: the host calls [`touch_session`] (a
    /// write) when convenient, which also extends an idle session's expiry.
    pub touch_due: bool,
}

/// The member and session of a request's token. Reads only. `NotSignedIn` for a
/// token that is unknown, malformed, revoked or expired: refused at once, however
/// recently it worked.
pub fn session_actor(board: &Board, token: &str, now: Timestamp) -> Result<SessionActor> {
    let hash = secrets::token_hash(TokenKind::Session, token.trim()).ok_or(Error::NotSignedIn)?;
    let row = board
        .read(|conn| sessions::live_by_token(conn, &hash, now))?
        .ok_or(Error::NotSignedIn)?;
    let touch_due = now.millis() - row.info.last_seen_at.millis() >= TOUCH_EVERY_SECS * 1_000;
    Ok(SessionActor {
        actor: Actor::member(row.member_seq, row.member_id),
        session: SessionInfo {
            current: true,
            ..row.info
        },
        touch_due,
    })
}

/// Records that the session was used at `now` and moves its expiry on (by its
/// kind's idle time, never past its longest life). Nothing for a session that has
/// ended meanwhile.
pub fn touch_session(board: &mut Board, session: &SessionInfo, now: Timestamp) -> Result<()> {
    let expires_at = expiry(session.kind, session.created_at, now);
    board.write(|tx| sessions::touch(tx, &session.id, now, expires_at))
}

/// The signed-in member's live sessions, newest first; `current` marks
/// `current_session` (the one asking), if given.
pub fn list_sessions(
    board: &Board,
    actor: &Actor,
    current_session: Option<&str>,
    now: Timestamp,
) -> Result<Vec<SessionInfo>> {
    board.read(|conn| {
        let (seq, _) = Who::load(conn, actor)?.signed_in()?;
        let rows = sessions::live_of_member(conn, seq, now)?;
        Ok(rows
            .into_iter()
            .map(|row| SessionInfo {
                current: current_session == Some(row.info.id.as_str()),
                ..row.info
            })
            .collect())
    })
}

/// Revokes one of the signed-in member's own live sessions, at once. `NotFound`
/// for a session that is not theirs or has already ended.
pub fn revoke_session(
    board: &mut Board,
    actor: &Actor,
    session_id: &str,
    now: Timestamp,
) -> Result<()> {
    board.write(|tx| {
        let (seq, _) = Who::load(tx, actor)?.signed_in()?;
        if !sessions::revoke(tx, seq, session_id, now)? {
            return Err(Error::NotFound { what: "session" });
        }
        tx.record(Entry::account(seq), now);
        Ok(())
    })
}

/// Revokes every live session of the signed-in member but `current_session` (the
/// one asking); how many ended.
pub fn revoke_other_sessions(
    board: &mut Board,
    actor: &Actor,
    current_session: &str,
    now: Timestamp,
) -> Result<u32> {
    board.write(|tx| {
        let (seq, _) = Who::load(tx, actor)?.signed_in()?;
        let ended = sessions::revoke_all_but(tx, seq, Some(current_session), now)?;
        if ended > 0 {
            tx.record(Entry::account(seq), now);
        }
        Ok(ended as u32)
    })
}

/// The CSRF token of a cookie session: HMAC-SHA256 keyed by the session token,
/// derived again whenever asked, stored nowhere (see `secrets`). The host hands it
/// to the page (a response field or a readable cookie) and [`check_csrf`] checks
/// every state-changing cookie request against it.
pub fn csrf_token(session_token: &str) -> Secret {
    secrets::csrf_token(session_token.trim())
}

/// `CsrfRejected` unless `csrf_token` is the CSRF token of `session_token`
/// (compared in constant time). A token of another session never matches. Checks
/// the pair only: the host also looks the session up ([`session_actor`]).
pub fn check_csrf(session_token: &str, csrf_token: &str) -> Result<()> {
    if secrets::csrf_matches(session_token.trim(), csrf_token.trim()) {
        Ok(())
    } else {
        Err(Error::CsrfRejected)
    }
}

/// How many days an ended session, or a link that can no longer be used, is kept
/// before [`housekeeping`] deletes it.
pub const ENDED_KEPT_DAYS: i64 = 30;

/// What one [`housekeeping`] deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Housekept {
    pub sessions: usize,
    pub invitations: usize,
    pub resets: usize,
}

/// Deletes what nobody can use any more, ended more than [`ENDED_KEPT_DAYS`] before
/// `now`: sessions signed out, revoked or expired; invitations revoked or expired
/// unused; reset links used or expired; and forgets sign-in failures idle for a day
/// whose lock is over. Live sessions and pending links are never touched. One
/// transaction; a host runs it daily.
pub fn housekeeping(board: &mut Board, now: Timestamp) -> Result<Housekept> {
    let cutoff = now.plus_millis(-ENDED_KEPT_DAYS * Timestamp::MS_PER_DAY);
    board.write(|tx| {
        let sessions = sessions::prune_ended(tx, cutoff)?;
        let (invitations, resets) = invitations::prune_dead(tx, cutoff)?;
        accounts::prune_failures(tx, now.plus_millis(-Timestamp::MS_PER_DAY), now)?;
        Ok(Housekept {
            sessions,
            invitations,
            resets,
        })
    })
}

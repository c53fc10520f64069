//! Password resets by an admin's link (until the board can send email): the admin
//! issues a single-use link for a member's account; whoever holds it sets a new
//! password, and every session of that member is signed out.

use serde_json::json;

use super::common::{self, MS_PER_HOUR, RESET_VALID_HOURS};
use crate::clock::Timestamp;
use crate::model::{IssuedReset, MemberProfile};
use crate::ops::Actor;
use crate::ops::actor::{Who, audit};
use crate::secrets::{self, TokenHash, TokenKind};
use crate::store::changes::Entry;
use crate::store::{Board, accounts, invitations, members, sessions};
use crate::{Error, Result, rules};

/// Issues a password-reset link for a member's account (admins), valid for 24
/// hours; any earlier link for the member stops working. `NotFound` ("account")
/// for a member without an account.
pub fn issue_password_reset(
    board: &mut Board,
    actor: &Actor,
    member_id: &str,
    now: Timestamp,
) -> Result<IssuedReset> {
    let member_id = crate::ids::parse_id(member_id)?.to_string();
    let (token, hash) = secrets::new_token(TokenKind::Reset)?;
    board.write(|tx| {
        let admin = Who::load(tx, actor)?.admin()?;
        let member = members::by_id(tx, &member_id)?;
        accounts::by_member(tx, member.seq)?.ok_or(Error::NotFound { what: "account" })?;
        let expires_at = now.plus_millis(RESET_VALID_HOURS * MS_PER_HOUR);
        invitations::insert_reset(tx, &hash, member.seq, admin, now, expires_at)?;
        let target = format!("member:{member_id}");
        audit(tx, admin, "account.reset_issued", target, json!({}), now)?;
        Ok(IssuedReset {
            member_id: member_id.clone(),
            expires_at,
            token,
        })
    })
}

/// Sets a new password with a reset link, spends the link and signs out every
/// session of the member: [`check_reset_password`] then [`finish_reset_password`].
/// `TokenExpired` for a link used, replaced, expired or unknown; the password
/// rules otherwise. Clears the account's sign-in lockout.
pub fn reset_password(
    board: &mut Board,
    token: &str,
    new_password: &str,
    now: Timestamp,
) -> Result<MemberProfile> {
    let checked = check_reset_password(board, token, new_password, now)?;
    finish_reset_password(board, checked, now)
}

/// A reset whose link was found pending and whose new password was hashed; only
/// [`check_reset_password`] makes one, and only [`finish_reset_password`] takes it.
pub struct CheckedReset {
    link: TokenHash,
    password_hash: String,
}

impl std::fmt::Debug for CheckedReset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedReset").finish_non_exhaustive()
    }
}

/// The slow half of a reset, which only reads: the password rules, the link still
/// pending, and the new password's argon2 hash (a server runs it on a read-only
/// connection, so its one writer never waits for a hash).
pub fn check_reset_password(
    board: &Board,
    token: &str,
    new_password: &str,
    now: Timestamp,
) -> Result<CheckedReset> {
    rules::password(new_password)?;
    let link = secrets::token_hash(TokenKind::Reset, token.trim()).ok_or(Error::TokenExpired)?;
    board
        .read(|conn| invitations::pending_reset(conn, &link, now))?
        .ok_or(Error::TokenExpired)?;
    let password_hash = common::hash_new_password(new_password)?;
    Ok(CheckedReset {
        link,
        password_hash,
    })
}

/// The write of a reset: spends the link (refused with `TokenExpired` if another
/// use or a newer link came first), sets the password and ends every session.
pub fn finish_reset_password(
    board: &mut Board,
    checked: CheckedReset,
    now: Timestamp,
) -> Result<MemberProfile> {
    let CheckedReset {
        link,
        password_hash,
    } = checked;
    board.write(|tx| {
        let member_seq = invitations::use_reset(tx, &link, now)?;
        let account =
            accounts::by_member(tx, member_seq)?.ok_or(Error::NotFound { what: "account" })?;
        accounts::set_password_hash(tx, member_seq, &password_hash)?;
        accounts::clear_failures(tx, &secrets::email_key(&account.email))?;
        sessions::revoke_all_but(tx, member_seq, None, now)?;
        tx.record(Entry::account(member_seq), now);
        members::profile_by_seq(tx, member_seq)
    })
}

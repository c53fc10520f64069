//! Password resets by an admin's link (until the board can send email): the admin
//! issues a single-use link for a member's account; whoever holds it sets a new
//! password, and every session of that member is signed out.

use serde_json::json;

use super::common::{self, MS_PER_HOUR, RESET_VALID_HOURS};
use crate::clock::Timestamp;
use crate::model::{IssuedReset, MemberProfile};
use crate::ops::Actor;
use crate::ops::actor::{Who, audit};
use crate::secrets::{self, TokenKind};
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
/// session of the member. `TokenExpired` for a link used, replaced, expired or
/// unknown; the password rules otherwise. Clears the account's sign-in lockout.
pub fn reset_password(
    board: &mut Board,
    token: &str,
    new_password: &str,
    now: Timestamp,
) -> Result<MemberProfile> {
    rules::password(new_password)?;
    let hash = secrets::token_hash(TokenKind::Reset, token.trim()).ok_or(Error::TokenExpired)?;
    board
        .read(|conn| invitations::pending_reset(conn, &hash, now))?
        .ok_or(Error::TokenExpired)?;
    let password_hash = common::hash_new_password(new_password)?;
    board.write(|tx| {
        let member_seq = invitations::use_reset(tx, &hash, now)?;
        let account =
            accounts::by_member(tx, member_seq)?.ok_or(Error::NotFound { what: "account" })?;
        accounts::set_password_hash(tx, member_seq, &password_hash)?;
        accounts::clear_failures(tx, &secrets::email_key(&account.email))?;
        sessions::revoke_all_but(tx, member_seq, None, now)?;
        tx.record(Entry::account(member_seq), now);
        members::profile_by_seq(tx, member_seq)
    })
}

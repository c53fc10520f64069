//! Who may join: the board's sign-up setting and an admin's invitations. Team roles
//! only come by invitation (or by an admin changing a member's role); an invitation
//! is a link token the board keeps only as a hash, for one use before it expires.

use serde_json::json;

use super::common::{self, MS_PER_HOUR, invitation_hash, pending_invitation, rank};
use crate::clock::Timestamp;
use crate::model::{InvitationInfo, IssuedInvitation, MemberProfile, NewInvitation, SignUpMode};
use crate::ops::Actor;
use crate::ops::actor::{Who, audit};
use crate::secrets::{self, TokenKind};
use crate::store::changes::Entry;
use crate::store::{Board, accounts, invitations, members};
use crate::{Error, Result, rules};

/// Who may make an account now (anyone may ask: the portal shows a sign-up button
/// or not).
pub fn sign_up_mode(board: &Board) -> Result<SignUpMode> {
    board.read(accounts::sign_up_mode)
}

/// Sets who may make an account (admins).
pub fn set_sign_up_mode(
    board: &mut Board,
    actor: &Actor,
    mode: SignUpMode,
    now: Timestamp,
) -> Result<SignUpMode> {
    board.write(|tx| {
        let admin = Who::load(tx, actor)?.admin()?;
        let before = accounts::sign_up_mode(tx)?;
        accounts::set_sign_up_mode(tx, mode)?;
        tx.record(Entry::settings(), now);
        let detail = json!({ "from": before, "to": mode });
        audit(tx, admin, "board.sign_up", "board".into(), detail, now)?;
        Ok(mode)
    })
}

/// Creates an invitation link for a role (admins). The token is in the answer and
/// nowhere else: the board keeps its hash.
pub fn invite(
    board: &mut Board,
    actor: &Actor,
    input: &NewInvitation,
    now: Timestamp,
) -> Result<IssuedInvitation> {
    let hours = rules::invitation_hours(input.valid_for_hours)?;
    let (token, hash) = secrets::new_token(TokenKind::Invitation)?;
    board.write(|tx| {
        let admin = Who::load(tx, actor)?.admin()?;
        let id = tx.ids.next(now).to_string();
        let expires_at = now.plus_millis(i64::from(hours) * MS_PER_HOUR);
        invitations::insert_invitation(tx, &id, &hash, input.role, admin, now, expires_at)?;
        let detail = json!({ "role": input.role, "expiresAt": expires_at });
        audit(
            tx,
            admin,
            "invitation.create",
            format!("invitation:{id}"),
            detail,
            now,
        )?;
        Ok(IssuedInvitation {
            invitation: InvitationInfo {
                id,
                role: input.role,
                created_at: now,
                expires_at,
            },
            token,
        })
    })
}

/// The invitations still pending: not used, revoked nor expired (admins).
pub fn list_invitations(
    board: &Board,
    actor: &Actor,
    now: Timestamp,
) -> Result<Vec<InvitationInfo>> {
    board.read(|conn| {
        Who::load(conn, actor)?.admin()?;
        invitations::pending(conn, now)
    })
}

/// Revokes a pending invitation (admins); `NotFound` when none has that id.
pub fn revoke_invitation(
    board: &mut Board,
    actor: &Actor,
    invitation_id: &str,
    now: Timestamp,
) -> Result<()> {
    board.write(|tx| {
        let admin = Who::load(tx, actor)?.admin()?;
        if !invitations::revoke_invitation(tx, invitation_id, now)? {
            return Err(Error::NotFound { what: "invitation" });
        }
        let target = format!("invitation:{invitation_id}");
        audit(tx, admin, "invitation.revoke", target, json!({}), now)
    })
}

/// What an invitation link offers, for the sign-up page to say so (anyone holding
/// the link); `TokenExpired` when it is used, revoked, expired or unknown.
pub fn check_invitation(board: &Board, token: &str, now: Timestamp) -> Result<InvitationInfo> {
    let hash = invitation_hash(token)?;
    board.read(|conn| Ok(pending_invitation(conn, &hash, now)?.info))
}

/// A signed-in member takes up an invitation: they get its role, unless theirs is
/// already higher (an admin keeps admin). Spends the invitation either way.
/// Refused with `TokenExpired` as [`check_invitation`].
pub fn accept_invitation(
    board: &mut Board,
    actor: &Actor,
    token: &str,
    now: Timestamp,
) -> Result<MemberProfile> {
    let hash = invitation_hash(token)?;
    board.write(|tx| {
        let (seq, role) = Who::load(tx, actor)?.signed_in()?;
        let invitation = pending_invitation(tx, &hash, now)?;
        common::spend_invitation(tx, &invitation, seq, now)?;
        let offered = invitation.info.role;
        if rank(offered) > rank(role) {
            members::set_role(tx, seq, offered)?;
            tx.record(Entry::member(seq), now);
        }
        members::profile_by_seq(tx, seq)
    })
}

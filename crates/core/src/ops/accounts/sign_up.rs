//! Making accounts: signing up (as the board's sign-up setting allows) and the
//! first admin of a server's board.

use super::common::{self, invitation_hash, pending_invitation};
use crate::clock::Timestamp;
use crate::model::{MemberProfile, NewSession, Role, SignUp, SignUpMode, SignedIn};
use crate::secrets::TokenHash;
use crate::store::changes::Entry;
use crate::store::{Tx, accounts, invitations, members};
use crate::{Error, Result, rules};

/// Signs up and signs in: a new member with an account, in the invitation's role
/// if one is given (and still pending), else as a fan. Refused with `SignUpClosed`
/// on a closed board, `InvitationRequired` on an invite-only one without an
/// invitation, `TokenExpired` for an invitation that is used, revoked, expired or
/// unknown, `EmailTaken` when another account has the email; and the input rules
/// (`NameEmpty`, `EmailInvalid`, `PasswordTooShort`, `PasswordTooCommon`, ...).
/// Nothing is written unless everything holds.
pub fn sign_up(
    board: &mut crate::Board,
    input: &SignUp,
    session: &NewSession,
    now: Timestamp,
) -> Result<SignedIn> {
    let name = rules::display_name(&input.display_name)?;
    let email = rules::email(&input.email)?;
    rules::password(&input.password)?;
    let invitation = input
        .invitation
        .as_deref()
        .map(invitation_hash)
        .transpose()?;
    // Refuse what the board would refuse before paying for the password's hash,
    // which is hashed outside the write so the writer is never held for it.
    board.read(|conn| admit(conn, invitation.as_ref(), &email, now).map(drop))?;
    let hash = common::hash_new_password(&input.password)?;
    board.write(|tx| {
        let (role, invitation) = admit(tx, invitation.as_ref(), &email, now)?;
        let seq = insert_member(tx, &name, role, &email, &hash, now)?;
        if let Some(invitation) = invitation {
            common::spend_invitation(tx, &invitation, seq, now)?;
        }
        common::open_session(tx, seq, session, now)
    })
}

/// Whether the board takes this sign-up now: the role it gives and the
/// invitation it spends.
fn admit(
    conn: &rusqlite::Connection,
    invitation: Option<&TokenHash>,
    email: &str,
    now: Timestamp,
) -> Result<(Role, Option<invitations::InvitationRow>)> {
    let mode = accounts::sign_up_mode(conn)?;
    if mode == SignUpMode::Closed {
        return Err(Error::SignUpClosed);
    }
    let invitation = match invitation {
        Some(hash) => Some(pending_invitation(conn, hash, now)?),
        None if mode == SignUpMode::InviteOnly => return Err(Error::InvitationRequired),
        None => None,
    };
    if accounts::email_taken(conn, email)? {
        return Err(Error::EmailTaken);
    }
    let role = invitation.as_ref().map_or(Role::Fan, |i| i.info.role);
    Ok((role, invitation))
}

fn insert_member(
    tx: &mut Tx<'_>,
    name: &str,
    role: Role,
    email: &str,
    password_hash: &str,
    now: Timestamp,
) -> Result<i64> {
    let id = tx.ids.next(now).to_string();
    let seq = members::insert(tx, &id, name, role, None, now)?;
    accounts::insert(tx, seq, email, password_hash, now)?;
    tx.record(Entry::member(seq), now);
    Ok(seq)
}

/// Makes the first admin account of a board (`ideaboard-server admin create`):
/// a new admin member with an email and a password. Refused with
/// `AdminAccountExists` once any admin has an account (further admins come by
/// invitation); the board's sign-up setting does not apply. Opens no session.
pub fn create_first_admin(
    board: &mut crate::Board,
    display_name: &str,
    email: &str,
    password: &str,
    now: Timestamp,
) -> Result<MemberProfile> {
    let name = rules::display_name(display_name)?;
    let email = rules::email(email)?;
    rules::password(password)?;
    let first = |conn: &rusqlite::Connection| -> Result<()> {
        if accounts::admin_account_exists(conn)? {
            return Err(Error::AdminAccountExists);
        }
        if accounts::email_taken(conn, &email)? {
            return Err(Error::EmailTaken);
        }
        Ok(())
    };
    board.read(first)?;
    let hash = common::hash_new_password(password)?;
    board.write(|tx| {
        first(tx)?;
        let seq = insert_member(tx, &name, Role::Admin, &email, &hash, now)?;
        members::profile_by_seq(tx, seq)
    })
}

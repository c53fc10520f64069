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
/// if one is given (and still pending), else as a fan; [`check_sign_up`] then
/// [`finish_sign_up`]. Refused with `SignUpClosed` on a closed board (but for an
/// invitation to the team: a moderator's or an admin's),
/// `InvitationRequired` on an invite-only one without an invitation,
/// `TokenExpired` for an invitation that is used, revoked, expired or unknown,
/// `EmailTaken` when another account has the email; and the input rules
/// (`NameEmpty`, `EmailInvalid`, `PasswordTooShort`, `PasswordTooCommon`, ...).
/// Nothing is written unless everything holds.
pub fn sign_up(
    board: &mut crate::Board,
    input: &SignUp,
    session: &NewSession,
    now: Timestamp,
) -> Result<SignedIn> {
    let checked = check_sign_up(board, input, now)?;
    finish_sign_up(board, checked, session, now)
}

/// A sign-up checked against a snapshot of the board, its password hashed; only
/// [`check_sign_up`] makes one, and only [`finish_sign_up`] takes it.
pub struct CheckedSignUp {
    name: String,
    email: String,
    invitation: Option<TokenHash>,
    password_hash: String,
}

impl std::fmt::Debug for CheckedSignUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedSignUp")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// The slow half of signing up, which only reads: the input rules, what the
/// board would refuse now, and the password's argon2 hash. A server runs it on a
/// read-only connection, so its one writer never waits for a hash.
pub fn check_sign_up(
    board: &crate::Board,
    input: &SignUp,
    now: Timestamp,
) -> Result<CheckedSignUp> {
    let name = rules::display_name(&input.display_name)?;
    let email = rules::email(&input.email)?;
    rules::password(&input.password)?;
    let invitation = input
        .invitation
        .as_deref()
        .map(invitation_hash)
        .transpose()?;
    board.read(|conn| admit(conn, invitation.as_ref(), &email, now).map(drop))?;
    Ok(CheckedSignUp {
        name,
        email,
        invitation,
        password_hash: common::hash_new_password(&input.password)?,
    })
}

/// The write of signing up: checks again what the board takes (another sign-up
/// may have taken the email or the invitation meanwhile), then makes the member,
/// their account and a session in one transaction.
pub fn finish_sign_up(
    board: &mut crate::Board,
    checked: CheckedSignUp,
    session: &NewSession,
    now: Timestamp,
) -> Result<SignedIn> {
    let CheckedSignUp {
        name,
        email,
        invitation,
        password_hash,
    } = checked;
    board.write(|tx| {
        let (role, invitation) = admit(tx, invitation.as_ref(), &email, now)?;
        let seq = insert_member(tx, &name, role, &email, &password_hash, now)?;
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
    let invitation = match invitation {
        Some(hash) => Some(pending_invitation(conn, hash, now)?),
        None => None,
    };
    // A closed board still takes the team an admin invites (team roles come only
    // by invitation); an invite-only one takes anyone invited.
    match (mode, &invitation) {
        (SignUpMode::Closed, Some(i)) if i.info.role.is_team() => {}
        (SignUpMode::Closed, _) => return Err(Error::SignUpClosed),
        (SignUpMode::InviteOnly, None) => return Err(Error::InvitationRequired),
        _ => {}
    }
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

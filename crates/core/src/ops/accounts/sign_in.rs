//! Signing in and out with an email and a password, changing one's password, and
//! the lockout after failed sign-ins.
//!
//! A failed sign-in never says whether the email has an account: an unknown email
//! is answered after the same argon2 work, with the same `InvalidCredentials`, and
//! failures are counted per email whatever it is (the count lives in the board, so
//! a restart does not reset it). From the fifth failure in a row the email is
//! locked for 1, 2, 4, ... minutes, at most an hour (`LockedOut`, with the seconds
//! to wait); a success clears the count. The password is checked outside the
//! write (argon2 takes tens of milliseconds; [`check_sign_in`] only reads); the
//! write ([`finish_sign_in`]) then re-checks that nothing changed meanwhile, so
//! parallel sign-ins each count once.

use super::common::{self, check_not_locked, count_failure};
use crate::clock::Timestamp;
use crate::model::{AccountInfo, NewSession, SignIn, SignedIn};
use crate::ops::Actor;
use crate::ops::actor::Who;
use crate::secrets::{self, TokenHash, TokenKind};
use crate::store::changes::Entry;
use crate::store::{Board, accounts, sessions};
use crate::{Error, Result, rules};

/// Signs in with an email and a password and opens a session of the given kind:
/// [`check_sign_in`] then [`finish_sign_in`]. Refused with `InvalidCredentials`
/// (wrong password or no such account, alike), `LockedOut { retry_after }` after
/// repeated failures, or `EmailInvalid` for text that is no email at all. A failure
/// is counted even though the call fails.
pub fn sign_in(
    board: &mut Board,
    input: &SignIn,
    session: &NewSession,
    now: Timestamp,
) -> Result<SignedIn> {
    let checked = check_sign_in(board, input, now)?;
    finish_sign_in(board, checked, session, now)
}

/// A sign-in whose password was checked against a snapshot of the board; only
/// [`check_sign_in`] makes one, and only [`finish_sign_in`] takes it.
pub struct CheckedSignIn {
    email: String,
    key: TokenHash,
    account: Option<accounts::AccountRow>,
    matches: bool,
}

impl std::fmt::Debug for CheckedSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedSignIn")
            .field("email", &self.email)
            .finish_non_exhaustive()
    }
}

/// The slow half of signing in, which only reads: refuses a malformed email or a
/// locked one, and verifies the password (argon2, tens of milliseconds). A server
/// runs it on a read-only connection, so its one writer never waits for a hash.
pub fn check_sign_in(board: &Board, input: &SignIn, now: Timestamp) -> Result<CheckedSignIn> {
    let email = rules::email(&input.email)?;
    let key = secrets::email_key(&email);
    let account = board.read(|conn| {
        check_not_locked(conn, &key, now)?;
        accounts::by_email(conn, &email)
    })?;
    let hash = account.as_ref().map(|a| a.password_hash.as_str());
    let matches = password_matches(&input.password, hash)?;
    Ok(CheckedSignIn {
        email,
        key,
        account,
        matches,
    })
}

/// The write of signing in: opens the session, or counts the failure (committed
/// though the call fails) and says `InvalidCredentials` or `LockedOut`. Re-checks
/// what the check relied on, so parallel sign-ins each count once and a password
/// changed meanwhile does not let the old one in.
pub fn finish_sign_in(
    board: &mut Board,
    checked: CheckedSignIn,
    session: &NewSession,
    now: Timestamp,
) -> Result<SignedIn> {
    let CheckedSignIn {
        email,
        key,
        account,
        matches,
    } = checked;
    board.write(|tx| {
        if let Err(locked) = check_not_locked(tx, &key, now) {
            return Ok(Err(locked));
        }
        let current = accounts::by_email(tx, &email)?;
        match current {
            Some(current) if matches && account.as_ref() == Some(&current) => {
                accounts::clear_failures(tx, &key)?;
                common::open_session(tx, current.member_seq, session, now).map(Ok)
            }
            _ => count_failure(tx, &key, now).map(Err),
        }
    })?
}

/// Whether `given` is the password of the hash; with no hash, the same work is
/// spent and the answer is no. Text longer than any password is not hashed.
fn password_matches(given: &str, hash: Option<&str>) -> Result<bool> {
    if given.chars().count() > rules::PASSWORD_MAX {
        return Ok(false);
    }
    match hash {
        Some(hash) => secrets::verify_password(given, hash),
        None => secrets::verify_nothing(given).map(|()| false),
    }
}

/// Signs out: revokes the session of `token` at once. A token that is unknown,
/// expired or already revoked is already signed out (Ok).
pub fn sign_out(board: &mut Board, token: &str, now: Timestamp) -> Result<()> {
    let Some(hash) = secrets::token_hash(TokenKind::Session, token.trim()) else {
        return Ok(());
    };
    board.write(|tx| {
        if let Some(member_seq) = sessions::revoke_by_token(tx, &hash, now)? {
            tx.record(Entry::account(member_seq), now);
        }
        Ok(())
    })
}

/// Changes the signed-in member's password, given the current one, and signs out
/// every other session of theirs (`keep_session`, the one asking, stays):
/// [`check_change_password`] then [`finish_change_password`]. A wrong current
/// password counts as a failed sign-in (`InvalidCredentials`, then `LockedOut`);
/// `NotFound` ("account") for a member without an account; the password rules
/// for the new one.
pub fn change_password(
    board: &mut Board,
    actor: &Actor,
    current_password: &str,
    new_password: &str,
    keep_session: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let checked = check_change_password(board, actor, current_password, new_password, now)?;
    finish_change_password(board, checked, keep_session, now)
}

/// A password change whose current password was checked (and new one hashed)
/// against a snapshot of the board; only [`check_change_password`] makes one, and
/// only [`finish_change_password`] takes it.
pub struct CheckedPasswordChange {
    account: accounts::AccountRow,
    /// The new password's hash; None when the current password was wrong.
    new_hash: Option<String>,
}

impl std::fmt::Debug for CheckedPasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckedPasswordChange")
            .field("matches", &self.new_hash.is_some())
            .finish_non_exhaustive()
    }
}

/// The slow half of changing a password, which only reads: the account, the
/// lockout, the new password's rules, the current password (argon2) and the new
/// one's hash. A server runs it on a read-only connection, so its one writer never
/// waits for a hash.
pub fn check_change_password(
    board: &Board,
    actor: &Actor,
    current_password: &str,
    new_password: &str,
    now: Timestamp,
) -> Result<CheckedPasswordChange> {
    let account = board.read(|conn| {
        let (seq, _) = Who::load(conn, actor)?.signed_in()?;
        let account = accounts::by_member(conn, seq)?.ok_or(Error::NotFound { what: "account" })?;
        check_not_locked(conn, &secrets::email_key(&account.email), now)?;
        Ok(account)
    })?;
    rules::password(new_password)?;
    let new_hash = if password_matches(current_password, Some(&account.password_hash))? {
        Some(common::hash_new_password(new_password)?)
    } else {
        None
    };
    Ok(CheckedPasswordChange { account, new_hash })
}

/// The write of changing a password: sets the new hash and signs out every other
/// session, or counts the failure (committed though the call fails). Re-checks
/// that the account did not change meanwhile (a parallel change or reset).
pub fn finish_change_password(
    board: &mut Board,
    checked: CheckedPasswordChange,
    keep_session: Option<&str>,
    now: Timestamp,
) -> Result<()> {
    let CheckedPasswordChange { account, new_hash } = checked;
    let key = secrets::email_key(&account.email);
    board.write(|tx| {
        check_not_locked(tx, &key, now)?;
        let current = accounts::by_member(tx, account.member_seq)?;
        match (&new_hash, current) {
            (Some(hash), Some(current)) if current == account => {
                accounts::set_password_hash(tx, account.member_seq, hash)?;
                sessions::revoke_all_but(tx, account.member_seq, keep_session, now)?;
                tx.record(Entry::account(account.member_seq), now);
                Ok(Ok(()))
            }
            _ => count_failure(tx, &key, now).map(Err),
        }
    })?
}

/// The signed-in member's own account (their email); `NotFound` ("account") for a
/// member without one.
pub fn my_account(board: &Board, actor: &Actor) -> Result<AccountInfo> {
    board.read(|conn| {
        let (seq, _) = Who::load(conn, actor)?.signed_in()?;
        accounts::info(conn, seq)
    })
}

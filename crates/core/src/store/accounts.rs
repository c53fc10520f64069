//! SQL for accounts, the board's sign-up setting and the count of failed sign-ins
//! (migration `0010_accounts.sql`).

use rusqlite::{Connection, OptionalExtension, params};

use crate::clock::Timestamp;
use crate::model::{AccountInfo, SignUpMode};
use crate::{Error, Result};

/// An account as sign-in needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct AccountRow {
    pub member_seq: i64,
    pub email: String,
    pub password_hash: String,
}

const ACCOUNT: &str = "SELECT member_seq, email, password_hash FROM accounts";

fn account_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRow> {
    Ok(AccountRow {
        member_seq: r.get(0)?,
        email: r.get(1)?,
        password_hash: r.get(2)?,
    })
}

pub(crate) fn by_email(conn: &Connection, email: &str) -> Result<Option<AccountRow>> {
    Ok(conn
        .prepare_cached(&format!("{ACCOUNT} WHERE email = ?1"))?
        .query_row([email], account_row)
        .optional()?)
}

pub(crate) fn by_member(conn: &Connection, member_seq: i64) -> Result<Option<AccountRow>> {
    Ok(conn
        .prepare_cached(&format!("{ACCOUNT} WHERE member_seq = ?1"))?
        .query_row([member_seq], account_row)
        .optional()?)
}

pub(crate) fn info(conn: &Connection, member_seq: i64) -> Result<AccountInfo> {
    conn.prepare_cached("SELECT email, created_at FROM accounts WHERE member_seq = ?1")?
        .query_row([member_seq], |r| {
            Ok(AccountInfo {
                email: r.get(0)?,
                created_at: Timestamp::from_millis(r.get(1)?),
            })
        })
        .optional()?
        .ok_or(Error::NotFound { what: "account" })
}

pub(crate) fn email_taken(conn: &Connection, email: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM accounts WHERE email = ?1)")?
        .query_row([email], |r| r.get(0))?)
}

/// Adds the account of a member; `EmailTaken` when another account has the email.
pub(crate) fn insert(
    conn: &Connection,
    member_seq: i64,
    email: &str,
    password_hash: &str,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached("INSERT INTO accounts (member_seq, email, password_hash, created_at) VALUES (?1, ?2, ?3, ?4)")?.execute(params![member_seq, email, password_hash, now.millis()])
    .map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::EmailTaken,
        _ => e.into(),
    })?;
    Ok(())
}

pub(crate) fn set_password_hash(conn: &Connection, member_seq: i64, hash: &str) -> Result<()> {
    conn.prepare_cached("UPDATE accounts SET password_hash = ?2 WHERE member_seq = ?1")?
        .execute(params![member_seq, hash])?;
    Ok(())
}

/// Whether any admin has an account (the first admin is made only when none has).
pub(crate) fn admin_account_exists(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM members m JOIN accounts a ON a.member_seq = m.seq \
         WHERE m.role <> 'fan' AND m.role = 'admin')",
        )?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn sign_up_mode(conn: &Connection) -> Result<SignUpMode> {
    let text: String = conn
        .prepare_cached("SELECT sign_up FROM board WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    SignUpMode::parse(&text)
}

pub(crate) fn set_sign_up_mode(conn: &Connection, mode: SignUpMode) -> Result<()> {
    conn.prepare_cached("UPDATE board SET sign_up = ?1 WHERE id = 1")?
        .execute([mode.as_str()])?;
    Ok(())
}

/// The failed sign-ins in a row under one email key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Failures {
    pub count: i64,
    pub locked_until: Option<Timestamp>,
}

pub(crate) fn failures(conn: &Connection, email_key: &[u8]) -> Result<Option<Failures>> {
    Ok(conn
        .prepare_cached("SELECT failures, locked_until FROM sign_in_failures WHERE email_key = ?1")?
        .query_row([email_key], |r| {
            Ok(Failures {
                count: r.get(0)?,
                locked_until: r.get::<_, Option<i64>>(1)?.map(Timestamp::from_millis),
            })
        })
        .optional()?)
}

/// Counts one more failure; `lock_for` turns the count into how long to lock (ms).
pub(crate) fn add_failure(
    conn: &Connection,
    email_key: &[u8],
    now: Timestamp,
    lock_for: impl Fn(i64) -> Option<i64>,
) -> Result<Failures> {
    let count: i64 = conn
        .prepare_cached(
            "INSERT INTO sign_in_failures (email_key, failures, last_at) VALUES (?1, 1, ?2) \
             ON CONFLICT (email_key) DO UPDATE SET failures = failures + 1, last_at = ?2 \
             RETURNING failures",
        )?
        .query_row(params![email_key, now.millis()], |r| r.get(0))?;
    let locked_until = lock_for(count).map(|ms| now.plus_millis(ms));
    conn.prepare_cached("UPDATE sign_in_failures SET locked_until = ?2 WHERE email_key = ?1")?
        .execute(params![email_key, locked_until.map(Timestamp::millis)])?;
    Ok(Failures {
        count,
        locked_until,
    })
}

pub(crate) fn clear_failures(conn: &Connection, email_key: &[u8]) -> Result<()> {
    conn.prepare_cached("DELETE FROM sign_in_failures WHERE email_key = ?1")?
        .execute([email_key])?;
    Ok(())
}

/// Forgets the failures last counted before `cutoff` whose lock (if any) is over.
pub(crate) fn prune_failures(conn: &Connection, cutoff: Timestamp, now: Timestamp) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM sign_in_failures WHERE last_at < ?1 AND coalesce(locked_until, 0) <= ?2",
    )?
    .execute(params![cutoff.millis(), now.millis()])?;
    Ok(())
}

//! SQL for members.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::clock::Timestamp;
use crate::model::{MemberProfile, Role, level_for};
use crate::{Error, Result};

/// A member as ops need it: key, public id and current role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MemberRow {
    pub seq: i64,
    pub id: String,
    pub role: Role,
    pub passphrase_hash: Option<String>,
}

fn member_row(row: &Row<'_>) -> rusqlite::Result<(i64, String, String, Option<String>)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

fn to_member(raw: (i64, String, String, Option<String>)) -> Result<MemberRow> {
    Ok(MemberRow {
        seq: raw.0,
        id: raw.1,
        role: Role::parse(&raw.2)?,
        passphrase_hash: raw.3,
    })
}

pub(crate) fn by_id(conn: &Connection, id: &str) -> Result<MemberRow> {
    let raw = conn
        .prepare_cached("SELECT seq, id, role, passphrase_hash FROM members WHERE id = ?1")?
        .query_row([id], member_row)
        .optional()?
        .ok_or(Error::NotFound { what: "member" })?;
    to_member(raw)
}

pub(crate) fn by_seq(conn: &Connection, seq: i64) -> Result<MemberRow> {
    let raw = conn
        .prepare_cached("SELECT seq, id, role, passphrase_hash FROM members WHERE seq = ?1")?
        .query_row([seq], member_row)
        .optional()?
        .ok_or(Error::NotFound { what: "member" })?;
    to_member(raw)
}

/// The board's owner: the admin who joined first (ties by creation order); None on
/// a board without an admin. The `role <> 'fan'` term lets SQLite read the team
/// off the partial index `members_role` instead of scanning every fan.
pub(crate) fn first_admin(conn: &Connection) -> Result<Option<MemberRow>> {
    conn.prepare_cached(
        "SELECT seq, id, role, passphrase_hash FROM members \
         WHERE role <> 'fan' AND role = 'admin' ORDER BY joined_at, seq LIMIT 1",
    )?
    .query_row([], member_row)
    .optional()?
    .map(to_member)
    .transpose()
}

pub(crate) fn insert(
    conn: &Connection,
    id: &str,
    display_name: &str,
    role: Role,
    passphrase_hash: Option<&str>,
    now: Timestamp,
) -> Result<i64> {
    conn.prepare_cached("INSERT INTO members (id, display_name, role, passphrase_hash, joined_at) VALUES (?1, ?2, ?3, ?4, ?5)")?.execute(params![id, display_name, role.as_str(), passphrase_hash, now.millis()])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn set_name(conn: &Connection, seq: i64, name: &str) -> Result<()> {
    conn.prepare_cached("UPDATE members SET display_name = ?2 WHERE seq = ?1")?
        .execute(params![seq, name])?;
    Ok(())
}

pub(crate) fn set_role(conn: &Connection, seq: i64, role: Role) -> Result<()> {
    conn.prepare_cached("UPDATE members SET role = ?2 WHERE seq = ?1")?
        .execute(params![seq, role.as_str()])?;
    Ok(())
}

pub(crate) fn set_passphrase_hash(conn: &Connection, seq: i64, hash: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE members SET passphrase_hash = ?2 WHERE seq = ?1")?
        .execute(params![seq, hash])?;
    Ok(())
}

pub(crate) fn count_all(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM members")?
        .query_row([], |r| r.get(0))?)
}

pub(crate) fn count_admins(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM members WHERE role = 'admin'")?
        .query_row([], |r| r.get(0))?)
}

const PROFILE_COLUMNS: &str =
    "id, display_name, role, joined_at, points, passphrase_hash IS NOT NULL";

fn profile(row: &Row<'_>) -> rusqlite::Result<(String, String, String, i64, i64, bool)> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
    ))
}

fn to_profile(raw: (String, String, String, i64, i64, bool)) -> Result<MemberProfile> {
    Ok(MemberProfile {
        id: raw.0,
        display_name: raw.1,
        role: Role::parse(&raw.2)?,
        joined_at: Timestamp::from_millis(raw.3),
        points: raw.4 as i32,
        level: level_for(raw.4),
        has_passphrase: raw.5,
    })
}

pub(crate) fn profile_by_seq(conn: &Connection, seq: i64) -> Result<MemberProfile> {
    let sql = format!("SELECT {PROFILE_COLUMNS} FROM members WHERE seq = ?1");
    to_profile(conn.prepare_cached(&sql)?.query_row([seq], profile)?)
}

/// Every member, team first, then by name.
pub(crate) fn list_profiles(conn: &Connection) -> Result<Vec<MemberProfile>> {
    let sql = format!(
        "SELECT {PROFILE_COLUMNS} FROM members \
         ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'moderator' THEN 1 ELSE 2 END, display_name, seq"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([], profile)?;
    rows.map(|r| to_profile(r?)).collect()
}

/// One member of the team's members page, with their account's email if any.
pub(crate) struct DirectoryRow {
    pub profile: MemberProfile,
    pub email: Option<String>,
}

/// Members newest first (by `seq`, their order of joining the board), before
/// `before_seq`: the team only (read off the partial index `members_role`), or
/// everyone (a walk down the primary key). `search` (lower-case) keeps names that
/// contain it, and with `search_email` emails that do too.
pub(crate) fn directory(
    conn: &Connection,
    team_only: bool,
    search: Option<&str>,
    search_email: bool,
    before_seq: i64,
    limit: u32,
) -> Result<Vec<DirectoryRow>> {
    // The team is a handful among possibly hundreds of thousands of fans: read it
    // off its partial index (and sort those few) rather than walk every fan by seq,
    // which is what the planner picks without statistics.
    let (index, role) = if team_only {
        ("INDEXED BY members_role", "AND m.role <> 'fan'")
    } else {
        ("", "")
    };
    let sql = format!(
        "SELECT m.{}, a.email FROM members m {index} \
         LEFT JOIN accounts a ON a.member_seq = m.seq \
         WHERE m.seq < ?1 {role} \
           AND (?2 IS NULL OR instr(lower(m.display_name), ?2) > 0 \
                OR (?3 AND instr(a.email, ?2) > 0)) \
         ORDER BY m.seq DESC LIMIT ?4",
        PROFILE_COLUMNS.replace(", ", ", m.")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![before_seq, search, search_email, limit], |row| {
        Ok((profile(row)?, row.get::<_, Option<String>>(6)?))
    })?;
    rows.map(|r| {
        let (raw, email) = r?;
        Ok(DirectoryRow {
            profile: to_profile(raw)?,
            email,
        })
    })
    .collect()
}

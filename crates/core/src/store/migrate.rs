//! Embedded, append-only migrations. Migration N moves a board from schema N-1 to N
//! in one transaction that also sets `PRAGMA user_version = N`, so a board is always
//! at exactly one known version. Never edit a shipped migration: add the next one.

use rusqlite::{Connection, TransactionBehavior};

use crate::{Error, Result};

/// `PRAGMA application_id` of every Ideaboard board: "IDEA".
pub const APPLICATION_ID: i32 = 0x4944_4541;

/// Every migration, in order; index i holds migration i+1.
pub const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_list_indexes.sql"),
    include_str!("migrations/0003_search.sql"),
    include_str!("migrations/0004_adoption.sql"),
    include_str!("migrations/0005_notices.sql"),
    include_str!("migrations/0006_search_df.sql"),
    include_str!("migrations/0007_team.sql"),
    include_str!("migrations/0008_audit_target.sql"),
    include_str!("migrations/0009_changes.sql"),
    include_str!("migrations/0010_accounts.sql"),
    include_str!("migrations/0011_board_totals.sql"),
];

/// The schema this build writes.
pub const LATEST_SCHEMA: i64 = MIGRATIONS.len() as i64;

/// Refuses a database that is not an Ideaboard board or is newer than this build.
/// Reads only; runs before anything could write to the file.
pub(super) fn check_identity(conn: &Connection) -> Result<i64> {
    // A file with SQLite's header but no database after it is not a board either.
    let not_a_board = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotABoard,
        _ => Error::from(e),
    };
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(not_a_board)?;
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_a_board)?;
    if app_id != APPLICATION_ID {
        return Err(Error::NotABoard);
    }
    if version > LATEST_SCHEMA {
        return Err(Error::NewerBoard {
            found: version,
            supported: LATEST_SCHEMA,
        });
    }
    Ok(version)
}

/// Applies every migration after the board's version up to `target`.
pub(super) fn upgrade(conn: &mut Connection, target: i64) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    upgrade_from(conn, current, target)
}

/// [`upgrade`] for a board known to be at `current` (just read by [`check_identity`]).
pub(super) fn upgrade_from(conn: &mut Connection, current: i64, target: i64) -> Result<()> {
    for version in (current + 1)..=target {
        let sql = MIGRATIONS[(version - 1) as usize];
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        after_migration(&tx, version)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}

/// Work a migration needs from Rust, run in the migration's own transaction right
/// after its SQL, so a board is never at version N without it.
fn after_migration(conn: &Connection, version: i64) -> Result<()> {
    if version == 3 {
        // The search index's analysis (CJK bigrams, stemming) lives in Rust.
        super::search::reindex_all(conn)?;
    }
    if version == 4 {
        // The adoption times of ideas that already have answers or launches.
        super::adoption::recount_all(conn)?;
    }
    if version == 7 {
        // The team's aggregates of the activity and status changes already there.
        super::team::rebuild(conn)?;
    }
    Ok(())
}

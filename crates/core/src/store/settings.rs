//! SQL for the board row.

use rusqlite::{Connection, params};

use crate::Result;
use crate::clock::Timestamp;
use crate::model::BoardSettings;

pub(crate) fn insert_board(conn: &Connection, name: &str, now: Timestamp) -> Result<()> {
    conn.prepare_cached("INSERT INTO board (id, name, created_at) VALUES (1, ?1, ?2)")?
        .execute(params![name, now.millis()])?;
    Ok(())
}

pub(crate) fn get(conn: &Connection) -> Result<BoardSettings> {
    Ok(conn.prepare_cached("SELECT name, vote_budget, support_threshold, default_locale, edit_grace_minutes FROM board WHERE id = 1")?.query_row([],
        |r| {
            Ok(BoardSettings {
                name: r.get(0)?,
                vote_budget: r.get(1)?,
                support_threshold: r.get(2)?,
                default_locale: r.get(3)?,
                edit_grace_minutes: r.get(4)?,
            })
        })?)
}

pub(crate) fn update(conn: &Connection, s: &BoardSettings) -> Result<()> {
    conn.prepare_cached("UPDATE board SET name = ?1, vote_budget = ?2, support_threshold = ?3, default_locale = ?4, edit_grace_minutes = ?5 WHERE id = 1")?.execute(params![s.name, s.vote_budget, s.support_threshold, s.default_locale, s.edit_grace_minutes])?;
    Ok(())
}

//! Whole-board checks: a content fingerprint (to prove a refused operation changed
//! nothing; the change feed is history, not content), SQLite's own integrity
//! checks, and a recount of every denormalised counter against the rows it
//! summarises.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::ideas;
use crate::Result;

/// One line per table: its name, row count and a hash of every row in key order.
pub(crate) fn of_all_tables(conn: &Connection) -> Result<String> {
    // The change feed records how the content came to be, not content: a board
    // imported from another's bundle holds the same content with another history.
    let mut tables = conn.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'changes' ORDER BY name")?;
    let names: Vec<String> = tables
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = String::new();
    for name in names {
        // A zero in `idea_counts` says the same as no row (the triggers leave zeros
        // behind; a board built another way has none), so zeros are not content.
        let only = if name == "idea_counts" {
            " WHERE n > 0"
        } else {
            ""
        };
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{name}\"{only} ORDER BY 1, 2"))?;
        let columns = stmt.column_count();
        let mut rows = stmt.query([])?;
        let mut hasher = DefaultHasher::new();
        let mut count = 0u64;
        while let Some(row) = rows.next()? {
            count += 1;
            for i in 0..columns {
                match row.get_ref(i)? {
                    ValueRef::Null => 0u8.hash(&mut hasher),
                    ValueRef::Integer(v) => v.hash(&mut hasher),
                    ValueRef::Real(v) => v.to_bits().hash(&mut hasher),
                    ValueRef::Text(v) | ValueRef::Blob(v) => v.hash(&mut hasher),
                }
            }
        }
        out.push_str(&format!("{name} {count} {:016x}\n", hasher.finish()));
    }
    Ok(out)
}

pub(crate) fn quick_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    Ok(problems)
}

pub(crate) fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            problems.push(row);
        }
    }
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    for row in stmt.query_map([], |r| {
        Ok(format!(
            "foreign key: {} row {:?} -> {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, String>(2)?
        ))
    })? {
        problems.push(row?);
    }
    Ok(problems)
}

/// Every idea whose vote count, vote weight, comment count or trending score differs
/// from a recount, every member whose points differ from their ledger, the team's
/// aggregates (store::team) and the board's totals (store::totals).
pub(crate) fn counter_mismatches(conn: &Connection) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT i.number, i.vote_count, i.vote_weight, i.comment_count, i.trending, \
           (SELECT count(*) FROM votes v WHERE v.idea_no = i.number), \
           (SELECT coalesce(sum(CASE priority WHEN 'critical' THEN 3 WHEN 'important' THEN 2 ELSE 1 END), 0) FROM votes v WHERE v.idea_no = i.number), \
           (SELECT count(*) FROM comments c WHERE c.idea_no = i.number AND c.kind <> 'internal' AND c.deleted_at IS NULL AND c.hidden_at IS NULL) \
         FROM ideas i",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, f64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
        ))
    })?;
    for row in rows {
        let (number, votes, weight, comments, trending, votes_real, weight_real, comments_real) =
            row?;
        if (votes, weight, comments) != (votes_real, weight_real, comments_real) {
            out.push(format!(
                "idea #{number}: votes {votes}/{votes_real}, weight {weight}/{weight_real}, comments {comments}/{comments_real}"
            ));
        }
        let recount = ideas::trending_from_rows(conn, number)?;
        if !crate::rank::agrees_with_recount(trending, recount) {
            out.push(format!(
                "idea #{number}: trending {trending} but recount {recount}"
            ));
        }
    }
    let mut stmt = conn.prepare(
        "SELECT m.seq, m.points, (SELECT coalesce(sum(delta), 0) FROM points_ledger p WHERE p.member_seq = m.seq) FROM members m \
         WHERE m.points <> (SELECT coalesce(sum(delta), 0) FROM points_ledger p WHERE p.member_seq = m.seq)",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (seq, points, ledger) = row?;
        out.push(format!("member {seq}: points {points} but ledger {ledger}"));
    }
    out.extend(super::adoption::mismatches(conn)?);
    out.extend(super::search::doc_frequency_mismatches(conn)?);
    out.extend(super::team::mismatches(conn)?);
    out.extend(super::totals::mismatches(conn)?);
    Ok(out)
}

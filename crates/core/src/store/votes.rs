//! SQL for votes.

use rusqlite::{Connection, OptionalExtension, params};

use super::filter::{open_statuses, static_sql};
use crate::Result;
use crate::clock::Timestamp;
use crate::model::{Priority, VoteBreakdown};
use crate::rank;

pub(crate) fn get(
    conn: &Connection,
    idea_no: i64,
    member_seq: i64,
) -> Result<Option<(Priority, Timestamp)>> {
    let raw: Option<(String, i64)> = conn
        .prepare_cached(
            "SELECT priority, created_at FROM votes WHERE idea_no = ?1 AND member_seq = ?2",
        )?
        .query_row(params![idea_no, member_seq], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    raw.map(|(p, at)| Ok((Priority::parse(&p)?, Timestamp::from_millis(at))))
        .transpose()
}

pub(crate) fn insert(
    conn: &Connection,
    idea_no: i64,
    member_seq: i64,
    priority: Priority,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO votes (idea_no, member_seq, priority, created_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        idea_no,
        member_seq,
        priority.as_str(),
        now.millis()
    ])?;
    Ok(())
}

pub(crate) fn set_priority(
    conn: &Connection,
    idea_no: i64,
    member_seq: i64,
    priority: Priority,
) -> Result<()> {
    conn.prepare_cached("UPDATE votes SET priority = ?3 WHERE idea_no = ?1 AND member_seq = ?2")?
        .execute(params![idea_no, member_seq, priority.as_str()])?;
    Ok(())
}

pub(crate) fn delete(conn: &Connection, idea_no: i64, member_seq: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM votes WHERE idea_no = ?1 AND member_seq = ?2")?
        .execute(params![idea_no, member_seq])?;
    Ok(())
}

/// Votes a member holds on open ideas: what a vote budget counts.
pub(crate) fn active_count(conn: &Connection, member_seq: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached(static_sql!(
            "SELECT count(*) FROM votes v JOIN ideas i ON i.number = v.idea_no \
             WHERE v.member_seq = ?1 AND i.status IN {}",
            open_statuses()
        ))?
        .query_row([member_seq], |r| r.get(0))?)
}

pub(crate) fn breakdown(conn: &Connection, idea_no: i64) -> Result<VoteBreakdown> {
    let mut stmt = conn.prepare_cached(
        "SELECT priority, count(*) FROM votes WHERE idea_no = ?1 GROUP BY priority",
    )?;
    let mut out = VoteBreakdown::default();
    for row in stmt.query_map([idea_no], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))
    })? {
        let (priority, n) = row?;
        match Priority::parse(&priority)? {
            Priority::NiceToHave => out.nice_to_have = n,
            Priority::Important => out.important = n,
            Priority::Critical => out.critical = n,
        }
    }
    Ok(out)
}

/// Moves every vote of `from` onto `to`. A member who voted on both keeps one vote,
/// at the higher of the two priorities and the earlier of the two times.
pub(crate) fn move_all(conn: &Connection, from: i64, to: i64) -> Result<()> {
    conn.prepare_cached("INSERT INTO votes (idea_no, member_seq, priority, created_at) \
         SELECT ?2, member_seq, priority, created_at FROM votes WHERE idea_no = ?1 \
         ON CONFLICT (idea_no, member_seq) DO UPDATE SET \
           priority = CASE WHEN (CASE excluded.priority WHEN 'critical' THEN 3 WHEN 'important' THEN 2 ELSE 1 END) \
                              > (CASE votes.priority WHEN 'critical' THEN 3 WHEN 'important' THEN 2 ELSE 1 END) \
                           THEN excluded.priority ELSE votes.priority END, \
           created_at = min(votes.created_at, excluded.created_at)")?.execute(params![from, to])?;
    conn.prepare_cached("DELETE FROM votes WHERE idea_no = ?1")?
        .execute([from])?;
    Ok(())
}

/// The trending terms a merge of `from` into `to` adds to and takes from `to`'s
/// score, read before [`move_all`]: each moved vote as it will stand (for a member
/// who voted on both: the higher priority at the earlier time, replacing their vote
/// on `to`). One pass over `from`'s votes with a probe into `to`'s.
pub(crate) fn merge_terms(conn: &Connection, from: i64, to: i64) -> Result<(Vec<f64>, Vec<f64>)> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.priority, s.created_at, t.priority, t.created_at FROM votes s \
         LEFT JOIN votes t ON t.idea_no = ?2 AND t.member_seq = s.member_seq WHERE s.idea_no = ?1",
    )?;
    let rows = stmt.query_map(params![from, to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<i64>>(3)?,
        ))
    })?;
    let (mut added, mut removed) = (Vec::new(), Vec::new());
    for row in rows {
        let (priority, at, target_priority, target_at) = row?;
        let priority = Priority::parse(&priority)?;
        match (target_priority, target_at) {
            (Some(tp), Some(tat)) => {
                let tp = Priority::parse(&tp)?;
                removed.push(rank::term(
                    rank::vote_weight(tp),
                    Timestamp::from_millis(tat),
                ));
                let kept = if priority.weight() > tp.weight() {
                    priority
                } else {
                    tp
                };
                added.push(rank::term(
                    rank::vote_weight(kept),
                    Timestamp::from_millis(at.min(tat)),
                ));
            }
            _ => added.push(rank::term(
                rank::vote_weight(priority),
                Timestamp::from_millis(at),
            )),
        }
    }
    Ok((added, removed))
}

/// Members who voted for both ideas: the votes a merge collapses.
pub(crate) fn shared_voters(conn: &Connection, a: i64, b: i64) -> Result<i64> {
    Ok(conn.prepare_cached("SELECT count(*) FROM votes x JOIN votes y ON y.member_seq = x.member_seq AND y.idea_no = ?2 WHERE x.idea_no = ?1")?.query_row(params![a, b],
        |r| r.get(0))?)
}

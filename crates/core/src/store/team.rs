//! SQL behind the team's analytics and engagement figures, over the aggregates of
//! migration 7: `team_weeks`, `member_weeks` and `member_activity` (kept from the
//! points ledger by the `team_activity` trigger) and `team_funnel` (kept from status
//! changes by `team_funnel_change`). Reads here touch a few hundred rows at most,
//! except the core-fans scan, which walks the covering rank index.
//!
//! Invariant: each aggregate equals [`rebuild`]'s recount from the ledger and the
//! status changes; [`mismatches`] reports where it does not.

use rusqlite::{Connection, params};

use crate::Result;

/// Milliseconds in a week.
pub(crate) const WEEK_MS: i64 = 604_800_000;
/// Week 0 starts on Monday 1970-01-05 00:00 UTC.
pub(crate) const WEEK_ORIGIN_MS: i64 = 345_600_000;

/// The week a time falls in.
pub(crate) fn week_of(at_ms: i64) -> i64 {
    (at_ms - WEEK_ORIGIN_MS).div_euclid(WEEK_MS)
}

/// When a week starts, in milliseconds.
pub(crate) fn week_start(week: i64) -> i64 {
    week * WEEK_MS + WEEK_ORIGIN_MS
}

/// The ledger reasons that are a member's own activity.
const ACTIVITY: &str = "('idea_submitted', 'vote_cast', 'comment_posted')";

/// The week of the ledger row in scope, as the trigger computes it.
const WEEK: &str = "(at - 345600000) / 604800000";

/// Triggers the bulk loader drops while it loads and recreates after (the recount
/// then fills their tables at once).
#[cfg(feature = "devtools")]
pub(crate) const TRIGGERS: &[&str] = &["team_activity", "team_funnel_change"];

fn expected_member_weeks() -> String {
    format!(
        "SELECT DISTINCT member_seq, {WEEK} AS week FROM points_ledger WHERE reason IN {ACTIVITY}"
    )
}

fn expected_member_activity() -> String {
    format!(
        "SELECT member_seq, sum(delta) AS points, sum(reason = 'idea_submitted') AS ideas, \
                sum(reason = 'vote_cast') AS votes, sum(reason = 'comment_posted') AS comments, \
                sum(reason = 'idea_launched') AS adopted, \
                sum(CASE reason WHEN 'idea_submitted' THEN {} WHEN 'idea_launched' THEN {} \
                    WHEN 'comment_posted' THEN {} WHEN 'vote_cast' THEN {} ELSE 0 END) AS engagement, \
                min(CASE WHEN reason IN {ACTIVITY} THEN {WEEK} END) AS first_week \
         FROM points_ledger GROUP BY member_seq",
        crate::model::ENGAGEMENT_WEIGHTS.idea,
        crate::model::ENGAGEMENT_WEIGHTS.adopted,
        crate::model::ENGAGEMENT_WEIGHTS.comment,
        crate::model::ENGAGEMENT_WEIGHTS.vote,
    )
}

/// Needs `member_weeks` and `member_activity` as they should be.
fn expected_team_weeks(weeks: &str, activity: &str) -> String {
    format!(
        "SELECT w.week, coalesce(l.ideas, 0), coalesce(l.votes, 0), coalesce(l.comments, 0), \
                w.active, coalesce(f.n, 0) \
         FROM (SELECT week, count(*) AS active FROM ({weeks}) GROUP BY week) w \
         LEFT JOIN (SELECT {WEEK} AS week, sum(reason = 'idea_submitted') AS ideas, \
                           sum(reason = 'vote_cast') AS votes, sum(reason = 'comment_posted') AS comments \
                    FROM points_ledger WHERE reason IN {ACTIVITY} GROUP BY 1) l ON l.week = w.week \
         LEFT JOIN (SELECT first_week, count(*) AS n FROM ({activity}) WHERE first_week IS NOT NULL \
                    GROUP BY 1) f ON f.first_week = w.week"
    )
}

const FUNNEL: &str = "SELECT 'reviewed', count(DISTINCT idea_no) FROM status_changes \
       WHERE to_status NOT IN ('new', 'merged') \
     UNION ALL SELECT 'planned', count(DISTINCT idea_no) FROM status_changes \
       WHERE to_status IN ('planned', 'in_progress', 'launched') \
     UNION ALL SELECT 'launched', count(DISTINCT idea_no) FROM status_changes \
       WHERE to_status = 'launched'";

/// Recounts every aggregate from the ledger and the status changes (a migrated or
/// bulk-loaded board).
pub(crate) fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM team_weeks; DELETE FROM member_weeks; DELETE FROM member_activity; DELETE FROM team_funnel;",
    )?;
    conn.prepare_cached(&format!(
        "INSERT INTO member_weeks (member_seq, week) {}",
        expected_member_weeks()
    ))?
    .execute([])?;
    conn.prepare_cached(&format!(
            "INSERT INTO member_activity (member_seq, points, ideas, votes, comments, adopted, engagement, first_week) {}",
            expected_member_activity()
        ))?.execute([])?;
    conn.prepare_cached(&format!(
        "INSERT INTO team_weeks (week, ideas, votes, comments, active, new_members) {}",
        expected_team_weeks(
            "SELECT * FROM member_weeks",
            "SELECT * FROM member_activity"
        )
    ))?
    .execute([])?;
    conn.prepare_cached(&format!("INSERT INTO team_funnel (stage, n) {FUNNEL}"))?
        .execute([])?;
    Ok(())
}

/// Rows of `stored` and `expected` that differ, both ways, as text.
fn differences(
    conn: &Connection,
    table: &str,
    stored: &str,
    expected: &str,
) -> Result<Vec<String>> {
    let sql = format!(
        "SELECT 'stored', * FROM (SELECT * FROM ({stored}) EXCEPT SELECT * FROM ({expected})) \
         UNION ALL SELECT 'recount', * FROM (SELECT * FROM ({expected}) EXCEPT SELECT * FROM ({stored})) \
         LIMIT 20"
    );
    let mut stmt = conn.prepare(&sql)?;
    let columns = stmt.column_count();
    let rows = stmt.query_map([], |r| {
        let mut parts = Vec::with_capacity(columns);
        for i in 0..columns {
            let v: rusqlite::types::Value = r.get(i)?;
            parts.push(match v {
                rusqlite::types::Value::Null => "NULL".to_string(),
                rusqlite::types::Value::Integer(n) => n.to_string(),
                rusqlite::types::Value::Real(f) => f.to_string(),
                rusqlite::types::Value::Text(t) => t,
                rusqlite::types::Value::Blob(_) => "blob".to_string(),
            });
        }
        Ok(format!("{table}: {}", parts.join(" ")))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Where the aggregates differ from a recount; empty when consistent.
pub(crate) fn mismatches(conn: &Connection) -> Result<Vec<String>> {
    let weeks = expected_member_weeks();
    let activity = expected_member_activity();
    let mut out = differences(conn, "member_weeks", "SELECT * FROM member_weeks", &weeks)?;
    out.extend(differences(
        conn,
        "member_activity",
        "SELECT * FROM member_activity",
        &activity,
    )?);
    out.extend(differences(
        conn,
        "team_weeks",
        "SELECT * FROM team_weeks",
        &expected_team_weeks(&weeks, &activity),
    )?);
    out.extend(differences(
        conn,
        "team_funnel",
        "SELECT * FROM team_funnel",
        FUNNEL,
    )?);
    Ok(out)
}

/// One week's row of `team_weeks`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct WeekRow {
    pub week: i64,
    pub ideas: i64,
    pub votes: i64,
    pub comments: i64,
    pub active: i64,
    pub new_members: i64,
}

/// The stored weeks from `first` to `last` inclusive (weeks without activity have
/// no row; the caller zero-fills).
pub(crate) fn weeks(conn: &Connection, first: i64, last: i64) -> Result<Vec<WeekRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT week, ideas, votes, comments, active, new_members FROM team_weeks \
         WHERE week BETWEEN ?1 AND ?2 ORDER BY week",
    )?;
    let rows = stmt.query_map(params![first, last], |r| {
        Ok(WeekRow {
            week: r.get(0)?,
            ideas: r.get(1)?,
            votes: r.get(2)?,
            comments: r.get(3)?,
            active: r.get(4)?,
            new_members: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every event ever: (ideas submitted, votes cast, comments posted, participants).
pub(crate) fn totals(conn: &Connection) -> Result<(i64, i64, i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT coalesce(sum(ideas), 0), coalesce(sum(votes), 0), coalesce(sum(comments), 0), \
                coalesce(sum(new_members), 0) FROM team_weeks",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?)
}

/// Ideas that ever reached (reviewed, planned, launched).
pub(crate) fn funnel(conn: &Connection) -> Result<(i64, i64, i64)> {
    Ok(conn
        .prepare_cached(
            "SELECT (SELECT n FROM team_funnel WHERE stage = 'reviewed'), \
                (SELECT n FROM team_funnel WHERE stage = 'planned'), \
                (SELECT n FROM team_funnel WHERE stage = 'launched')",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?)
}

/// One member's activity row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ActivityRow {
    pub member_seq: i64,
    pub points: i64,
    pub engagement: i64,
    pub ideas: i64,
    pub votes: i64,
    pub comments: i64,
    pub adopted: i64,
}

impl ActivityRow {
    /// Whether the member did anything themselves.
    pub fn participated(&self) -> bool {
        self.ideas + self.votes + self.comments > 0
    }
}

/// Members in rank order (points, then engagement index, then seq), a covering
/// scan of `member_activity_rank`; `f` returns false to stop.
pub(crate) fn scan_ranked(conn: &Connection, mut f: impl FnMut(ActivityRow) -> bool) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_seq, points, engagement, ideas, votes, comments, adopted \
         FROM member_activity INDEXED BY member_activity_rank \
         ORDER BY points DESC, engagement DESC, member_seq",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let row = ActivityRow {
            member_seq: r.get(0)?,
            points: r.get(1)?,
            engagement: r.get(2)?,
            ideas: r.get(3)?,
            votes: r.get(4)?,
            comments: r.get(5)?,
            adopted: r.get(6)?,
        };
        if !f(row) {
            break;
        }
    }
    Ok(())
}

/// The activity rows of the given members (the team, to leave out of fans' figures).
pub(crate) fn activity_of(conn: &Connection, seqs: &[i64]) -> Result<Vec<ActivityRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_seq, points, engagement, ideas, votes, comments, adopted \
         FROM member_activity WHERE member_seq = ?1",
    )?;
    let mut out = Vec::new();
    for &seq in seqs {
        let mut rows = stmt.query([seq])?;
        if let Some(r) = rows.next()? {
            out.push(ActivityRow {
                member_seq: r.get(0)?,
                points: r.get(1)?,
                engagement: r.get(2)?,
                ideas: r.get(3)?,
                votes: r.get(4)?,
                comments: r.get(5)?,
                adopted: r.get(6)?,
            });
        }
    }
    Ok(out)
}

/// Participants ranked ahead of `row` (rank order of [`scan_ranked`]), the team
/// included: a count over the covering rank index.
pub(crate) fn count_ahead(conn: &Connection, row: &ActivityRow) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM member_activity INDEXED BY member_activity_rank \
         WHERE ideas + votes + comments > 0 AND (points > ?1 OR (points = ?1 AND \
               (engagement > ?2 OR (engagement = ?2 AND member_seq < ?3))))",
        )?
        .query_row(params![row.points, row.engagement, row.member_seq], |r| {
            r.get(0)
        })?)
}

/// Whether `a` ranks ahead of `b` (points, then engagement index, then seq).
pub(crate) fn ranks_ahead(a: &ActivityRow, b: &ActivityRow) -> bool {
    (-a.points, -a.engagement, a.member_seq) < (-b.points, -b.engagement, b.member_seq)
}

/// Members on the team (moderators and admins), by seq.
pub(crate) fn team_seqs(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT seq FROM members WHERE role <> 'fan'")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Member references by seq, in the order given.
pub(crate) fn member_refs(conn: &Connection, seqs: &[i64]) -> Result<Vec<crate::model::MemberRef>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, display_name, role FROM members WHERE seq = ?1")?;
    seqs.iter()
        .map(|&seq| {
            let (id, display_name, role): (String, String, String) =
                stmt.query_row([seq], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(crate::model::MemberRef {
                id,
                display_name,
                role: crate::model::Role::parse(&role)?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday_utc() {
        // 2026-09-21 is a Monday.
        let monday = 1_789_948_800_000;
        assert_eq!(week_start(week_of(monday)), monday);
        assert_eq!(week_of(monday - 1), week_of(monday) - 1);
        assert_eq!(week_of(monday + WEEK_MS - 1), week_of(monday));
    }
}

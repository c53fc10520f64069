//! Bench rows for the team's workspace (issue 5): the triage inbox's first page,
//! team analytics, engagement (core fans) and the moderation queue's first page,
//! read as the board's admin. Issue 5's
//! targets: analytics and engagement p99 <= 100 ms on the scale board.

use ideaboard_core::model::TriageQuery;
use ideaboard_core::{Board, Error, Timestamp, ops};

use super::bench::time;
use super::bench_report::{Row, Target};

pub(crate) const TRIAGE: &str = "triage inbox page 1";
pub(crate) const ANALYTICS: &str = "team analytics";
pub(crate) const ENGAGEMENT: &str = "engagement (core fans)";
pub(crate) const QUEUE: &str = "moderation queue page 1";
/// Weeks of history each figure covers, as the team view asks for.
const WEEKS: u32 = 12;
/// Fans on the leaderboard.
const LEADERBOARD: u32 = 20;

const fn target(p99_ms: f64) -> Option<Target> {
    Some(Target {
        p99_ms,
        floor_ratio: None,
    })
}

/// Times each row `n` times, the rows `wants` accepts only.
pub(crate) fn team_rows(
    board: &Board,
    n: usize,
    now: Timestamp,
    wants: impl Fn(&str) -> bool,
) -> Result<Vec<Row>, Error> {
    if ![TRIAGE, ANALYTICS, ENGAGEMENT]
        .iter()
        .any(|name| wants(name))
    {
        return Ok(Vec::new());
    }
    let admin = ops::act_as_owner(board)?;
    let mut rows = Vec::new();
    if wants(TRIAGE) {
        let query = TriageQuery::default();
        let mut samples = Vec::new();
        for _ in 0..n {
            time(&mut samples, || ops::triage_inbox(board, &admin, &query))?;
        }
        rows.push(Row::timed(TRIAGE, &samples, target(5.0)));
    }
    if wants(ANALYTICS) {
        let mut samples = Vec::new();
        for _ in 0..n {
            time(&mut samples, || {
                ops::team_analytics(board, &admin, WEEKS, now)
            })?;
        }
        rows.push(Row::timed(ANALYTICS, &samples, target(100.0)));
    }
    if wants(ENGAGEMENT) {
        let mut samples = Vec::new();
        for _ in 0..n {
            time(&mut samples, || {
                ops::engagement(board, &admin, LEADERBOARD, WEEKS, now)
            })?;
        }
        rows.push(Row::timed(ENGAGEMENT, &samples, target(100.0)));
    }
    if wants(QUEUE) {
        // The board's hidden ideas (no reports on a generated board); no target in
        // the issue, held to a list page's.
        let mut samples = Vec::new();
        for _ in 0..n {
            time(&mut samples, || ops::moderation_queue(board, &admin, 0, 30))?;
        }
        rows.push(Row::timed(QUEUE, &samples, target(5.0)));
    }
    Ok(rows)
}

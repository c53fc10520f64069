//! Team analytics (moderators and admins): activity per week, the status funnel,
//! adoption by category with the median times to first answer and to launch (the
//! adoption view's figures), and the oldest unanswered ideas. Every figure is read
//! from an aggregate kept in each write's transaction (migrations 4 and 7), so the
//! view costs the same on a Starbucks-scale board as on a small one.

use super::Actor;
use super::actor::Who;
use super::adoption::{DAY_MS, figures};
use crate::Result;
use crate::clock::Timestamp;
use crate::model::{FunnelStage, FunnelStep, TeamAnalytics, UnansweredIdea, WeekActivity};
use crate::store::{Board, adoption, team};

/// The most weeks one request covers (two years).
pub const WEEKS_MAX: u32 = 104;
/// Unanswered ideas listed.
pub const OLDEST_UNANSWERED: u32 = 10;

/// The last `weeks` calendar weeks up to the one holding `now`, oldest first,
/// each with its stored row or zeros.
pub(crate) fn zero_filled(
    conn: &rusqlite::Connection,
    weeks: u32,
    now: Timestamp,
) -> Result<Vec<team::WeekRow>> {
    let weeks = i64::from(weeks.clamp(1, WEEKS_MAX));
    let last = team::week_of(now.millis());
    let first = last - weeks + 1;
    let mut stored = team::weeks(conn, first, last)?.into_iter().peekable();
    Ok((first..=last)
        .map(|week| match stored.next_if(|row| row.week == week) {
            Some(row) => row,
            None => team::WeekRow {
                week,
                ..Default::default()
            },
        })
        .collect())
}

/// The team's analytics over the last `weeks` weeks (1 to 104) up to `now`.
pub fn team_analytics(
    board: &Board,
    actor: &Actor,
    weeks: u32,
    now: Timestamp,
) -> Result<TeamAnalytics> {
    board.read(|conn| {
        Who::load(conn, actor)?.team()?;
        let weeks = zero_filled(conn, weeks, now)?
            .into_iter()
            .map(|row| WeekActivity {
                week_start: Timestamp::from_millis(team::week_start(row.week)),
                ideas: row.ideas as u32,
                votes: row.votes as u32,
                comments: row.comments as u32,
            })
            .collect();

        let (submitted, ..) = team::totals(conn)?;
        let (reviewed, planned, launched) = team::funnel(conn)?;
        let mut funnel: Vec<FunnelStage> = Vec::with_capacity(4);
        for (stage, ideas) in [
            (FunnelStep::Submitted, submitted),
            (FunnelStep::Reviewed, reviewed),
            (FunnelStep::Planned, planned),
            (FunnelStep::Launched, launched),
        ] {
            let conversion = match funnel.last() {
                None => 1.0,
                Some(prev) if prev.ideas == 0 => 0.0,
                Some(prev) => ideas as f64 / f64::from(prev.ideas),
            };
            funnel.push(FunnelStage {
                stage,
                ideas: ideas as u32,
                conversion,
            });
        }

        let (overall, by_category) = figures(
            &adoption::categories(conn)?,
            &adoption::idea_counts(conn)?,
            &adoption::first_answer_timings(conn)?,
            &adoption::launch_timings(conn)?,
        );

        let oldest_unanswered = adoption::oldest_unanswered(conn, OLDEST_UNANSWERED)?
            .into_iter()
            .map(|idea| UnansweredIdea {
                waiting_days: (now.millis() - idea.created_at.millis()).max(0) as f64 / DAY_MS,
                idea,
            })
            .collect();
        Ok(TeamAnalytics {
            weeks,
            funnel,
            overall,
            by_category,
            oldest_unanswered,
        })
    })
}

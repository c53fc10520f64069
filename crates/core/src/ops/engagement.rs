//! Engagement (moderators and admins): the core fans (the top 20% of participating
//! fans by points, then engagement index) and the share of votes, ideas and
//! comments they produce; the leaderboard; new and returning participants per week.
//!
//! Everything is read from migration 7's aggregates, kept from the points ledger:
//! activity is what a member did (an idea submitted, a vote cast, a comment posted),
//! counted when it happened. The team (moderators, admins) is left out of the fans'
//! figures and the leaderboard; the weekly participants count every member.

use std::collections::HashSet;

use super::Actor;
use super::actor::Who;
use super::team_analytics::zero_filled;
use crate::Result;
use crate::clock::Timestamp;
use crate::model::{CORE_FAN_SHARE, CoreFans, Engagement, FanStanding, ParticipantsWeek};
use crate::store::{Board, team};

/// The longest leaderboard.
pub const LEADERBOARD_MAX: u32 = 100;

fn share(part: i64, whole: i64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The engagement figures: a leaderboard of `leaderboard` fans (1 to 100) and the
/// last `weeks` weeks (1 to 104) up to `now`.
pub fn engagement(
    board: &Board,
    actor: &Actor,
    leaderboard: u32,
    weeks: u32,
    now: Timestamp,
) -> Result<Engagement> {
    board.read(|conn| {
        Who::load(conn, actor)?.team()?;
        let leaderboard = leaderboard.clamp(1, LEADERBOARD_MAX) as usize;
        let team_seqs = team::team_seqs(conn)?;
        let team_rows = team::activity_of(conn, &team_seqs)?;
        let team_set: HashSet<i64> = team_seqs.into_iter().collect();

        // Fans' totals: everyone's, less the team's.
        let (mut ideas, mut votes, mut comments, mut participants) = team::totals(conn)?;
        for row in &team_rows {
            ideas -= row.ideas;
            votes -= row.votes;
            comments -= row.comments;
            participants -= i64::from(row.participated());
        }
        let core_count = (participants as f64 * CORE_FAN_SHARE).ceil() as usize;

        let (mut core_ideas, mut core_votes, mut core_comments) = (0, 0, 0);
        let mut cutoff = 0;
        let mut top = Vec::with_capacity(leaderboard);
        let mut seen = 0usize;
        team::scan_ranked(conn, |row| {
            if team_set.contains(&row.member_seq) || !row.participated() {
                return true;
            }
            seen += 1;
            if seen <= core_count {
                core_ideas += row.ideas;
                core_votes += row.votes;
                core_comments += row.comments;
                cutoff = row.points;
            }
            if seen <= leaderboard {
                top.push(row);
            }
            seen < core_count.max(leaderboard)
        })?;

        let refs = team::member_refs(
            conn,
            &top.iter().map(|row| row.member_seq).collect::<Vec<_>>(),
        )?;
        let leaderboard = top
            .iter()
            .zip(refs)
            .enumerate()
            .map(|(i, (row, member))| FanStanding {
                rank: i as u32 + 1,
                member,
                points: row.points as i32,
                ideas: row.ideas as u32,
                adopted: row.adopted as u32,
                votes: row.votes as u32,
                comments: row.comments as u32,
                engagement_index: row.engagement as u32,
            })
            .collect();

        let weeks = zero_filled(conn, weeks, now)?
            .into_iter()
            .map(|row| ParticipantsWeek {
                week_start: Timestamp::from_millis(team::week_start(row.week)),
                new: row.new_members as u32,
                returning: (row.active - row.new_members) as u32,
            })
            .collect();
        Ok(Engagement {
            core: CoreFans {
                participants: participants as u32,
                core_fans: core_count as u32,
                points_cutoff: cutoff as i32,
                vote_share: share(core_votes, votes),
                idea_share: share(core_ideas, ideas),
                comment_share: share(core_comments, comments),
            },
            leaderboard,
            weeks,
        })
    })
}

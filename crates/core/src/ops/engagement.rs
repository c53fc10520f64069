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
use crate::model::{
    CORE_FAN_SHARE, CoreFans, ENGAGEMENT_WEIGHTS, Engagement, FanStanding, MemberRef,
    ParticipantsWeek,
};
use crate::store::{Board, members, team};

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
            .map(|(i, (row, member))| standing(i as u32 + 1, member, row))
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
            weights: ENGAGEMENT_WEIGHTS,
        })
    })
}

fn standing(rank: u32, member: MemberRef, row: &team::ActivityRow) -> FanStanding {
    FanStanding {
        rank,
        member,
        points: row.points as i32,
        ideas: row.ideas as u32,
        adopted: row.adopted as u32,
        votes: row.votes as u32,
        comments: row.comments as u32,
        engagement_index: row.engagement as u32,
    }
}

/// One member's standing (the team): their points, activity and engagement index,
/// and their rank among participating fans (where they would rank, for a member of
/// the team; 0 for a member who never participated).
/// The rank is a count over the covering rank index: ~20 ms for the last-ranked of
/// 200,000 participants on the scale board, well under a millisecond near the top.
pub fn member_engagement(board: &Board, actor: &Actor, member_id: &str) -> Result<FanStanding> {
    board.read(|conn| {
        Who::load(conn, actor)?.team()?;
        let seq = members::by_id(conn, &crate::ids::parse_id(member_id)?.to_string())?.seq;
        standing_of(conn, seq)
    })
}

/// The signed-in member's own standing, whatever their role: the same figures the
/// team sees of them in [`member_engagement`] (points, what they did, engagement
/// index, rank among participating fans). Guests are refused with `NotSignedIn`.
pub fn my_standing(board: &Board, actor: &Actor) -> Result<FanStanding> {
    board.read(|conn| {
        let (seq, _) = Who::load(conn, actor)?.signed_in()?;
        standing_of(conn, seq)
    })
}

fn standing_of(conn: &rusqlite::Connection, seq: i64) -> Result<FanStanding> {
    let row = team::activity_of(conn, &[seq])?
        .pop()
        .unwrap_or(team::ActivityRow {
            member_seq: seq,
            ..Default::default()
        });
    let rank = if row.participated() {
        let team_ahead = team::activity_of(conn, &team::team_seqs(conn)?)?
            .iter()
            .filter(|t| t.participated() && team::ranks_ahead(t, &row))
            .count() as i64;
        (team::count_ahead(conn, &row)? - team_ahead + 1) as u32
    } else {
        0
    };
    let member = team::member_refs(conn, &[seq])?.remove(0);
    Ok(standing(rank, member, &row))
}

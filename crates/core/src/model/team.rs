//! The team's workspace figures: the triage inbox, team analytics and engagement.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AdoptionFigures, FunnelStep, IdeaStatus, IdeaSummary, MemberRef};
use crate::clock::Timestamp;

/// Input of `triage_inbox`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TriageQuery {
    /// New or under review only; None for both.
    pub status: Option<IdeaStatus>,
    pub offset: u32,
    pub limit: u32,
}

impl Default for TriageQuery {
    fn default() -> Self {
        TriageQuery {
            status: None,
            offset: 0,
            limit: 30,
        }
    }
}

/// One idea waiting for the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TriageItem {
    pub idea: IdeaSummary,
    /// Its votes reached the board's support threshold.
    pub past_threshold: bool,
    /// The statuses the team may move it to, in journey order (as on its page), so
    /// a bulk change offers only what every chosen idea accepts.
    pub allowed_statuses: Vec<IdeaStatus>,
}

/// One page of the triage inbox: new and under-review ideas fans can see, those
/// past the support threshold first, then by votes (most first; at equal support
/// the one waiting longest first).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TriagePage {
    pub items: Vec<TriageItem>,
    pub offset: u32,
    pub has_more: bool,
    pub support_threshold: u32,
    /// Ideas in the inbox (with the status filter).
    pub total: u32,
    /// Of them, past the support threshold.
    pub past_threshold: u32,
}

/// One calendar week (from Monday 00:00 UTC) of activity. Events as they happened:
/// a vote later withdrawn was still cast that week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WeekActivity {
    pub week_start: Timestamp,
    pub ideas: u32,
    pub votes: u32,
    pub comments: u32,
}

/// One stage of the status funnel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FunnelStage {
    pub stage: FunnelStep,
    /// Ideas that ever reached the stage.
    pub ideas: u32,
    /// ideas ÷ the previous stage's ideas (1 for the first stage, 0 after an empty one).
    pub conversion: f64,
}

/// An open idea the team has not answered in public yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UnansweredIdea {
    pub idea: IdeaSummary,
    pub waiting_days: f64,
}

/// What the team's analytics show (moderators and admins).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeamAnalytics {
    /// The last N weeks, oldest first, the current week last, zero-filled.
    pub weeks: Vec<WeekActivity>,
    /// Submitted -> reviewed (ever left new) -> planned -> launched, over every idea
    /// ever submitted.
    pub funnel: Vec<FunnelStage>,
    /// Adoption rate and median days to first answer and to launch: the board, and
    /// by category (as the adoption view computes them).
    pub overall: AdoptionFigures,
    pub by_category: Vec<AdoptionFigures>,
    /// Open, listed, unanswered ideas, oldest first.
    pub oldest_unanswered: Vec<UnansweredIdea>,
}

/// Weights of the engagement index: what each of a member's own interactions is
/// worth. Submitting and adopted ideas weigh more than comments, comments more than
/// votes. Migration 7's `team_activity` trigger uses the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct EngagementWeights {
    #[ts(type = "number")]
    pub idea: i64,
    #[ts(type = "number")]
    pub adopted: i64,
    #[ts(type = "number")]
    pub comment: i64,
    #[ts(type = "number")]
    pub vote: i64,
}

/// The engagement index weights.
pub const ENGAGEMENT_WEIGHTS: EngagementWeights = EngagementWeights {
    idea: 5,
    adopted: 20,
    comment: 2,
    vote: 1,
};

/// The share of fans counted as core fans (the 20 of 80/20).
pub const CORE_FAN_SHARE: f64 = 0.2;

/// A member's standing: points, what they did, and their engagement index. `rank`
/// is 1-based among participating fans (points, then engagement index, then who
/// joined first); `member_engagement` gives a team member the rank they would
/// have, and 0 to a member who never participated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FanStanding {
    pub rank: u32,
    pub member: MemberRef,
    pub points: i32,
    pub ideas: u32,
    pub adopted: u32,
    pub votes: u32,
    pub comments: u32,
    /// ideas × 5 + adopted × 20 + comments × 2 + votes × 1 ([`ENGAGEMENT_WEIGHTS`]).
    pub engagement_index: u32,
}

/// The core fans: the top 20% of participating fans by points, then engagement index.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoreFans {
    /// Fans who ever submitted, voted or commented.
    pub participants: u32,
    /// ceil(participants × 20%).
    pub core_fans: u32,
    /// The points of the last core fan.
    pub points_cutoff: i32,
    /// Of all fans' votes cast, ideas submitted and comments posted, the core fans' share.
    pub vote_share: f64,
    pub idea_share: f64,
    pub comment_share: f64,
}

/// Participants in one week: new ones (their first activity ever) and returning ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ParticipantsWeek {
    pub week_start: Timestamp,
    pub new: u32,
    pub returning: u32,
}

/// What the engagement view shows (moderators and admins).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Engagement {
    pub core: CoreFans,
    /// The top fans by points, then engagement index.
    pub leaderboard: Vec<FanStanding>,
    /// The last N weeks, oldest first, zero-filled. Counts every member, team included.
    pub weeks: Vec<ParticipantsWeek>,
    /// What the engagement index counts each interaction as ([`ENGAGEMENT_WEIGHTS`]).
    pub weights: EngagementWeights,
}

//! Closed vocabularies. Each has one text form used in the database, over IPC and in
//! exports; parsing unknown text is an `UnknownValue` error naming the field.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{Error, Result};

/// Declares a closed, string-backed enum with `as_str`, `parse` and `ALL`.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $field:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS, schemars::JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored and serialised text form.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            /// Parses the text form, refusing anything else with `UnknownValue`.
            pub fn parse(text: &str) -> Result<Self> {
                match text {
                    $($text => Ok($name::$variant),)+
                    other => Err(Error::UnknownValue { field: $field, value: other.to_string() }),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(super) use text_enum;

text_enum!(
    /// What a member may do on a board.
    Role, "role" { Fan = "fan", Moderator = "moderator", Admin = "admin" }
);

impl Role {
    /// Moderators and admins: the brand's team.
    pub const fn is_team(self) -> bool {
        matches!(self, Role::Moderator | Role::Admin)
    }
}

text_enum!(
    /// Where an idea stands in its journey.
    IdeaStatus, "status" {
        New = "new",
        UnderReview = "under_review",
        Planned = "planned",
        InProgress = "in_progress",
        Launched = "launched",
        Declined = "declined",
        Merged = "merged",
    }
);

impl IdeaStatus {
    /// The open statuses, in journey order: open ideas still take votes and count
    /// against a vote budget. The one source of this list: [`IdeaStatus::is_open`]
    /// and every SQL fragment over open ideas are built from it.
    pub const OPEN: &'static [IdeaStatus] = &[
        IdeaStatus::New,
        IdeaStatus::UnderReview,
        IdeaStatus::Planned,
        IdeaStatus::InProgress,
    ];

    /// The statuses of the team's triage inbox: ideas nobody has planned or closed yet.
    pub const IN_TRIAGE: &'static [IdeaStatus] = &[IdeaStatus::New, IdeaStatus::UnderReview];

    /// Whether the idea is open: it takes votes and counts against a vote budget.
    pub const fn is_open(self) -> bool {
        Self::is_among(self, Self::OPEN)
    }

    /// Whether the idea belongs in the team's triage inbox.
    pub const fn is_in_triage(self) -> bool {
        Self::is_among(self, Self::IN_TRIAGE)
    }

    // A const loop, because `slice::contains` is not const.
    const fn is_among(self, list: &[IdeaStatus]) -> bool {
        let mut i = 0;
        while i < list.len() {
            if list[i] as u8 == self as u8 {
                return true;
            }
            i += 1;
        }
        false
    }

    /// Where the team may move an idea from `self`, in journey order; empty for a
    /// final status. What the idea page offers the team, so the UI keeps no copy of
    /// the workflow.
    pub fn transitions(self) -> Vec<IdeaStatus> {
        Self::SETTABLE
            .iter()
            .copied()
            .filter(|&to| self.can_move_to(to))
            .collect()
    }

    /// Statuses a moderator may set directly (merged comes only from a merge).
    pub const SETTABLE: &'static [IdeaStatus] = &[
        IdeaStatus::New,
        IdeaStatus::UnderReview,
        IdeaStatus::Planned,
        IdeaStatus::InProgress,
        IdeaStatus::Launched,
        IdeaStatus::Declined,
    ];

    /// Whether the team may move an idea from `self` to `to`. Open ideas move freely
    /// among open states (forward, or back when plans change) and close as launched or
    /// declined; a declined idea may be reconsidered; launched and merged are final.
    pub fn can_move_to(self, to: IdeaStatus) -> bool {
        if self == to || to == IdeaStatus::Merged {
            return false;
        }
        match self {
            s if s.is_open() => true,
            IdeaStatus::Declined => to == IdeaStatus::UnderReview,
            _ => false,
        }
    }

    /// A status the fans must be told the reason for.
    pub const fn needs_note(self) -> bool {
        matches!(self, IdeaStatus::Launched | IdeaStatus::Declined)
    }
}

text_enum!(
    /// How much a vote matters to the voter.
    Priority, "priority" { NiceToHave = "nice_to_have", Important = "important", Critical = "critical" }
);

impl Priority {
    /// The weight of a vote of this priority in the top-sort tiebreak and in trending.
    pub const fn weight(self) -> i64 {
        match self {
            Priority::NiceToHave => 1,
            Priority::Important => 2,
            Priority::Critical => 3,
        }
    }
}

text_enum!(
    /// Orders of the idea list.
    IdeaSort, "sort" { Trending = "trending", Top = "top", New = "new", MostDiscussed = "most_discussed" }
);

text_enum!(
    /// Who may see a comment: everyone, everyone but highlighted as the team's answer,
    /// or the team only.
    CommentKind, "comment kind" { Public = "public", Official = "official", Internal = "internal" }
);

text_enum!(
    /// Reactions a member may leave on a comment.
    Reaction, "reaction" { Like = "like", Love = "love", Insightful = "insightful", Funny = "funny" }
);

text_enum!(
    /// Why a member was notified.
    NotificationKind, "notification kind" {
        StatusChanged = "status_changed",
        OfficialAnswer = "official_answer",
        Reply = "reply",
        Merged = "merged",
    }
);

text_enum!(
    /// Why points were granted or taken back. The ledger is append-only.
    PointsReason, "points reason" {
        IdeaSubmitted = "idea_submitted",
        VoteCast = "vote_cast",
        VoteWithdrawn = "vote_withdrawn",
        CommentPosted = "comment_posted",
        CommentRemoved = "comment_removed",
        ReactionReceived = "reaction_received",
        ReactionWithdrawn = "reaction_withdrawn",
        IdeaReachedVotes = "idea_reached_votes",
        IdeaLaunched = "idea_launched",
        /// The team hid the member's comment (as if deleted) or restored it.
        CommentHidden = "comment_hidden",
        CommentRestored = "comment_restored",
    }
);

impl PointsReason {
    /// Points for this event.
    pub const fn points(self) -> i64 {
        match self {
            PointsReason::IdeaSubmitted => 10,
            PointsReason::VoteCast => 1,
            PointsReason::VoteWithdrawn => -1,
            PointsReason::CommentPosted => 2,
            PointsReason::CommentRemoved => -2,
            PointsReason::ReactionReceived => 1,
            PointsReason::ReactionWithdrawn => -1,
            PointsReason::IdeaReachedVotes => 20,
            PointsReason::IdeaLaunched => 100,
            PointsReason::CommentHidden => -2,
            PointsReason::CommentRestored => 2,
        }
    }
}

text_enum!(
    /// What a report or a moderation item is about.
    ContentKind, "content kind" { Idea = "idea", Comment = "comment" }
);

text_enum!(
    /// How the team closed the reports on an item: acted on them, or not.
    ReportOutcome, "report outcome" { Resolved = "resolved", Dismissed = "dismissed" }
);

text_enum!(
    /// A stage of the team's status funnel: submitted, then ever moved past new
    /// (reviewed), ever planned (or further), ever launched.
    FunnelStep, "funnel step" {
        Submitted = "submitted",
        Reviewed = "reviewed",
        Planned = "planned",
        Launched = "launched",
    }
);

/// Vote counts at which an idea's author earns [`PointsReason::IdeaReachedVotes`].
pub const VOTE_MILESTONES: &[i64] = &[10, 100, 1000];

/// Points needed for each level; level n is reached at `LEVEL_THRESHOLDS[n - 1]`.
pub const LEVEL_THRESHOLDS: &[i64] = &[0, 30, 100, 300, 800, 2000, 5000];

/// The level (1-based) a member with `points` has reached.
pub fn level_for(points: i64) -> u32 {
    LEVEL_THRESHOLDS
        .iter()
        .filter(|&&t| points >= t)
        .count()
        .max(1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_forms_round_trip_and_unknowns_are_refused() {
        for s in IdeaStatus::ALL {
            assert_eq!(IdeaStatus::parse(s.as_str()).unwrap(), *s);
        }
        let err = Priority::parse("urgent").unwrap_err();
        assert_eq!(err.code(), crate::ErrorCode::UnknownValue);
        assert_eq!(
            serde_json::to_string(&IdeaStatus::UnderReview).unwrap(),
            "\"under_review\""
        );
    }

    #[test]
    fn workflow_rules() {
        use IdeaStatus::*;
        assert!(New.can_move_to(Planned));
        assert!(Planned.can_move_to(UnderReview));
        assert!(InProgress.can_move_to(Launched));
        assert!(New.can_move_to(Declined));
        assert!(Declined.can_move_to(UnderReview));
        assert!(!Declined.can_move_to(Launched));
        assert!(!Launched.can_move_to(Planned));
        assert!(!New.can_move_to(New));
        assert!(!New.can_move_to(Merged));
        assert!(!Merged.can_move_to(New));
        assert_eq!(Declined.transitions(), vec![UnderReview]);
        assert!(Launched.transitions().is_empty());
        assert_eq!(
            New.transitions(),
            vec![UnderReview, Planned, InProgress, Launched, Declined]
        );
    }

    #[test]
    fn open_and_triage_lists_agree_with_their_predicates() {
        for s in IdeaStatus::ALL {
            assert_eq!(s.is_open(), IdeaStatus::OPEN.contains(s));
            assert_eq!(s.is_in_triage(), IdeaStatus::IN_TRIAGE.contains(s));
        }
        assert!(IdeaStatus::IN_TRIAGE.iter().all(|s| s.is_open()));
    }

    #[test]
    fn levels_follow_thresholds() {
        assert_eq!(level_for(-5), 1);
        assert_eq!(level_for(0), 1);
        assert_eq!(level_for(30), 2);
        assert_eq!(level_for(99), 2);
        assert_eq!(level_for(1_000_000), LEVEL_THRESHOLDS.len() as u32);
    }
}

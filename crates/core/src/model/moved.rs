//! What a write answers besides its subject: everything else the window that made it
//! shows and the write moved (the acting member's standing, the board's totals), and
//! which entries of the board's change feed the answer already reflects. The window
//! takes all of it in place and asks for none of it again.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{BoardCounts, CommentView, IdeaDetail, TriageItem};

/// The acting member's standing as the window's frame shows it: what a
/// [`super::ChangeKind::Standing`] entry says moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Standing {
    pub points: i32,
    pub level: u32,
    /// Votes left under the board's budget; None when the board has none.
    pub votes_left: Option<u32>,
}

/// The entries one write appended to the board's change feed: seqs `first..=last`,
/// none when `last < first`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangeSpan {
    pub first: i64,
    pub last: i64,
}

impl ChangeSpan {
    /// No entries.
    pub const NONE: ChangeSpan = ChangeSpan { first: 1, last: 0 };

    pub fn is_empty(&self) -> bool {
        self.last < self.first
    }

    /// Whether the entry numbered `seq` is one of them.
    pub fn contains(&self, seq: i64) -> bool {
        (self.first..=self.last).contains(&seq)
    }
}

/// What else a write moved, for the window that made it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Moved {
    /// The acting member's standing after the write.
    pub standing: Standing,
    /// The board's totals after the write (the frame's counts).
    pub counts: BoardCounts,
    /// The feed entries the write appended. The answer reflects each of them for the
    /// window that made the write, which skips them when the feed brings them back;
    /// every other follower re-fetches as usual.
    pub changes: ChangeSpan,
}

/// The answer of a write on one idea (a vote, its withdrawal, a status change): the
/// idea's page as the acting member now sees it, and what else moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IdeaChanged {
    pub detail: IdeaDetail,
    pub moved: Moved,
}

/// The answer of `add_comment`: the new comment, its idea's page with the counters
/// the comment moved, and what else moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommentAdded {
    pub comment: CommentView,
    pub detail: IdeaDetail,
    pub moved: Moved,
}

/// The answer of `change_status_bulk`: the moved ideas as the team's triage inbox
/// shows them, the inbox's figures after the move, and what else moved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusesChanged {
    /// The moved ideas the inbox still holds (still new or under review), as its
    /// rows, in the order asked.
    pub rows: Vec<TriageItem>,
    /// The ids of the moved ideas the inbox no longer holds, in the order asked.
    pub gone: Vec<String>,
    /// Ideas in the inbox now (new and under review), and of them past the support
    /// threshold: what `triage_inbox` counts without a status filter.
    pub total: u32,
    pub past_threshold: u32,
    pub moved: Moved,
}

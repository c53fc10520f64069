//! Ideas, the list query and its pages.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{IdeaSort, IdeaStatus, MemberRef, Priority, StatusChange};
use crate::clock::Timestamp;

/// A category of the board. Names are the board's content; `name_en` is an
/// optional English name for boards that serve both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub name_en: Option<String>,
}

/// An idea as a card in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IdeaSummary {
    pub id: String,
    pub number: u32,
    pub title: String,
    /// Plain text, the first words of the body.
    pub excerpt: String,
    pub category: Option<Category>,
    pub tags: Vec<String>,
    pub status: IdeaStatus,
    pub author: MemberRef,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    pub vote_count: u32,
    pub comment_count: u32,
    pub pinned: bool,
    pub hidden: bool,
    /// The number of the idea this one was merged into.
    pub merged_into: Option<u32>,
    /// The acting member's vote, if any.
    pub my_vote: Option<Priority>,
}

/// Votes of an idea by priority.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct VoteBreakdown {
    pub nice_to_have: u32,
    pub important: u32,
    pub critical: u32,
}

/// An idea page: the card plus the body, votes by priority and the journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IdeaDetail {
    pub idea: IdeaSummary,
    /// The Markdown source, for editing.
    pub body: String,
    /// The body rendered and sanitised by the core; safe to insert as HTML.
    pub body_html: String,
    pub votes: VoteBreakdown,
    /// Every status change, oldest first.
    pub journey: Vec<StatusChange>,
    pub following: bool,
    /// Whether the acting member may edit the title and body now.
    pub can_edit: bool,
    /// Whether the idea takes votes (and vote changes and withdrawals) now: the
    /// core's rule, so the UI shows "voting closed" without knowing which statuses
    /// are open.
    pub voting_open: bool,
    /// The statuses the acting member may move the idea to, in journey order: the
    /// workflow's next steps for the team, empty for fans and guests and for an idea
    /// whose status is final.
    pub allowed_statuses: Vec<IdeaStatus>,
}

/// Input of `submit_idea`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewIdea {
    pub title: String,
    pub body: String,
    /// Category slug.
    pub category: Option<String>,
    pub tags: Vec<String>,
}

/// Input of `edit_idea`.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IdeaEdit {
    pub title: String,
    pub body: String,
}

/// What a list shows and in which order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListQuery {
    pub sort: IdeaSort,
    /// Category slug.
    pub category: Option<String>,
    pub status: Option<IdeaStatus>,
    pub tag: Option<String>,
    /// Member id of the author.
    pub author: Option<String>,
    /// Member id of a voter.
    pub voted_by: Option<String>,
    /// Hidden and merged ideas too (the team only).
    pub include_hidden: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            sort: IdeaSort::Trending,
            category: None,
            status: None,
            tag: None,
            author: None,
            voted_by: None,
            include_hidden: false,
            offset: 0,
            limit: 30,
        }
    }
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IdeaPage {
    pub items: Vec<IdeaSummary>,
    pub offset: u32,
    pub has_more: bool,
}

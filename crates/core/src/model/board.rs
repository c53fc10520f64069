//! The board itself: its settings and its size.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Category;

/// Board-wide settings, edited by admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardSettings {
    pub name: String,
    /// Active votes on open ideas a member may hold; None = unlimited.
    pub vote_budget: Option<u32>,
    /// Votes past which an idea is first in the team's triage inbox.
    pub support_threshold: u32,
    pub default_locale: String,
    /// Minutes during which an author may still edit their idea.
    pub edit_grace_minutes: u32,
}

/// How much a board holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardCounts {
    pub ideas: u32,
    pub votes: u32,
    pub comments: u32,
    pub members: u32,
}

/// What a window needs to frame a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BoardOverview {
    pub name: String,
    pub path: String,
    pub categories: Vec<Category>,
    pub counts: BoardCounts,
}

//! The board itself: its settings and its size.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Category;

/// Board-wide settings, edited by admins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BoardCounts {
    pub ideas: u32,
    pub votes: u32,
    pub comments: u32,
    pub members: u32,
}

/// What a window needs to frame a board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BoardOverview {
    pub name: String,
    pub path: String,
    pub categories: Vec<Category>,
    pub counts: BoardCounts,
    /// The input rules' limits, so forms can say them without keeping a copy.
    pub limits: InputLimits,
}

/// The limits of the core's input rules (`rules.rs`), in characters (Unicode scalar
/// values) unless named otherwise. Sent to the UI so its hints and the core's
/// refusals cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InputLimits {
    pub title_min: u32,
    pub title_max: u32,
    pub body_max: u32,
    pub name_max: u32,
    pub comment_max: u32,
    pub note_max: u32,
    /// Tags on one idea.
    pub tags_max: u32,
    pub tag_max: u32,
    pub passphrase_min: u32,
    pub reason_max: u32,
}

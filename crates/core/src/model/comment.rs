//! Comments, replies and reactions.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{CommentKind, MemberRef, Reaction};
use crate::clock::Timestamp;

/// One comment in a thread. A deleted comment keeps its place (so replies still
/// hang from it) with its text removed; so does a comment the team hid, for anyone
/// but the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommentView {
    pub id: String,
    pub parent_id: Option<String>,
    pub author: MemberRef,
    pub kind: CommentKind,
    /// Markdown source; empty when deleted (or hidden, for fans).
    pub body: String,
    /// Rendered and sanitised; empty when deleted.
    pub body_html: String,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub deleted: bool,
    /// Hidden by the team: fans see its place only.
    pub hidden: bool,
    pub reactions: Vec<ReactionCount>,
    pub my_reactions: Vec<Reaction>,
}

/// How many members left one reaction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReactionCount {
    pub reaction: Reaction,
    pub count: u32,
}

/// Input of `add_comment`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewComment {
    pub idea_id: String,
    pub parent_id: Option<String>,
    pub kind: CommentKind,
    pub body: String,
}

//! The change feed as a follower reads it (see `ops::changes_since`): what changed,
//! by kind and id, never by content. A follower re-fetches what it shows.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::text_enum;
use crate::{Error, Result};

text_enum!(
    /// What a change is about, and so what a follower re-fetches.
    ChangeKind, "change kind" {
        /// An idea: its card, page, votes, journey or the reader's follow of it.
        /// `id` is the idea's.
        Idea = "idea",
        /// A comment: added, edited, deleted, reacted to, hidden or restored. `id` is
        /// the comment's, `idea_id` its idea's.
        Comment = "comment",
        /// The reader's own standing: points, level, votes left. `id` is the
        /// reader's member id.
        Standing = "standing",
        /// The reader's notification centre: a new notification or read marks. `id`
        /// is the reader's member id, `idea_id` the idea notified about, if any.
        Notification = "notification",
        /// A profile: created, renamed, its role or passphrase changed (for
        /// everyone); or the reader's own account: a session opened or revoked, the
        /// password changed (for them alone). `id` is the member's.
        Member = "member",
        /// A category was added. `id` is its slug.
        Category = "category",
        /// The board's settings.
        Settings = "settings",
        /// Reports on an idea or comment (the team's moderation queue). `id` is the
        /// reported idea's or comment's, `idea_id` the idea's.
        Report = "report",
        /// The audit log (the team's).
        Audit = "audit",
        /// The whole board (an import, a restore). Never in a page: a reader behind
        /// one gets `reset` instead.
        Board = "board",
    }
);

/// One change a reader may know of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Change {
    /// Its place in the board's feed: increasing, never reused.
    pub seq: i64,
    pub kind: ChangeKind,
    /// The entity (see [`ChangeKind`]); None for settings and the audit log.
    pub id: Option<String>,
    /// The idea the entity belongs to or is about, when there is one.
    pub idea_id: Option<String>,
}

/// What changed after a reader's last seq, as far as they may know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ChangePage {
    /// Oldest first; empty with `reset`.
    pub changes: Vec<Change>,
    /// Where the reader has now read to: the next call's `after`. The board's newest
    /// seq unless `has_more`.
    pub latest_seq: i64,
    /// The feed cannot say what changed since `after` (pruned away, or the board
    /// was imported into or restored since): reload everything, then follow from
    /// `latest_seq`.
    pub reset: bool,
    /// More changes follow `latest_seq` than the page held.
    pub has_more: bool,
}

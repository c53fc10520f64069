//! Fans' reports and the team's moderation queue.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{AuditEntry, CommentKind, ContentKind, MemberRef};
use crate::clock::Timestamp;

/// An idea or a comment, by its public id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContentRef {
    pub kind: ContentKind,
    pub id: String,
}

/// Input of `report_content`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewReport {
    pub target: ContentRef,
    /// Why: 1 to 500 characters.
    pub reason: String,
}

/// A member's report as they see it after sending it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub id: String,
    pub target: ContentRef,
    pub reason: String,
    pub created_at: Timestamp,
}

/// One open report's reason in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReportReason {
    pub reporter: MemberRef,
    pub reason: String,
    pub at: Timestamp,
}

/// One item of the moderation queue: a hidden idea, a hidden comment, a comment
/// the team deleted, or anything with open reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ModerationItem {
    pub target: ContentRef,
    /// The idea itself, or the idea the comment is on.
    pub idea_id: String,
    pub idea_number: u32,
    pub idea_title: String,
    /// Set for comments.
    pub comment_kind: Option<CommentKind>,
    /// The idea's body or the comment's Markdown, shortened (the team sees it all).
    pub excerpt: String,
    pub author: MemberRef,
    pub created_at: Timestamp,
    pub hidden: bool,
    /// A comment the team deleted.
    pub removed: bool,
    pub open_reports: u32,
    /// The latest open reports, newest first (at most `QUEUE_REASONS_MAX`).
    pub reasons: Vec<ReportReason>,
    pub last_reported_at: Option<Timestamp>,
    /// The team's latest action on it (hidden, restored, removed, reports closed),
    /// from the audit log.
    pub last_action: Option<AuditEntry>,
}

/// One page of the moderation queue: items with open reports first (most reported,
/// then latest report), then hidden and removed content, most recent first (a
/// comment by when it was hidden or removed, an idea by when it was submitted: the
/// board does not record when an idea was hidden; the audit log does).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ModerationPage {
    pub items: Vec<ModerationItem>,
    pub offset: u32,
    pub has_more: bool,
    /// Open reports on the whole board.
    pub open_reports: u32,
}

//! What happened on a board: status changes (the journey), notifications, the
//! points ledger and the audit log.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{IdeaStatus, MemberRef, NotificationKind, PointsReason};
use crate::clock::Timestamp;

/// One step of an idea's journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusChange {
    /// None for the first step (submission).
    pub from: Option<IdeaStatus>,
    pub to: IdeaStatus,
    pub actor: MemberRef,
    /// The team's note to the fans (Markdown).
    pub note: Option<String>,
    /// The note rendered and sanitised.
    pub note_html: Option<String>,
    pub at: Timestamp,
}

/// Input of `change_status`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatusUpdate {
    pub idea_id: String,
    pub to: IdeaStatus,
    pub note: Option<String>,
}

/// An entry of a member's notification centre.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    pub id: String,
    pub kind: NotificationKind,
    pub idea_id: String,
    pub idea_number: u32,
    pub idea_title: String,
    pub actor: Option<MemberRef>,
    /// The new status, for status changes and merges.
    pub status: Option<IdeaStatus>,
    pub created_at: Timestamp,
    pub read: bool,
}

/// A page of notifications and the unread total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NotificationPage {
    pub items: Vec<Notification>,
    pub unread: u32,
}

/// One line of the append-only points ledger.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PointsEntry {
    pub delta: i32,
    pub reason: PointsReason,
    pub idea_number: Option<u32>,
    pub at: Timestamp,
}

/// One moderator or admin action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: String,
    pub actor: MemberRef,
    pub action: String,
    /// What it acted on, e.g. `idea:#12` or `member:<id>`.
    pub target: String,
    /// Details as JSON text.
    pub detail: String,
    pub at: Timestamp,
}

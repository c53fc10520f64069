//! The records of the JSON bundle (docs/export-json.md), shared by the export that
//! writes them and the import that reads them, so the two cannot drift apart.
//!
//! Members are named by their public id, ideas by number, comments by id; notices
//! keep their sequence number because follows and read marks point at it. What the
//! board derives (rendered HTML, excerpts, counters, points, adoption times, the
//! search index) is not in the bundle: the import recomputes it. The trending score
//! is carried as is, because it is the decayed history of events, not a recount.

use serde::{Deserialize, Serialize};

/// The `format` field of every bundle.
pub const FORMAT: &str = "ideaboard-board";
/// The schema version this build writes and reads.
pub const VERSION: u32 = 1;

/// The head of a bundle: everything before the tables.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Head {
    pub format: String,
    pub version: u32,
    pub exported_at: String,
    /// True when internal notes are included: handle as internal.
    pub internal: bool,
    /// True when only the ideas matching a filter (and what hangs off them) are in it.
    pub filtered: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BoardRecord {
    pub name: String,
    pub vote_budget: Option<u32>,
    pub support_threshold: u32,
    pub default_locale: String,
    pub edit_grace_minutes: u32,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MemberRecord {
    pub id: String,
    pub display_name: String,
    pub role: String,
    pub joined_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CategoryRecord {
    pub slug: String,
    pub name: String,
    pub name_en: Option<String>,
    pub position: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TagRecord {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IdeaRecord {
    pub number: i64,
    pub id: String,
    pub title: String,
    pub body: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub author: String,
    pub status: String,
    pub created_at: String,
    pub updated_at: String,
    pub merged_into: Option<i64>,
    pub hidden: bool,
    pub pinned: bool,
    pub trending: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VoteRecord {
    pub idea: i64,
    pub member: String,
    pub priority: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CommentRecord {
    pub id: String,
    pub idea: i64,
    pub parent: Option<String>,
    pub author: String,
    pub kind: String,
    pub body: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub deleted_at: Option<String>,
    /// When the team hid it from fans, and who (absent when it is shown).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hidden_by: Option<String>,
    /// The team member who deleted it, when it was not its author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_by: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReactionRecord {
    pub comment: String,
    pub member: String,
    pub reaction: String,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusChangeRecord {
    pub idea: i64,
    pub from: Option<String>,
    pub to: String,
    pub actor: String,
    pub note: Option<String>,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FollowRecord {
    pub idea: i64,
    pub member: String,
    pub since: String,
    pub from_notice: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PastFollowRecord {
    pub idea: i64,
    pub member: String,
    pub from_notice: i64,
    pub to_notice: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoticeRecord {
    pub seq: i64,
    pub to_member: Option<String>,
    pub kind: String,
    pub idea: i64,
    pub actor: Option<String>,
    pub status: Option<String>,
    pub comment: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoticeReadRecord {
    pub member: String,
    pub notice: i64,
    pub read_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoticeMarkRecord {
    pub member: String,
    pub read_through: i64,
    pub marked_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsRecord {
    pub member: String,
    pub delta: i64,
    pub reason: String,
    pub idea: Option<i64>,
    pub at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AuditRecord {
    pub actor: String,
    pub action: String,
    pub target: String,
    /// The entry's detail, a JSON document kept as its text.
    pub detail: String,
    pub at: String,
}

/// A member's report of an idea or a comment (exactly one of the two), and how the
/// team closed it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReportRecord {
    pub member: String,
    pub idea: Option<i64>,
    pub comment: Option<String>,
    pub reason: String,
    pub created_at: String,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
    /// "resolved" or "dismissed" once closed.
    pub outcome: Option<String>,
}

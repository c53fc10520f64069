//! Members (profiles) of a board.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Role;
use crate::clock::Timestamp;

/// A member as shown next to their content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberRef {
    pub id: String,
    pub display_name: String,
    pub role: Role,
}

/// A member's own profile: who they are and what they have earned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberProfile {
    pub id: String,
    pub display_name: String,
    pub role: Role,
    pub joined_at: Timestamp,
    pub points: i32,
    pub level: u32,
    pub has_passphrase: bool,
}

/// Input of `create_member`.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewMember {
    pub display_name: String,
    pub role: Role,
    pub passphrase: Option<String>,
}

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

/// Which members the team's members page lists: newest first, one page at a time.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberQuery {
    /// Only moderators and admins.
    pub team_only: bool,
    /// Members whose name contains this text (for admins, or whose email does);
    /// null or blank for everyone.
    pub search: Option<String>,
    /// The page after this member (the `next` of the page before); null for the first.
    pub after: Option<String>,
    /// At most this many (1 to 200).
    pub limit: u32,
}

/// One member as the team's members page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ListedMember {
    pub profile: MemberProfile,
    /// Whether the member signs in with an account (an admin can issue them a
    /// password-reset link); shown to admins only, `false` for anyone else.
    pub has_account: bool,
    /// The account's email: shown to admins only, null for anyone else.
    pub email: Option<String>,
}

/// A page of the team's members page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MemberPage {
    pub members: Vec<ListedMember>,
    /// What to ask as `after` for the next page; null on the last one.
    pub next: Option<String>,
}

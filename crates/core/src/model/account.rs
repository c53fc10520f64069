//! Accounts on a shared board: the inputs of signing up and in, sessions, the
//! board's sign-up setting, invitations and password resets (`ops::accounts`).
//! Tokens leave the core only inside a [`Secret`], once, when they are made.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::enums::text_enum;
use super::{MemberProfile, Role};
use crate::clock::Timestamp;
use crate::{Error, Result};

/// A token or password-like text handed to the host once. Its `Debug` never shows
/// it, so it cannot leak into a log by accident; [`Secret::expose`] is the one way
/// to read it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub(crate) fn new(text: String) -> Secret {
        Secret(text)
    }

    /// The secret text, for the host to put in a cookie, a response or a link.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

text_enum!(
    /// Who may make an account on the board by themselves.
    SignUpMode, "sign-up mode" {
        /// Anyone, as a fan (and anyone holding an invitation, in its role).
        Open = "open",
        /// Only with an invitation.
        InviteOnly = "invite_only",
        /// Nobody by themselves: only an invitation to the team (a moderator's or
        /// an admin's) still opens an account; a fan's invitation does not.
        Closed = "closed",
    }
);

text_enum!(
    /// How a host carries a session: a browser's cookie (its requests need the
    /// session's CSRF token) or a bearer token (the app, scripts).
    SessionKind, "session kind" { Cookie = "cookie", Bearer = "bearer" }
);

impl SessionKind {
    /// How long a session lasts without being used, in days.
    pub const fn idle_days(self) -> i64 {
        match self {
            SessionKind::Cookie => 14,
            SessionKind::Bearer => 90,
        }
    }

    /// How long a session lasts at most after signing in, however much it is used.
    pub const fn max_days(self) -> i64 {
        match self {
            SessionKind::Cookie => 90,
            SessionKind::Bearer => 365,
        }
    }
}

/// Signing up: the new member's name, email and password, and the invitation link
/// token if they have one.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignUp {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub invitation: Option<String>,
}

/// Signing in with an email and a password.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SignIn {
    pub email: String,
    pub password: String,
}

/// The session a sign-in opens: how the host carries it and what the member will
/// recognise it by in their list of sessions (the browser's user agent, a device
/// name). The label is cleaned and shortened, never refused.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewSession {
    pub kind: SessionKind,
    pub label: String,
}

/// A session as its member sees it in their list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionInfo {
    pub id: String,
    pub kind: SessionKind,
    pub label: String,
    pub created_at: Timestamp,
    pub last_seen_at: Timestamp,
    pub expires_at: Timestamp,
    /// The session the list was asked from.
    pub current: bool,
}

/// A new session, as the host receives it from signing up or in: the token to set
/// as a cookie or hand back as a bearer token, and for a cookie session its CSRF
/// token (which the host can derive again, see `ops::accounts::csrf_token`).
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: Secret,
    pub csrf_token: Option<Secret>,
    pub session: SessionInfo,
    pub profile: MemberProfile,
}

/// What an admin's invitation gives: a role, until it expires or is used once.
#[derive(Debug, Clone, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NewInvitation {
    pub role: Role,
    /// Hours until the link expires (1 to 720).
    pub valid_for_hours: u32,
}

/// An invitation not yet used, revoked or expired.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InvitationInfo {
    pub id: String,
    pub role: Role,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// A new invitation and its link token (shown once, to the admin who made it: the
/// board keeps only a hash). Serialised with the token in clear: the one answer
/// that hands it out.
#[derive(Debug, Clone, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IssuedInvitation {
    pub invitation: InvitationInfo,
    #[serde(serialize_with = "expose_secret")]
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub token: Secret,
}

/// A password-reset link an admin issued for a member (shown once, to that admin).
#[derive(Debug, Clone, Serialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IssuedReset {
    pub member_id: String,
    pub expires_at: Timestamp,
    #[serde(serialize_with = "expose_secret")]
    #[ts(type = "string")]
    #[schemars(with = "String")]
    pub token: Secret,
}

/// Writes a secret's text: only for the answers whose purpose is to hand it out
/// once ([`IssuedInvitation`], [`IssuedReset`]); `Secret` itself has no `Serialize`,
/// so no other type can carry one out by accident.
fn expose_secret<S: serde::Serializer>(
    secret: &Secret,
    out: S,
) -> std::result::Result<S::Ok, S::Error> {
    out.serialize_str(secret.expose())
}

/// A member's own account: what only they (and no one else) are shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccountInfo {
    pub email: String,
    pub created_at: Timestamp,
}

//! The boards the desktop app knows: board files on this machine and shared boards
//! on servers, as its board menu lists them and its window switches between them.
//! Only the app's window serves these (the contract's `local` commands); the list
//! itself is the host's (a file in the app's config directory), never a board's.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where a known board lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BoardKind {
    /// A board file on this machine.
    Local,
    /// A shared board on an Ideaboard server, joined with an account.
    Server,
}

/// One board the app knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct KnownBoard {
    /// Stable for as long as the app knows the board.
    pub id: String,
    pub kind: BoardKind,
    /// The board's name as it last said it.
    pub name: String,
    /// The board file's path, or the server's address (`http://host:port`).
    pub location: String,
    /// The member's email on a shared board; null for a board file.
    pub email: Option<String>,
    /// Whether the window shows this board now.
    pub current: bool,
}

/// A server that answered as an Ideaboard server, ready to sign in to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ServerCheck {
    /// The address as the app will use it (scheme added, trailing slash removed).
    pub url: String,
    /// The board's name.
    pub name: String,
}

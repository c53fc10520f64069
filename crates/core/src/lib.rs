//! # ideaboard-core
//!
//! The domain of Ideaboard, an idea portal where a brand's fans share, vote on and
//! discuss ideas, and the brand's team answers them and moves them through a visible
//! journey. This crate owns the rules and the SQLite store; it knows nothing of any
//! window or shell, so the desktop app, the CLI and tests all call the same ops.
//!
//! Layout: [`model`] (types that cross boundaries), [`ops`] (use cases: validate,
//! authorise, one transaction), [`store`] (the only SQL), [`rank`] (trending),
//! [`render`] (Markdown to safe HTML), [`export`] and
//! [`import`] (files for product teams), [`search`] (Chinese and English full-text
//! search, duplicate detection), [`seed`] (demo boards), [`session`] (what a host
//! holds between commands: the board's slot and who acts in each session),
//! [`throttle`] (rate limits for hosts), `ops::accounts` (accounts, sessions and
//! invitations of a shared board).
//!
//! Feature `devtools` (off by default; only the workshop, `ideaboard-stress`,
//! enables it): `bench` (the bench's floors, subjects and preparation writes), the
//! bulk loader and `seed::scale` (Starbucks-scale generated boards). The desktop
//! app and `ideaboard-cli` are built without it.

pub mod backups;
#[cfg(feature = "devtools")]
pub mod bench;
pub mod clock;
mod common_passwords;
pub mod error;
pub mod export;
mod files;
pub mod ids;
pub mod import;
pub mod model;
mod opening;
pub mod ops;
pub mod rank;
pub mod render;
pub mod rules;
pub mod search;
mod secrets;
pub mod seed;
pub mod session;
pub mod store;
pub mod throttle;

pub use clock::Timestamp;
pub use error::{Error, ErrorCode, ErrorDto, ErrorParams, Result};
pub use ops::Actor;
pub use store::Board;

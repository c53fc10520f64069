//! Use cases, one file per feature. Every op takes the board, the acting member
//! ([`Actor`]) and, where it writes, `now`. It validates its input, checks the
//! actor's *current* role (read inside the same transaction, so a demoted moderator
//! is refused at once), and does all its writes in one transaction.

pub mod accounts;
mod actor;
mod adoption;
mod backups;
mod board;
mod changes;
mod comments;
mod engagement;
mod export;
mod follows;
mod ideas;
mod import;
mod members;
mod merge;
mod moderation;
mod moved;
mod search;
mod status;
mod team_analytics;
mod triage;
mod votes;
mod workflow;

pub use actor::Actor;
pub use adoption::*;
pub use backups::*;
pub use board::*;
pub use changes::*;
pub use comments::*;
pub use engagement::*;
pub use export::*;
pub use follows::*;
pub use ideas::*;
pub use import::*;
pub use members::*;
pub use merge::*;
pub use moderation::*;
pub use search::*;
pub use status::*;
pub use team_analytics::*;
pub use triage::*;
pub use votes::*;

//! Entities and value types of a board, as the rest of the world sees them. These
//! are the DTOs that cross IPC (camelCase, ids as strings, RFC 3339 times) and the
//! enums whose text form is what the store keeps. [`bundle`] holds the records of
//! the JSON bundle, which the store reads and writes and the exporter and importer
//! carry; they are named in its own namespace (`model::bundle::MemberRecord`).

mod account;
mod activity;
mod adoption;
mod backup;
mod board;
pub mod bundle;
mod change;
mod comment;
mod enums;
mod exchange;
mod idea;
mod member;
mod moderation;
mod moved;
mod search;
mod team;

pub use account::*;
pub use activity::*;
pub use adoption::*;
pub use backup::*;
pub use board::*;
pub use change::*;
pub use comment::*;
pub use enums::*;
pub use exchange::*;
pub use idea::*;
pub use member::*;
pub use moderation::*;
pub use moved::*;
pub use search::*;
pub use team::*;

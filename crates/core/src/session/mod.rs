//! What a host of the contract holds between commands, and the rules that go with
//! it, so that the desktop window and a server keep none of their own:
//!
//! - [`BoardSlot`]: the one board a host serves (opening, open or failed; its
//!   health; restore and read-only opening; a writer and read-only connections
//!   beside it);
//! - [`Session`]: the member acting in one session, the undo of that session's own
//!   restore, and its export's cancel flag;
//! - [`Follower`]: where a host has read the board's change feed to;
//! - [`OwnReader`], [`ReaderPool`]: read-only connections of a host's own.

mod follower;
mod lock;
mod member;
mod reader;
mod slot;

pub use follower::{FEED_PAGE, Follower};
pub use member::Session;
pub use reader::{OwnReader, ReaderPool};
pub use slot::{BoardSlot, SlotState};

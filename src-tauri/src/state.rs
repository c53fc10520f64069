//! The window's state: the board it serves and the one session acting in it, both
//! from the core (`ideaboard_core::session`), which holds every rule about them.
//! The shell only decides when: opening at start, checkpointing when idle.

use ideaboard_core::session::{BoardSlot, Session};

/// State shared by every command of the app: the board slot and the window's one
/// session.
#[derive(Default)]
pub struct Shared {
    pub slot: BoardSlot,
    pub session: Session,
}

/// How often the shell looks for an idle moment to checkpoint the board.
pub const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

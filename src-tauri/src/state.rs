//! The window's state: the board file it serves and the one session acting in it,
//! both from the core (`ideaboard_core::session`), which holds every rule about
//! them; and which board the window shows ([`Boards`]): that file, or a shared
//! board on a server. The shell only decides when: opening at start,
//! checkpointing when idle.

use ideaboard_core::session::{BoardSlot, Session};

use crate::boards::Boards;

/// State shared by every command of the app: the board slot, the window's one
/// session on it, and the boards the window knows and shows.
pub struct Shared {
    pub slot: BoardSlot,
    pub session: Session,
    pub boards: Boards,
}

impl Shared {
    /// The state of a window on its board file (not open yet), knowing `boards`.
    pub fn new(boards: Boards) -> Shared {
        Shared {
            slot: BoardSlot::default(),
            session: Session::default(),
            boards,
        }
    }
}

/// How often the shell looks for an idle moment to checkpoint the board.
pub const CHECKPOINT_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

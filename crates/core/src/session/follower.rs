//! Following a board's change feed from a host: where the host has read it to, and
//! one look at what changed since, as the member the host asks for.
//!
//! The cursor is board-wide and visibility is decided by the core on every read, so
//! a member switch needs no reset: the next poll already answers for the new member.
//! A restore closes the slot's feed reader while it moves the file; the reopened
//! file's feed answers the old cursor with `reset`, and the host reloads.

use crate::model::ChangePage;
use crate::{Actor, ops};

use super::BoardSlot;

/// The most changes one poll returns; a longer burst comes as several pages.
pub const FEED_PAGE: u32 = 500;

/// Where a host has read the feed to.
#[derive(Debug, Default)]
pub struct Follower {
    /// The last seq read; None until the first poll places it at the board's newest.
    after: Option<i64>,
}

impl Follower {
    /// One look at the feed of the board in `slot`, as `actor`: the page to send on,
    /// if there is news. The first look only places the cursor at the newest seq:
    /// what the host loads then is already current. Reads on the slot's feed reader,
    /// so it never waits for the writer.
    pub fn poll(&mut self, slot: &BoardSlot, actor: &Actor) -> Option<ChangePage> {
        let path = slot.board_file().ok()?;
        let read = slot.feed_reader.read(&path, |board| match self.after {
            None => ops::latest_change_seq(board).map(|latest| {
                self.after = Some(latest);
                None
            }),
            Some(after) => ops::changes_since(board, actor, after, FEED_PAGE).map(Some),
        });
        // A board that does not open (yet) or a failed read: the next poll tries again.
        let page = read.ok()??;
        self.after = Some(page.latest_seq);
        (page.reset || !page.changes.is_empty() || page.has_more).then_some(page)
    }
}

//! The change feed: what every committed write changed, for windows, the server's
//! live updates and desktop replicas to follow. A follower keeps the last seq it
//! read, asks [`changes_since`] for what came after, re-fetches what the entries
//! name, and goes on from the page's `latest_seq`. Entries say *what* changed (kind,
//! id), never *how*: no text, no counts, no status.
//!
//! # Invariants
//!
//! * Every write op records what it changed on its transaction, and
//!   [`crate::store::Board`]'s one write path appends it in that transaction just
//!   before the commit: a committed write always has its entries, a refused or
//!   rolled-back one (an import's preview) has none. The feed test runs every write
//!   op of the authorization matrix and checks that each one that changed the board
//!   appended an entry.
//! * Seqs only grow and are never reused, through pruning, imports and restores;
//!   several connections (another process, the CLI) append to the same sequence, as
//!   SQLite serialises their writes.
//! * The feed is complete after its horizon (the newest reset, or the seq before
//!   the oldest entry kept): asked from earlier, or from a seq the board never had,
//!   [`changes_since`] answers `reset` (reload everything) and never a partial page.
//!
//! # Who sees what
//!
//! Decided when read, in the same snapshot as the page, from the reader's role
//! *now* (a demoted moderator stops seeing team entries at once) and the entity as
//! it is *now*:
//!
//! * everyone, guests included: profiles, categories, settings, and the moment an
//!   idea or comment is hidden or restored (so fans drop it or get it back; they
//!   re-fetch and find it gone or back);
//! * whoever may see the idea or comment now: every other change of an idea or a
//!   comment. Fans do not see entries about a hidden idea, its comments, a hidden
//!   comment or an internal note (not even its id);
//! * the team: internal notes and what they change on their idea, reports, the
//!   audit log;
//! * one member: their standing (points, level, votes left), their follows and read
//!   marks; the voters of an idea when a status change starts or stops their votes
//!   counting against the budget;
//! * the members a notice is delivered to, by the notification centre's own rule
//!   (followers then, not the one who acted, nothing about what they may not open).
//!   A status change to 20,000 followers is one notice and one entry.
//!
//! Seqs are board-wide, so a reader can tell that *something* they may not see
//! happened between two of theirs, never what or where.
//!
//! Imports and restores are resets: a reader from before them reloads.
//!
//! # Retention
//!
//! [`crate::store::Board::prune_changes`] keeps the last 30 days and at most
//! 100,000 entries ([`crate::store::changes`]); hosts call it when idle. A follower
//! away longer than that is told to reset, never left with a silent gap.

use super::Actor;
use super::actor::Who;
use crate::Result;
use crate::model::{Change, ChangePage};
use crate::store::changes::{self, Reader};
use crate::store::{Board, Tx, ledger};

/// The largest page [`changes_since`] returns.
pub const CHANGES_LIMIT_MAX: u32 = 1000;

/// What changed after seq `after` that `actor` may know of, oldest first, at most
/// `limit` (1 to [`CHANGES_LIMIT_MAX`]). Cheap when nothing did: a follower may
/// poll it. Start from [`latest_change_seq`].
pub fn changes_since(board: &Board, actor: &Actor, after: i64, limit: u32) -> Result<ChangePage> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let latest = changes::latest(conn)?;
        if after < changes::horizon(conn)? || after > latest {
            return Ok(ChangePage {
                changes: Vec::new(),
                latest_seq: latest,
                reset: true,
                has_more: false,
            });
        }
        let reader = Reader {
            seq: who.seq,
            id: actor.member_id(),
            team: who.is_team(),
        };
        let limit = limit.clamp(1, CHANGES_LIMIT_MAX);
        let mut changes = changes::visible_after(conn, &reader, after, limit + 1)?;
        let has_more = changes.len() > limit as usize;
        changes.truncate(limit as usize);
        let latest_seq = match changes.last() {
            Some(last) if has_more => last.seq,
            _ => latest,
        };
        Ok(ChangePage {
            changes,
            latest_seq,
            reset: false,
            has_more,
        })
    })
}

/// The feed after one seq, read once for many readers: a server reads it once per
/// moment for all its live streams and hands each its share with [`changes_in`],
/// instead of every stream running [`changes_since`]'s query. Who may see what is
/// decided by the same rules; the entity's state (hidden, internal) is taken when
/// the batch was read, the reader's role and their votes and notices when their
/// share is taken.
#[derive(Debug, Clone)]
pub struct FeedBatch {
    after: i64,
    latest_seq: i64,
    reset: bool,
    has_more: bool,
    rows: Vec<changes::SharedRow>,
}

impl FeedBatch {
    /// The seq the batch was read after.
    pub fn after(&self) -> i64 {
        self.after
    }

    /// Where the batch ends: the board's newest seq when it was read, unless
    /// `has_more`.
    pub fn latest_seq(&self) -> i64 {
        self.latest_seq
    }

    /// More entries follow `latest_seq` than the batch held.
    pub fn has_more(&self) -> bool {
        self.has_more
    }

    /// Whether [`changes_in`] can answer a reader who has read to `after` from this
    /// batch alone.
    pub fn covers(&self, after: i64) -> bool {
        if self.reset {
            after == self.after
        } else {
            (self.after..=self.latest_seq).contains(&after)
        }
    }
}

/// Every entry after `after` (at most `limit`, 1 to [`CHANGES_LIMIT_MAX`]) with what
/// decides who may see each; `reset` as [`changes_since`] says it.
pub fn feed_batch(board: &Board, after: i64, limit: u32) -> Result<FeedBatch> {
    board.read(|conn| {
        let latest = changes::latest(conn)?;
        if after < changes::horizon(conn)? || after > latest {
            return Ok(FeedBatch {
                after,
                latest_seq: latest,
                reset: true,
                has_more: false,
                rows: Vec::new(),
            });
        }
        let limit = limit.clamp(1, CHANGES_LIMIT_MAX);
        let mut rows = changes::shared_after(conn, after, limit + 1)?;
        let has_more = rows.len() > limit as usize;
        rows.truncate(limit as usize);
        let latest_seq = match rows.last() {
            Some(last) if has_more => last.seq(),
            _ => latest,
        };
        Ok(FeedBatch {
            after,
            latest_seq,
            reset: false,
            has_more,
            rows,
        })
    })
}

/// What `actor`, having read to `after`, may know of in `batch`: the page
/// [`changes_since`] would answer (at most `limit`), or None when the batch does
/// not cover `after` (ask [`changes_since`]). Reads the board only for the actor's
/// role and for the entries addressed to voters or to a notice's members.
pub fn changes_in(
    board: &Board,
    actor: &Actor,
    batch: &FeedBatch,
    after: i64,
    limit: u32,
) -> Result<Option<ChangePage>> {
    if !batch.covers(after) {
        return Ok(None);
    }
    if batch.reset {
        return Ok(Some(ChangePage {
            changes: Vec::new(),
            latest_seq: batch.latest_seq,
            reset: true,
            has_more: false,
        }));
    }
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let reader = Reader {
            seq: who.seq,
            id: actor.member_id(),
            team: who.is_team(),
        };
        let limit = limit.clamp(1, CHANGES_LIMIT_MAX) as usize;
        let mut changes: Vec<Change> = Vec::new();
        for row in batch.rows.iter().filter(|row| row.seq() > after) {
            if let Some(change) = row.change_for(conn, &reader)? {
                if changes.len() == limit {
                    // One more than the page holds: the page ends at its last.
                    let latest_seq = changes.last().map_or(after, |c| c.seq);
                    return Ok(Some(ChangePage {
                        changes,
                        latest_seq,
                        reset: false,
                        has_more: true,
                    }));
                }
                changes.push(change);
            }
        }
        Ok(Some(ChangePage {
            changes,
            latest_seq: batch.latest_seq,
            reset: false,
            has_more: batch.has_more,
        }))
    })
}

/// The board's newest seq (0 before its first change): where a follower starts,
/// after it has loaded what it shows. One index look-up.
pub fn latest_change_seq(board: &Board) -> Result<i64> {
    board.read(changes::latest)
}

/// Grants points, and records that the member's standing changed.
pub(crate) fn grant_points(
    tx: &Tx<'_>,
    member_seq: i64,
    reason: crate::model::PointsReason,
    idea_no: Option<i64>,
    now: crate::clock::Timestamp,
) -> Result<()> {
    ledger::grant(tx, member_seq, reason, idea_no, now)?;
    tx.record(changes::Entry::standing(member_seq), now);
    Ok(())
}

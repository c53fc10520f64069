//! Writes that answer with what else they moved ([`Moved`]): the acting member's
//! standing and the board's totals, read in the write's own transaction after it
//! wrote, and the feed entries it appended, so the window that made the write asks
//! for none of it again.

use rusqlite::Connection;

use super::Actor;
use super::actor::Who;
use crate::Result;
use crate::model::{IdeaChanged, IdeaDetail, Moved, Standing};
use crate::store::{Board, Tx, members, settings, totals, votes};

/// Runs `write` in one transaction as `actor` (who must be signed in), and answers
/// what it answered together with what else moved.
pub(crate) fn write_moved<T>(
    board: &mut Board,
    actor: &Actor,
    write: impl FnOnce(&mut Tx<'_>, &Who) -> Result<T>,
) -> Result<(T, Moved)> {
    let ((value, standing, counts), changes) = board.write_spanned(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, _) = who.signed_in()?;
        let value = write(tx, &who)?;
        Ok((value, standing(tx, seq)?, totals::counts(tx)?))
    })?;
    Ok((
        value,
        Moved {
            standing,
            counts,
            changes,
        },
    ))
}

/// Runs a write on one idea that answers the idea's page, and answers it with what
/// else moved.
pub(crate) fn idea_changed(
    board: &mut Board,
    actor: &Actor,
    write: impl FnOnce(&mut Tx<'_>, &Who) -> Result<IdeaDetail>,
) -> Result<IdeaChanged> {
    let (detail, moved) = write_moved(board, actor, write)?;
    Ok(IdeaChanged { detail, moved })
}

/// A member's standing: points, level and votes left.
fn standing(conn: &Connection, member_seq: i64) -> Result<Standing> {
    let profile = members::profile_by_seq(conn, member_seq)?;
    Ok(Standing {
        points: profile.points,
        level: profile.level,
        votes_left: budget_left(conn, Some(member_seq))?,
    })
}

/// What the member (by seq; a guest has used nothing) has left of the board's vote
/// budget; None when there is none.
pub(crate) fn budget_left(conn: &Connection, member_seq: Option<i64>) -> Result<Option<u32>> {
    let Some(budget) = settings::get(conn)?.vote_budget else {
        return Ok(None);
    };
    let used = match member_seq {
        Some(seq) => votes::active_count(conn, seq)?,
        None => 0,
    };
    Ok(Some((i64::from(budget) - used).max(0) as u32))
}

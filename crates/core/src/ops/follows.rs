//! Following ideas and the notification centre.

use super::Actor;
use super::actor::{Who, visible_idea};
use super::ideas::detail;
use crate::clock::Timestamp;
use crate::model::{IdeaDetail, NotificationPage};
use crate::store::changes::{Audience, Entry};
use crate::store::{Board, notify};
use crate::{Error, Result};

/// Follows (`on`) or stops following an idea.
pub fn set_following(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    on: bool,
    now: Timestamp,
) -> Result<IdeaDetail> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, _) = who.signed_in()?;
        let idea = visible_idea(tx, &who, idea_id)?;
        if on {
            notify::follow(tx, idea.number, seq, now)?;
        } else {
            notify::unfollow(tx, idea.number, seq)?;
        }
        // Only the member's own page shows that they follow it.
        tx.record(Entry::idea(idea.number).to(Audience::Member(seq)), now);
        detail(tx, &who, idea.number, now)
    })
}

/// The member's latest notifications and unread count.
pub fn list_notifications(
    board: &Board,
    actor: &Actor,
    unread_only: bool,
    limit: u32,
) -> Result<NotificationPage> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let (seq, _) = who.signed_in()?;
        // Off the team, a member is not told about what they may not open.
        let team = who.is_team();
        let (items, unread) = notify::centre(conn, seq, team, unread_only, limit.clamp(1, 200))?;
        Ok(NotificationPage { items, unread })
    })
}

/// Marks the given notifications (or all, with None) read; returns how many changed.
pub fn mark_notifications_read(
    board: &mut Board,
    actor: &Actor,
    ids: Option<&[String]>,
    now: Timestamp,
) -> Result<usize> {
    board.write(|tx| {
        let (seq, _) = Who::load(tx, actor)?.signed_in()?;
        let seqs = ids
            .map(|ids| {
                ids.iter()
                    .map(|id| id.parse::<i64>().map_err(|_| Error::InvalidId(id.clone())))
                    .collect::<Result<Vec<_>>>()
            })
            .transpose()?;
        let marked = notify::mark_read(tx, seq, seqs.as_deref(), now)?;
        if marked > 0 {
            tx.record(Entry::notifications_of(seq), now);
        }
        Ok(marked)
    })
}

//! Votes: cast with a priority, change the priority, withdraw. One vote per member
//! per idea; only open ideas take votes; a board may cap active votes per member.

use super::Actor;
use super::actor::{Who, visible_idea};
use super::changes::grant_points;
use super::ideas::detail;
use super::moved::{budget_left, idea_changed};
use super::workflow::voting_open;
use crate::clock::Timestamp;
use crate::model::{IdeaChanged, IdeaStatus, PointsReason, Priority, VOTE_MILESTONES};
use crate::rank;
use crate::store::changes::Entry;
use crate::store::{Board, Tx, ideas, ledger, notify, settings, votes};
use crate::{Error, Result};

fn require_open(status: IdeaStatus) -> Result<()> {
    if voting_open(status) {
        Ok(())
    } else {
        Err(Error::VotingClosed {
            status: status.as_str(),
        })
    }
}

/// Grants the author the vote milestones this idea has reached and not yet been paid.
pub(crate) fn pay_milestones(
    tx: &Tx<'_>,
    idea: &ideas::IdeaRow,
    vote_count: i64,
    now: Timestamp,
) -> Result<()> {
    let reached = VOTE_MILESTONES.iter().filter(|&&m| vote_count >= m).count() as i64;
    let paid = ledger::count_entries(tx, idea.number, PointsReason::IdeaReachedVotes)?;
    for _ in paid..reached {
        grant_points(
            tx,
            idea.author_seq,
            PointsReason::IdeaReachedVotes,
            Some(idea.number),
            now,
        )?;
    }
    Ok(())
}

/// Votes for an idea with a priority. The voter follows the idea.
pub fn vote(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    priority: Priority,
    now: Timestamp,
) -> Result<IdeaChanged> {
    idea_changed(board, actor, |tx, who| {
        let (seq, _) = who.signed_in()?;
        let idea = visible_idea(tx, who, idea_id)?;
        require_open(idea.status)?;
        if votes::get(tx, idea.number, seq)?.is_some() {
            return Err(Error::AlreadyVoted);
        }
        if let Some(budget) = settings::get(tx)?.vote_budget
            && votes::active_count(tx, seq)? >= i64::from(budget)
        {
            return Err(Error::VoteBudgetExhausted { budget });
        }
        votes::insert(tx, idea.number, seq, priority, now)?;
        let count = ideas::add_votes(tx, idea.number, 1, priority.weight())?;
        ideas::trend_add(tx, idea.number, rank::vote_weight(priority), now)?;
        notify::follow(tx, idea.number, seq, now)?;
        grant_points(tx, seq, PointsReason::VoteCast, Some(idea.number), now)?;
        pay_milestones(tx, &idea, count, now)?;
        tx.record(Entry::idea(idea.number), now);
        detail(tx, who, idea.number, now)
    })
}

/// Changes the priority of the member's vote.
pub fn change_vote_priority(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    priority: Priority,
    now: Timestamp,
) -> Result<IdeaChanged> {
    idea_changed(board, actor, |tx, who| {
        let (seq, _) = who.signed_in()?;
        let idea = visible_idea(tx, who, idea_id)?;
        require_open(idea.status)?;
        let (old, at) = votes::get(tx, idea.number, seq)?.ok_or(Error::NotVoted)?;
        if old != priority {
            votes::set_priority(tx, idea.number, seq, priority)?;
            ideas::add_votes(tx, idea.number, 0, priority.weight() - old.weight())?;
            let (from, to) = (rank::vote_weight(old), rank::vote_weight(priority));
            ideas::trend_replace(tx, idea.number, from, to, at)?;
            tx.record(Entry::idea(idea.number), now);
        }
        detail(tx, who, idea.number, now)
    })
}

/// Withdraws the member's vote.
pub fn unvote(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    now: Timestamp,
) -> Result<IdeaChanged> {
    idea_changed(board, actor, |tx, who| {
        let (seq, _) = who.signed_in()?;
        let idea = visible_idea(tx, who, idea_id)?;
        require_open(idea.status)?;
        let (priority, at) = votes::get(tx, idea.number, seq)?.ok_or(Error::NotVoted)?;
        votes::delete(tx, idea.number, seq)?;
        ideas::add_votes(tx, idea.number, -1, -priority.weight())?;
        ideas::trend_remove(tx, idea.number, rank::vote_weight(priority), at)?;
        grant_points(tx, seq, PointsReason::VoteWithdrawn, Some(idea.number), now)?;
        tx.record(Entry::idea(idea.number), now);
        detail(tx, who, idea.number, now)
    })
}

/// What the member has left of the board's vote budget; None when there is none.
pub fn votes_left(board: &Board, actor: &Actor) -> Result<Option<u32>> {
    board.read(|conn| budget_left(conn, Who::load(conn, actor)?.seq))
}

//! The team's triage inbox: what waits for a first look, most supported first.

use rusqlite::Connection;

use super::Actor;
use super::actor::Who;
use crate::model::{IdeaStatus, IdeaSummary, TriageItem, TriagePage, TriageQuery};
use crate::store::{Board, adoption, settings, triage};
use crate::{Error, Result};

/// The largest inbox page.
pub const TRIAGE_LIMIT_MAX: u32 = 200;

/// One page of the triage inbox (the team): new and under-review ideas fans can see
/// (not hidden, not merged), those past the board's support threshold first, then
/// by votes. Filtering by any other status is refused.
pub fn triage_inbox(board: &Board, actor: &Actor, query: &TriageQuery) -> Result<TriagePage> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        who.team()?;
        if let Some(status) = query.status
            && !status.is_in_triage()
        {
            return Err(Error::InvalidInput {
                field: "status",
                reason: "the triage inbox holds new and under-review ideas".into(),
            });
        }
        let threshold = settings::get(conn)?.support_threshold;
        let limit = query.limit.clamp(1, TRIAGE_LIMIT_MAX);
        let mut ideas = triage::page(conn, query.status, who.seq, query.offset, limit + 1)?;
        let has_more = ideas.len() > limit as usize;
        ideas.truncate(limit as usize);
        let (total, past_threshold) = figures(conn, query.status, threshold)?;
        Ok(TriagePage {
            items: ideas
                .into_iter()
                .map(|idea| row(&who, idea, threshold))
                .collect(),
            offset: query.offset,
            has_more,
            support_threshold: threshold,
            total,
            past_threshold,
        })
    })
}

/// An idea as a row of the inbox.
pub(crate) fn row(who: &Who, idea: IdeaSummary, threshold: u32) -> TriageItem {
    TriageItem {
        past_threshold: idea.vote_count >= threshold,
        allowed_statuses: super::workflow::allowed_statuses(who, idea.status),
        idea,
    }
}

/// Whether the inbox holds the idea: new or under review, and fans can see it (as
/// `store::triage::page` selects).
pub(crate) fn waits(idea: &IdeaSummary) -> bool {
    idea.status.is_in_triage() && !idea.hidden
}

/// Ideas in the inbox (only those with `status`, if given), and of them past the
/// support threshold.
pub(crate) fn figures(
    conn: &Connection,
    status: Option<IdeaStatus>,
    threshold: u32,
) -> Result<(u32, u32)> {
    let total = adoption::idea_counts(conn)?
        .iter()
        .filter(|(_, s, _)| match status {
            Some(only) => *s == only,
            None => s.is_in_triage(),
        })
        .map(|(_, _, n)| n)
        .sum();
    Ok((total, triage::count_past(conn, status, threshold)? as u32))
}

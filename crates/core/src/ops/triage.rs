//! The team's triage inbox: what waits for a first look, most supported first.

use super::Actor;
use super::actor::Who;
use crate::model::{TriageItem, TriagePage, TriageQuery};
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
        let total = adoption::idea_counts(conn)?
            .iter()
            .filter(|(_, status, _)| match query.status {
                Some(only) => *status == only,
                None => status.is_in_triage(),
            })
            .map(|(_, _, n)| n)
            .sum();
        Ok(TriagePage {
            items: ideas
                .into_iter()
                .map(|idea| TriageItem {
                    past_threshold: idea.vote_count >= threshold,
                    allowed_statuses: super::workflow::allowed_statuses(&who, idea.status),
                    idea,
                })
                .collect(),
            offset: query.offset,
            has_more,
            support_threshold: threshold,
            total,
            past_threshold: triage::count_past(conn, query.status, threshold)? as u32,
        })
    })
}

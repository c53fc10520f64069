//! The soak's invariants. After every step: every counter equals a recount (the
//! core's own recount), the board's vote total is the model's, each idea the step
//! touched has the model's status, visibility and vote count and a journey that
//! ends where it stands, merged ideas hold no votes, and a member who just voted is
//! within the vote budget. Every few hundred steps and at the end: SQLite's
//! integrity checks and a full comparison of every idea and every vote.

use ideaboard_core::model::{IdeaSort, IdeaStatus, IdeaSummary, ListQuery};
use ideaboard_core::{Actor, Board, Error, ops};

use super::soak_model::is_open;
use super::soak_ops::{Done, Soak};

/// Every idea the actor may list with these filters, page by page.
fn list_all(board: &Board, actor: &Actor, base: ListQuery) -> Result<Vec<IdeaSummary>, Error> {
    let mut out = Vec::new();
    loop {
        let query = ListQuery {
            sort: IdeaSort::New,
            offset: out.len() as u32,
            limit: ops::LIST_LIMIT_MAX,
            ..base.clone()
        };
        let page = ops::list_ideas(board, actor, &query)?;
        out.extend(page.items);
        if !page.has_more {
            return Ok(out);
        }
    }
}

/// The problems after one step; empty when every invariant holds.
pub fn after_step(s: &Soak, done: &Done) -> Result<Vec<String>, Error> {
    let (board, model) = (&s.board, &s.model);
    let admin = &model.members[0].actor;
    let mut problems = board.counter_mismatches()?;
    let votes = ops::board_overview(board)?.counts.votes as usize;
    if votes != model.votes.len() {
        problems.push(format!(
            "the board holds {votes} votes, the model {}",
            model.votes.len()
        ));
    }
    for &i in &done.ideas {
        let want = &model.ideas[i];
        let got = ops::get_idea(board, admin, &want.id, s.now)?;
        let n = want.number;
        if got.idea.status != want.status || got.idea.hidden != want.hidden {
            problems.push(format!(
                "#{n}: {} hidden {}, the model says {} hidden {}",
                got.idea.status, got.idea.hidden, want.status, want.hidden
            ));
        }
        if got.idea.vote_count as usize != model.votes_on(i) {
            problems.push(format!(
                "#{n}: {} votes, the model {}",
                got.idea.vote_count,
                model.votes_on(i)
            ));
        }
        if got.journey.last().map(|c| c.to) != Some(got.idea.status) {
            problems.push(format!(
                "#{n}: the journey does not end at {}",
                got.idea.status
            ));
        }
    }
    let merged = ListQuery {
        status: Some(IdeaStatus::Merged),
        include_hidden: true,
        ..ListQuery::default()
    };
    for idea in list_all(board, admin, merged)? {
        if idea.vote_count != 0 || idea.merged_into.is_none() {
            problems.push(format!(
                "merged #{} holds {} votes (merged into {:?})",
                idea.number, idea.vote_count, idea.merged_into
            ));
        }
    }
    if done.kind == "vote"
        && done.result.is_ok()
        && let Some(budget) = model.vote_budget
    {
        let voter = done.voter.expect("a vote names its voter");
        let mine = ListQuery {
            voted_by: Some(model.members[voter].id.clone()),
            include_hidden: true,
            ..ListQuery::default()
        };
        let active = list_all(board, admin, mine)?
            .iter()
            .filter(|i| is_open(i.status))
            .count();
        if active > budget as usize {
            problems.push(format!(
                "member {voter} holds {active} active votes, over the budget of {budget}"
            ));
        }
    }
    Ok(problems)
}

/// SQLite's integrity and foreign-key checks, and every idea and every vote
/// against the model.
pub fn full(s: &Soak) -> Result<Vec<String>, Error> {
    let (board, model) = (&s.board, &s.model);
    let admin = &model.members[0].actor;
    let mut problems = board.check_integrity()?;
    let all = ListQuery {
        include_hidden: true,
        ..ListQuery::default()
    };
    let ideas = list_all(board, admin, all)?;
    if ideas.len() != model.ideas.len() {
        problems.push(format!(
            "the board has {} ideas, the model {}",
            ideas.len(),
            model.ideas.len()
        ));
    }
    let index: std::collections::HashMap<&str, usize> = model
        .ideas
        .iter()
        .enumerate()
        .map(|(i, idea)| (idea.id.as_str(), i))
        .collect();
    for idea in &ideas {
        let Some(&i) = index.get(idea.id.as_str()) else {
            problems.push(format!("#{} is not in the model", idea.number));
            continue;
        };
        let want = &model.ideas[i];
        if (idea.status, idea.hidden, idea.vote_count as usize)
            != (want.status, want.hidden, model.votes_on(i))
        {
            problems.push(format!(
                "#{}: {} hidden {} {} votes; the model: {} hidden {} {} votes",
                idea.number,
                idea.status,
                idea.hidden,
                idea.vote_count,
                want.status,
                want.hidden,
                model.votes_on(i)
            ));
        }
    }
    for (m, member) in model.members.iter().enumerate() {
        let mine = ListQuery {
            voted_by: Some(member.id.clone()),
            include_hidden: model.is_team(m),
            ..ListQuery::default()
        };
        for idea in list_all(board, &member.actor, mine)? {
            let i = index[idea.id.as_str()];
            if idea.my_vote != model.votes.get(&(m, i)).copied() {
                problems.push(format!(
                    "member {m} on #{}: the board says {:?}, the model {:?}",
                    idea.number,
                    idea.my_vote,
                    model.votes.get(&(m, i))
                ));
            }
        }
    }
    Ok(problems)
}

//! Reading the crash test's facts off a board through the core's ops, and
//! comparing them with what is expected.

use std::collections::{BTreeMap, BTreeSet};

use ideaboard_core::model::{IdeaSort, IdeaSummary, ListQuery};
use ideaboard_core::{Actor, Board, Error, ErrorCode, Timestamp, ops};

use super::crash_model::{CommentFact, Crew, Expected, Facts, IdeaFact, Pair, Unsettled};

impl Expected {
    /// Every way the board (`seen`) differs from what is expected, facts in
    /// `unsettled` aside. Empty when every acknowledged write is there.
    pub fn differences(&self, seen: &Facts, unsettled: &Unsettled) -> Vec<String> {
        let want = &self.facts;
        let mut out = Vec::new();
        for (id, idea) in &want.ideas {
            match seen.ideas.get(id) {
                None => out.push(format!(
                    "lost: idea {id} {:?} ({})",
                    idea.title,
                    self.origin(&format!("idea {id}"))
                )),
                Some(got) if got.title != idea.title => out.push(format!(
                    "idea {id}: title {:?}, expected {:?}",
                    got.title, idea.title
                )),
                Some(got) if got.status != idea.status && !unsettled.statuses.contains(id) => out
                    .push(format!(
                        "idea {id}: status {}, expected {} ({})",
                        got.status,
                        idea.status,
                        self.origin(&format!("status {id}"))
                    )),
                Some(_) => {}
            }
        }
        for (id, idea) in &seen.ideas {
            if !want.ideas.contains_key(id) && !unsettled.titles.contains(&idea.title) {
                out.push(format!("unexpected idea {id} {:?}", idea.title));
            }
        }
        let pairs: BTreeSet<&Pair> = want.votes.keys().chain(seen.votes.keys()).collect();
        for pair in pairs {
            let (w, s) = (want.votes.get(pair), seen.votes.get(pair));
            if w != s && !unsettled.pairs.contains(pair) {
                out.push(format!(
                    "vote of member {} on idea {}: board has {s:?}, expected {w:?} ({})",
                    pair.0,
                    pair.1,
                    self.origin(&format!("vote {pair:?}"))
                ));
            }
        }
        for (pair, on) in &want.follows {
            let s = seen.follows.get(pair).copied().unwrap_or(false);
            if s != *on && !unsettled.pairs.contains(pair) {
                out.push(format!(
                    "member {} follows idea {}: board says {s}, expected {on} ({})",
                    pair.0,
                    pair.1,
                    self.origin(&format!("follow {pair:?}"))
                ));
            }
        }
        for (id, c) in &want.comments {
            let origin = self.origin(&format!("comment {id}"));
            match seen.comments.get(id) {
                None => out.push(format!("lost: comment {id} {:?} ({origin})", c.body)),
                Some(got) if got != c => {
                    out.push(format!("comment {id}: board has {got:?}, expected {c:?}"))
                }
                Some(_) => {}
            }
        }
        for (id, c) in &seen.comments {
            if !want.comments.contains_key(id) && !unsettled.bodies.contains(&c.body) {
                out.push(format!("unexpected comment {id} {:?}", c.body));
            }
        }
        out
    }
}

/// Reads the facts off a board: every idea, the crew's votes and comments, and
/// whether each of `pairs` follows.
pub fn observe<'a>(
    board: &Board,
    crew: &Crew,
    pairs: impl IntoIterator<Item = &'a Pair>,
) -> Result<Facts, Error> {
    let reader = ops::act_as(board, &crew.reader)?;
    let mut facts = Facts::default();
    for idea in list_all(board, &reader, None)? {
        let fact = IdeaFact {
            title: idea.title,
            status: idea.status,
        };
        facts.ideas.insert(idea.id, fact);
    }
    for member in &crew.members {
        let actor = ops::act_as(board, member)?;
        for idea in list_all(board, &actor, Some(member))? {
            if let Some(priority) = idea.my_vote {
                facts.votes.insert((member.clone(), idea.id), priority);
            }
        }
    }
    for idea in facts.ideas.keys() {
        for c in ops::list_comments(board, &reader, idea)? {
            if crew.members.contains(&c.author.id) {
                let fact = CommentFact {
                    idea: idea.clone(),
                    author: c.author.id,
                    parent: c.parent_id,
                    kind: c.kind,
                    body: c.body,
                };
                facts.comments.insert(c.id, fact);
            }
        }
    }
    observe_follows(board, pairs, &mut facts)?;
    Ok(facts)
}

/// Reads whether each of `pairs` follows into `facts`.
pub fn observe_follows<'a>(
    board: &Board,
    pairs: impl IntoIterator<Item = &'a Pair>,
    facts: &mut Facts,
) -> Result<(), Error> {
    let now = Timestamp::now();
    let mut actors: BTreeMap<String, Actor> = BTreeMap::new();
    for pair in pairs {
        if !actors.contains_key(&pair.0) {
            actors.insert(pair.0.clone(), ops::act_as(board, &pair.0)?);
        }
        match ops::get_idea(board, &actors[&pair.0], &pair.1, now) {
            Ok(detail) => {
                facts.follows.insert(pair.clone(), detail.following);
            }
            // A lost idea is reported as such.
            Err(e) if e.code() == ErrorCode::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Every idea the actor lists (the team: hidden and merged ones too), or only those
/// `voted_by` voted for.
fn list_all(
    board: &Board,
    actor: &Actor,
    voted_by: Option<&String>,
) -> Result<Vec<IdeaSummary>, Error> {
    let mut out = Vec::new();
    loop {
        let query = ListQuery {
            sort: IdeaSort::New,
            include_hidden: voted_by.is_none(),
            voted_by: voted_by.cloned(),
            offset: out.len() as u32,
            limit: ops::LIST_LIMIT_MAX,
            ..ListQuery::default()
        };
        let page = ops::list_ideas(board, actor, &query)?;
        out.extend(page.items);
        if !page.has_more {
            return Ok(out);
        }
    }
}

//! What the crash test expects a board to hold, and what a board does hold, read
//! through the core's ops: every idea's title and status, and the crew's votes,
//! follows and comments. The expectation starts as the board was before the first
//! writer ran and takes, in order, every write a writer acknowledged; a write in
//! flight at the kill is looked for on the board and taken only if it is there
//! whole.

use std::collections::{BTreeMap, BTreeSet};

use ideaboard_core::model::{CommentKind, IdeaStatus, Priority};

use super::storm_op::{StormOp, comment_body, idea_title};

/// A member id and an idea id.
pub type Pair = (String, String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdeaFact {
    pub title: String,
    pub status: IdeaStatus,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentFact {
    pub idea: String,
    pub author: String,
    pub parent: Option<String>,
    pub kind: CommentKind,
    pub body: String,
}

/// The facts the crash test checks.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub ideas: BTreeMap<String, IdeaFact>,
    pub votes: BTreeMap<Pair, Priority>,
    /// Only the pairs that were asked about (a pair absent here follows nothing).
    pub follows: BTreeMap<Pair, bool>,
    pub comments: BTreeMap<String, CommentFact>,
}

/// The crew: the members the writers act as, and a team member to read as.
pub struct Crew {
    pub members: Vec<String>,
    pub reader: String,
}

/// The expected facts and, for each, the write that set it (for the report).
#[derive(Debug, Clone)]
pub struct Expected {
    pub facts: Facts,
    origins: BTreeMap<String, String>,
}

/// What became of a write that was in flight when its writer was killed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landing {
    Committed,
    NotCommitted,
    /// Either way the board would look the same (a checkpoint, a refused write).
    NoTrace,
}

/// Facts that may hold either value (writes a backup may or may not include).
#[derive(Debug, Default)]
pub struct Unsettled {
    pub pairs: BTreeSet<Pair>,
    pub statuses: BTreeSet<String>,
    pub bodies: BTreeSet<String>,
    pub titles: BTreeSet<String>,
}

/// The member and idea whose vote and follow a write sets.
pub fn pair_of(op: &StormOp) -> Option<Pair> {
    match op {
        StormOp::Vote { member, idea, .. }
        | StormOp::Unvote { member, idea }
        | StormOp::Reprioritise { member, idea, .. }
        | StormOp::Comment { member, idea, .. }
        | StormOp::Follow { member, idea, .. } => Some((member.clone(), idea.clone())),
        _ => None,
    }
}

impl Unsettled {
    pub fn add(&mut self, op: &StormOp, tag: &str, k: u64) {
        if let Some(pair) = pair_of(op) {
            self.pairs.insert(pair);
        }
        match op {
            StormOp::Status { idea, .. } => {
                self.statuses.insert(idea.clone());
            }
            StormOp::Comment { .. } => {
                self.bodies.insert(comment_body(tag, k));
            }
            StormOp::Submit { .. } => {
                self.titles.insert(idea_title(tag, k));
            }
            _ => {}
        }
    }
}

impl Expected {
    pub fn new(facts: Facts) -> Expected {
        Expected {
            facts,
            origins: BTreeMap::new(),
        }
    }

    /// The write that set a fact, for reports.
    pub fn origin(&self, key: &str) -> &str {
        self.origins
            .get(key)
            .map_or("before the first kill", String::as_str)
    }

    /// Takes the effect of `op`, acknowledged at step `k` of the run `tag` (`made`:
    /// the id of what it created); `origin` names the write in reports.
    pub fn apply(
        &mut self,
        op: &StormOp,
        made: Option<&str>,
        tag: &str,
        k: u64,
        origin: &str,
    ) -> Result<(), String> {
        let f = &mut self.facts;
        let mut set = |key: String| self.origins.insert(key, origin.to_string());
        let pair = pair_of(op);
        match op {
            StormOp::Vote { priority, .. } | StormOp::Reprioritise { priority, .. } => {
                let pair = pair.unwrap_or_default();
                set(format!("vote {pair:?}"));
                set(format!("follow {pair:?}"));
                f.votes.insert(pair.clone(), *priority);
                if matches!(op, StormOp::Vote { .. }) {
                    f.follows.insert(pair, true);
                }
            }
            StormOp::Unvote { .. } => {
                let pair = pair.unwrap_or_default();
                set(format!("vote {pair:?}"));
                f.votes.remove(&pair);
            }
            StormOp::Comment {
                member,
                idea,
                parent,
                kind,
            } => {
                let id =
                    made.ok_or_else(|| format!("{origin}: a comment acknowledged without its id"))?;
                set(format!("comment {id}"));
                set(format!("follow {:?}", (member, idea)));
                f.comments.insert(
                    id.to_string(),
                    CommentFact {
                        idea: idea.clone(),
                        author: member.clone(),
                        parent: parent.clone(),
                        kind: *kind,
                        body: comment_body(tag, k),
                    },
                );
                f.follows.insert((member.clone(), idea.clone()), true);
            }
            StormOp::Status { idea, to, .. } => {
                set(format!("status {idea}"));
                let fact = f
                    .ideas
                    .get_mut(idea)
                    .ok_or_else(|| format!("{origin}: a status change of an unknown idea"))?;
                fact.status = *to;
            }
            StormOp::Follow { on, .. } => {
                let pair = pair.unwrap_or_default();
                set(format!("follow {pair:?}"));
                f.follows.insert(pair, *on);
            }
            StormOp::Submit { member } => {
                let id =
                    made.ok_or_else(|| format!("{origin}: an idea acknowledged without its id"))?;
                set(format!("idea {id}"));
                set(format!("follow {:?}", (member, id)));
                let title = idea_title(tag, k);
                f.ideas.insert(
                    id.to_string(),
                    IdeaFact {
                        title,
                        status: IdeaStatus::New,
                    },
                );
                f.follows.insert((member.clone(), id.to_string()), true);
            }
            StormOp::Checkpoint => {}
        }
        Ok(())
    }

    /// Looks on the board (`seen`) for the write that was in flight at the kill,
    /// and takes it if it is there.
    pub fn resolve(
        &mut self,
        op: &StormOp,
        tag: &str,
        k: u64,
        seen: &Facts,
        origin: &str,
    ) -> Result<Landing, String> {
        let f = &self.facts;
        let pair = pair_of(op).unwrap_or_default();
        let (before, after, now): (String, String, String) = match op {
            StormOp::Vote { .. } | StormOp::Unvote { .. } | StormOp::Reprioritise { .. } => {
                let before = f.votes.get(&pair).copied();
                let after = match op {
                    StormOp::Vote { priority, .. } if before.is_none() => Some(*priority),
                    StormOp::Reprioritise { priority, .. } => before.map(|_| *priority),
                    StormOp::Unvote { .. } => None,
                    _ => before,
                };
                let now = seen.votes.get(&pair).copied();
                (
                    format!("{before:?}"),
                    format!("{after:?}"),
                    format!("{now:?}"),
                )
            }
            StormOp::Follow { on, .. } => {
                let before = f.follows.get(&pair).copied().unwrap_or(false);
                let now = seen.follows.get(&pair).copied().unwrap_or(false);
                (before.to_string(), on.to_string(), now.to_string())
            }
            StormOp::Status { idea, to, .. } => {
                let status = |facts: &Facts| facts.ideas.get(idea).map(|i| i.status);
                (
                    format!("{:?}", status(f)),
                    format!("{:?}", Some(*to)),
                    format!("{:?}", status(seen)),
                )
            }
            StormOp::Comment { .. } => {
                let body = comment_body(tag, k);
                let made = seen
                    .comments
                    .iter()
                    .find(|(id, c)| !f.comments.contains_key(*id) && c.body == body)
                    .map(|(id, _)| id.clone());
                return self.take(op, made.as_deref(), tag, k, origin);
            }
            StormOp::Submit { .. } => {
                let title = idea_title(tag, k);
                let made = seen
                    .ideas
                    .iter()
                    .find(|(id, i)| !f.ideas.contains_key(*id) && i.title == title)
                    .map(|(id, _)| id.clone());
                return self.take(op, made.as_deref(), tag, k, origin);
            }
            StormOp::Checkpoint => return Ok(Landing::NoTrace),
        };
        if before == after {
            Ok(Landing::NoTrace)
        } else if now == after {
            self.apply(op, None, tag, k, origin)?;
            Ok(Landing::Committed)
        } else {
            Ok(Landing::NotCommitted)
        }
    }

    fn take(
        &mut self,
        op: &StormOp,
        made: Option<&str>,
        tag: &str,
        k: u64,
        origin: &str,
    ) -> Result<Landing, String> {
        match made {
            Some(id) => {
                self.apply(op, Some(id), tag, k, origin)?;
                Ok(Landing::Committed)
            }
            None => Ok(Landing::NotCommitted),
        }
    }
}

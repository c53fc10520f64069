//! The soak's own account of the board: who is on the team, each idea's status and
//! visibility, and every vote. It is kept from what the ops returned, and it
//! predicts what the board must answer to a vote, an unvote, a status change, a
//! merge or a role change, from the rules as the product states them (written out
//! here again, not borrowed from the core), so a rule the core stops enforcing, or
//! enforces wrongly, fails the soak.

use std::collections::BTreeMap;

use ideaboard_core::model::{CommentKind, IdeaStatus, Priority, Role};
use ideaboard_core::{Actor, ErrorCode};

pub struct SimMember {
    pub id: String,
    pub actor: Actor,
    pub role: Role,
}

pub struct SimIdea {
    pub id: String,
    pub number: u32,
    pub author: usize,
    pub status: IdeaStatus,
    pub hidden: bool,
}

pub struct SimComment {
    pub id: String,
    pub idea: usize,
    pub author: usize,
    pub kind: CommentKind,
    pub deleted: bool,
    pub hidden: bool,
}

/// The model. Members, ideas and comments are indexed by position.
#[derive(Default)]
pub struct Model {
    pub members: Vec<SimMember>,
    pub ideas: Vec<SimIdea>,
    pub comments: Vec<SimComment>,
    /// (member, idea) -> priority.
    pub votes: BTreeMap<(usize, usize), Priority>,
    pub vote_budget: Option<u32>,
}

/// A refusal the rules call for; None: the op must succeed.
pub type Prediction = Option<ErrorCode>;

const OPEN: [IdeaStatus; 4] = [
    IdeaStatus::New,
    IdeaStatus::UnderReview,
    IdeaStatus::Planned,
    IdeaStatus::InProgress,
];

/// Whether the team may move an idea from `from` to `to`: open ideas move freely
/// among the open states and close as launched or declined; a declined idea may be
/// reconsidered (under review); launched and merged are final; merged comes only
/// from a merge.
pub fn allowed_transition(from: IdeaStatus, to: IdeaStatus) -> bool {
    if from == to || to == IdeaStatus::Merged {
        return false;
    }
    if OPEN.contains(&from) {
        return true;
    }
    from == IdeaStatus::Declined && to == IdeaStatus::UnderReview
}

pub fn is_open(status: IdeaStatus) -> bool {
    OPEN.contains(&status)
}

impl Model {
    pub fn is_team(&self, m: usize) -> bool {
        matches!(self.members[m].role, Role::Moderator | Role::Admin)
    }

    /// Votes the member holds on open ideas.
    pub fn active_votes(&self, m: usize) -> usize {
        self.votes
            .keys()
            .filter(|(v, i)| *v == m && is_open(self.ideas[*i].status))
            .count()
    }

    pub fn votes_on(&self, i: usize) -> usize {
        self.votes.keys().filter(|(_, idea)| *idea == i).count()
    }

    /// A hidden idea does not exist for fans.
    fn sees(&self, m: usize, i: usize) -> bool {
        !self.ideas[i].hidden || self.is_team(m)
    }

    pub fn predict_vote(&self, m: usize, i: usize) -> Prediction {
        if !self.sees(m, i) {
            return Some(ErrorCode::NotFound);
        }
        if !is_open(self.ideas[i].status) {
            return Some(ErrorCode::VotingClosed);
        }
        if self.votes.contains_key(&(m, i)) {
            return Some(ErrorCode::AlreadyVoted);
        }
        match self.vote_budget {
            Some(budget) if self.active_votes(m) >= budget as usize => {
                Some(ErrorCode::VoteBudgetExhausted)
            }
            _ => None,
        }
    }

    /// An unvote or a change of priority.
    pub fn predict_unvote(&self, m: usize, i: usize) -> Prediction {
        if !self.sees(m, i) {
            return Some(ErrorCode::NotFound);
        }
        if !is_open(self.ideas[i].status) {
            return Some(ErrorCode::VotingClosed);
        }
        (!self.votes.contains_key(&(m, i))).then_some(ErrorCode::NotVoted)
    }

    pub fn predict_status(&self, m: usize, i: usize, to: IdeaStatus, note: bool) -> Prediction {
        if !self.is_team(m) {
            return Some(ErrorCode::NotAllowed);
        }
        if !allowed_transition(self.ideas[i].status, to) {
            return Some(ErrorCode::InvalidTransition);
        }
        let needs_note = matches!(to, IdeaStatus::Launched | IdeaStatus::Declined);
        (needs_note && !note).then_some(ErrorCode::NoteRequired)
    }

    pub fn predict_merge(&self, m: usize, source: usize, target: usize) -> Prediction {
        if !self.is_team(m) {
            Some(ErrorCode::NotAllowed)
        } else if source == target {
            Some(ErrorCode::MergeIntoSelf)
        } else if self.ideas[source].status == IdeaStatus::Merged {
            Some(ErrorCode::AlreadyMerged)
        } else if self.ideas[target].status == IdeaStatus::Merged {
            Some(ErrorCode::MergeIntoMerged)
        } else {
            None
        }
    }

    pub fn predict_role(&self, by: usize, target: usize, role: Role) -> Prediction {
        if self.members[by].role != Role::Admin {
            return Some(ErrorCode::NotAllowed);
        }
        let admins = self
            .members
            .iter()
            .filter(|m| m.role == Role::Admin)
            .count();
        let demoting_admin = self.members[target].role == Role::Admin && role != Role::Admin;
        (demoting_admin && admins <= 1).then_some(ErrorCode::LastAdmin)
    }

    /// A merge as the product describes it: the source's votes, comments and
    /// followers move to the target, and a member who voted for both keeps one vote,
    /// the higher priority.
    pub fn merge(&mut self, source: usize, target: usize) {
        let moving: Vec<(usize, Priority)> = self
            .votes
            .iter()
            .filter(|((_, i), _)| *i == source)
            .map(|((m, _), p)| (*m, *p))
            .collect();
        for (m, p) in moving {
            self.votes.remove(&(m, source));
            let kept = self.votes.entry((m, target)).or_insert(p);
            if p.weight() > kept.weight() {
                *kept = p;
            }
        }
        for c in &mut self.comments {
            if c.idea == source {
                c.idea = target;
            }
        }
        self.ideas[source].status = IdeaStatus::Merged;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_transition_rules_as_the_product_states_them() {
        use IdeaStatus::*;
        assert!(allowed_transition(New, Launched));
        assert!(allowed_transition(InProgress, New));
        assert!(allowed_transition(Declined, UnderReview));
        assert!(!allowed_transition(Declined, Planned));
        assert!(!allowed_transition(Launched, New));
        assert!(!allowed_transition(New, Merged));
        assert!(!allowed_transition(Planned, Planned));
    }
}

//! Property: whatever sequence of member actions a board goes through, every
//! denormalised counter equals its recount, SQLite finds nothing wrong, and an
//! action that is refused leaves the board exactly as it was.

use ideaboard_core::model::{
    CommentKind, ContentKind, ContentRef, IdeaStatus, ListQuery, NewComment, NewReport, Priority,
    Reaction, ReportOutcome, Role, StatusUpdate,
};
use ideaboard_core::{Actor, Board, ErrorCode, Result, Timestamp, ops};
use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::support::{HOUR, MINUTE, T0, add_fan, add_team, new_board, new_idea, submit};

#[derive(Debug, Clone)]
pub(crate) enum Step {
    Submit {
        who: Index,
    },
    Vote {
        who: Index,
        idea: Index,
        priority: Priority,
    },
    ChangePriority {
        who: Index,
        idea: Index,
        priority: Priority,
    },
    Unvote {
        who: Index,
        idea: Index,
    },
    Comment {
        who: Index,
        idea: Index,
        kind: CommentKind,
    },
    Reply {
        who: Index,
        parent: Index,
        kind: CommentKind,
    },
    DeleteComment {
        who: Index,
        comment: Index,
    },
    React {
        who: Index,
        comment: Index,
        reaction: Reaction,
        on: bool,
    },
    ChangeStatus {
        who: Index,
        idea: Index,
        to: IdeaStatus,
        note: bool,
    },
    Merge {
        who: Index,
        source: Index,
        target: Index,
    },
    Hide {
        who: Index,
        idea: Index,
        hidden: bool,
    },
    HideComment {
        who: Index,
        comment: Index,
        hidden: bool,
    },
    /// A report on an idea, or on a comment when there is one and `on_comment`.
    Report {
        who: Index,
        item: Index,
        on_comment: bool,
    },
    Resolve {
        who: Index,
        item: Index,
        on_comment: bool,
        dismiss: bool,
    },
    /// Time passes: up to 200 days, so that old activity decays to almost nothing.
    Wait {
        hours: u32,
    },
}

pub(crate) fn step() -> impl Strategy<Value = Step> {
    let i = any::<Index>;
    prop_oneof![
        3 => i().prop_map(|who| Step::Submit { who }),
        5 => (i(), i(), select(Priority::ALL))
            .prop_map(|(who, idea, priority)| Step::Vote { who, idea, priority }),
        2 => (i(), i(), select(Priority::ALL))
            .prop_map(|(who, idea, priority)| Step::ChangePriority { who, idea, priority }),
        2 => (i(), i()).prop_map(|(who, idea)| Step::Unvote { who, idea }),
        4 => (i(), i(), select(CommentKind::ALL))
            .prop_map(|(who, idea, kind)| Step::Comment { who, idea, kind }),
        2 => (i(), i(), select(CommentKind::ALL))
            .prop_map(|(who, parent, kind)| Step::Reply { who, parent, kind }),
        1 => (i(), i()).prop_map(|(who, comment)| Step::DeleteComment { who, comment }),
        2 => (i(), i(), select(Reaction::ALL), any::<bool>())
            .prop_map(|(who, comment, reaction, on)| Step::React { who, comment, reaction, on }),
        3 => (i(), i(), select(IdeaStatus::ALL), any::<bool>())
            .prop_map(|(who, idea, to, note)| Step::ChangeStatus { who, idea, to, note }),
        1 => (i(), i(), i()).prop_map(|(who, source, target)| Step::Merge { who, source, target }),
        1 => (i(), i(), any::<bool>()).prop_map(|(who, idea, hidden)| Step::Hide { who, idea, hidden }),
        2 => (i(), i(), any::<bool>())
            .prop_map(|(who, comment, hidden)| Step::HideComment { who, comment, hidden }),
        1 => (i(), i(), any::<bool>())
            .prop_map(|(who, item, on_comment)| Step::Report { who, item, on_comment }),
        1 => (i(), i(), any::<bool>(), any::<bool>())
            .prop_map(|(who, item, on_comment, dismiss)| Step::Resolve { who, item, on_comment, dismiss }),
        1 => (1u32..=200 * 24).prop_map(|hours| Step::Wait { hours }),
    ]
}

/// A board and what the sequence has made so far.
pub(crate) struct World {
    pub(crate) board: Board,
    /// A guest, the admin, a moderator and three fans.
    actors: Vec<Actor>,
    pub(crate) admin: Actor,
    ideas: Vec<String>,
    comments: Vec<String>,
    pub(crate) now: Timestamp,
}

impl World {
    pub(crate) fn new() -> World {
        let (mut board, admin) = new_board(T0);
        let moderator = add_team(&mut board, &admin, "Mia", Role::Moderator, T0);
        let fans: Vec<_> = (0..3)
            .map(|i| add_fan(&mut board, &format!("Fan {i}"), T0))
            .collect();
        let ideas = vec![
            submit(&mut board, &fans[0], "First idea", T0),
            submit(&mut board, &fans[1], "Second idea", T0),
        ];
        let mut actors = vec![Actor::guest(), admin.actor.clone(), moderator.actor];
        actors.extend(fans.into_iter().map(|f| f.actor));
        World {
            board,
            actors,
            admin: admin.actor,
            ideas,
            comments: Vec::new(),
            now: T0,
        }
    }

    fn who(&self, i: &Index) -> Actor {
        i.get(&self.actors).clone()
    }

    fn idea(&self, i: &Index) -> String {
        i.get(&self.ideas).clone()
    }

    /// One of the ideas `who` voted for, so that most priority changes and withdrawals
    /// meet a vote; any idea when they hold none.
    fn voted_idea(&self, who: &Actor, i: &Index) -> Result<String> {
        let Some(member) = who.member_id() else {
            return Ok(self.idea(i));
        };
        let query = ListQuery {
            voted_by: Some(member.to_string()),
            include_hidden: true,
            limit: 200,
            ..ListQuery::default()
        };
        let voted = ops::list_ideas(&self.board, &self.admin, &query)?.items;
        Ok(match voted.is_empty() {
            true => self.idea(i),
            false => i.get(&voted).id.clone(),
        })
    }

    /// The idea a comment is on now (merges move comments), for a reply to it.
    fn idea_of(&self, comment: &str) -> Result<String> {
        for idea in &self.ideas {
            let thread = ops::list_comments(&self.board, &self.admin, idea)?;
            if thread.iter().any(|c| c.id == comment) {
                return Ok(idea.clone());
            }
        }
        unreachable!("every comment is on some idea")
    }

    /// An idea or, when there is one and `on_comment`, a comment.
    fn item(&self, i: &Index, on_comment: bool) -> ContentRef {
        if on_comment && !self.comments.is_empty() {
            ContentRef {
                kind: ContentKind::Comment,
                id: i.get(&self.comments).clone(),
            }
        } else {
            ContentRef {
                kind: ContentKind::Idea,
                id: self.idea(i),
            }
        }
    }

    pub(crate) fn apply(&mut self, step: &Step) -> Result<()> {
        self.now = self.now.plus_millis(MINUTE);
        let now = self.now;
        let no_comment = self.comments.is_empty();
        match step {
            Step::Submit { who } => {
                let title = format!("Idea number {}", self.ideas.len() + 1);
                let who = self.who(who);
                let idea = ops::submit_idea(&mut self.board, &who, &new_idea(&title), now)?;
                self.ideas.push(idea.idea.id);
            }
            Step::Vote {
                who,
                idea,
                priority,
            } => {
                let (who, idea) = (self.who(who), self.idea(idea));
                ops::vote(&mut self.board, &who, &idea, *priority, now)?;
            }
            Step::ChangePriority {
                who,
                idea,
                priority,
            } => {
                let who = self.who(who);
                let idea = self.voted_idea(&who, idea)?;
                ops::change_vote_priority(&mut self.board, &who, &idea, *priority, now)?;
            }
            Step::Unvote { who, idea } => {
                let who = self.who(who);
                let idea = self.voted_idea(&who, idea)?;
                ops::unvote(&mut self.board, &who, &idea, now)?;
            }
            Step::Comment { who, idea, kind } => {
                let who = self.who(who);
                let input = NewComment {
                    idea_id: self.idea(idea),
                    parent_id: None,
                    kind: *kind,
                    body: format!("A {kind} comment"),
                };
                let c = ops::add_comment(&mut self.board, &who, &input, now)?;
                self.comments.push(c.comment.id);
            }
            Step::Reply { .. }
            | Step::DeleteComment { .. }
            | Step::React { .. }
            | Step::HideComment { .. }
                if no_comment => {}
            Step::Reply { who, parent, kind } => {
                let (who, parent) = (self.who(who), parent.get(&self.comments).clone());
                let input = NewComment {
                    idea_id: self.idea_of(&parent)?,
                    parent_id: Some(parent),
                    kind: *kind,
                    body: format!("A {kind} reply"),
                };
                let c = ops::add_comment(&mut self.board, &who, &input, now)?;
                self.comments.push(c.comment.id);
            }
            Step::DeleteComment { who, comment } => {
                let (who, comment) = (self.who(who), comment.get(&self.comments).clone());
                ops::delete_comment(&mut self.board, &who, &comment, now)?;
            }
            Step::React {
                who,
                comment,
                reaction,
                on,
            } => {
                let (who, comment) = (self.who(who), comment.get(&self.comments).clone());
                ops::react(&mut self.board, &who, &comment, *reaction, *on, now)?;
            }
            Step::ChangeStatus {
                who,
                idea,
                to,
                note,
            } => {
                let who = self.who(who);
                let update = StatusUpdate {
                    idea_id: self.idea(idea),
                    to: *to,
                    note: note.then(|| "The team's answer".to_string()),
                };
                ops::change_status(&mut self.board, &who, &update, now)?;
            }
            Step::Merge {
                who,
                source,
                target,
            } => {
                let (who, source, target) = (self.who(who), self.idea(source), self.idea(target));
                ops::merge_ideas(&mut self.board, &who, &source, &target, None, now)?;
            }
            Step::Hide { who, idea, hidden } => {
                let (who, idea) = (self.who(who), self.idea(idea));
                ops::set_idea_hidden(&mut self.board, &who, &idea, *hidden, now)?;
            }
            Step::HideComment {
                who,
                comment,
                hidden,
            } => {
                let (who, comment) = (self.who(who), comment.get(&self.comments).clone());
                ops::set_comment_hidden(&mut self.board, &who, &comment, *hidden, now)?;
            }
            Step::Report {
                who,
                item,
                on_comment,
            } => {
                let input = NewReport {
                    target: self.item(item, *on_comment),
                    reason: "Off topic".into(),
                };
                let who = self.who(who);
                ops::report_content(&mut self.board, &who, &input, now)?;
            }
            Step::Resolve {
                who,
                item,
                on_comment,
                dismiss,
            } => {
                let (who, target) = (self.who(who), self.item(item, *on_comment));
                let outcome = match dismiss {
                    true => ReportOutcome::Dismissed,
                    false => ReportOutcome::Resolved,
                };
                ops::resolve_reports(&mut self.board, &who, &target, outcome, now)?;
            }
            Step::Wait { hours } => self.now = now.plus_millis(i64::from(*hours) * HOUR),
        }
        Ok(())
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn counters_and_integrity_hold_after_any_sequence(steps in prop::collection::vec(step(), 30..=80)) {
        let mut world = World::new();
        for (n, step) in steps.iter().enumerate() {
            let before = world.board.content_fingerprint().unwrap();
            if let Err(e) = world.apply(step) {
                // Refusals are fine; the store failing is not.
                prop_assert!(
                    !matches!(e.code(), ErrorCode::Storage | ErrorCode::Internal),
                    "step {n} {step:?} failed in the store: {e}"
                );
                prop_assert_eq!(
                    world.board.content_fingerprint().unwrap(), before,
                    "step {} {:?} was refused ({}) but changed the board", n, step, e
                );
            }
            let mismatches = world.board.counter_mismatches().unwrap();
            prop_assert!(mismatches.is_empty(), "after step {n} {step:?}: {mismatches:?}");
        }
        prop_assert_eq!(world.board.check_integrity().unwrap(), Vec::<String>::new());
    }
}

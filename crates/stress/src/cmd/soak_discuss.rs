//! The soak's discussions: comments and replies (public, and the team's official
//! answers and internal notes), reactions, follows and notifications, reports.

use ideaboard_core::model::{
    CommentKind, ContentKind, ContentRef, NewComment, NewReport, Reaction,
};
use ideaboard_core::ops;
use rand::Rng;
use rand::seq::IndexedRandom;

use super::soak_model::SimComment;
use super::soak_ops::{Done, Soak, text};

/// A comment, or (`reply`) a reply to a comment on the same idea.
pub fn comment(s: &mut Soak, reply: bool) -> Option<Done> {
    let m = s.member();
    let (i, parent) = if reply {
        let c = s.comment()?;
        (s.model.comments[c].idea, Some(c))
    } else {
        (s.idea()?, None)
    };
    let team = s.model.is_team(m);
    let kind = match (
        parent.map(|c| s.model.comments[c].kind),
        s.rng.random_range(0..10),
    ) {
        (Some(CommentKind::Internal), _) => CommentKind::Internal,
        (_, 0..2) if team => CommentKind::Official,
        (None, 2) if team => CommentKind::Internal,
        // Now and then a fan tries what only the team may.
        (_, 9) => CommentKind::Official,
        _ => CommentKind::Public,
    };
    let body = if s.rng.random_bool(0.02) {
        " ".to_string()
    } else {
        text(&mut s.rng, 6)
    };
    let input = NewComment {
        idea_id: s.model.ideas[i].id.clone(),
        parent_id: parent.map(|c| s.model.comments[c].id.clone()),
        kind,
        body,
    };
    let what = format!(
        "{} writes a {kind} {} on {}",
        s.who(m),
        if reply { "reply" } else { "comment" },
        s.number(i)
    );
    let result = ops::add_comment(&mut s.board, &s.model.members[m].actor, &input, s.now);
    if let Ok(c) = &result {
        s.model.comments.push(SimComment {
            id: c.comment.id.clone(),
            idea: i,
            author: m,
            kind,
            deleted: false,
            hidden: false,
        });
    }
    Some(Done::new(if reply { "reply" } else { "comment" }, what, result).on(&[i]))
}

pub fn react(s: &mut Soak) -> Option<Done> {
    let (m, c) = (s.member(), s.comment()?);
    let reaction = *Reaction::ALL.choose(&mut s.rng)?;
    let on = s.rng.random_bool(0.7);
    let what = format!("{} reacts {reaction} {on} on comment {c}", s.who(m));
    let result = ops::react(
        &mut s.board,
        &s.model.members[m].actor,
        &s.model.comments[c].id,
        reaction,
        on,
        s.now,
    );
    Some(Done::new("react", what, result))
}

pub fn follow(s: &mut Soak) -> Option<Done> {
    let m = s.member();
    if s.rng.random_bool(0.3) {
        let what = format!("{} marks their notifications read", s.who(m));
        let result =
            ops::mark_notifications_read(&mut s.board, &s.model.members[m].actor, None, s.now);
        return Some(Done::new("read notifications", what, result));
    }
    let i = s.idea()?;
    let on = s.rng.random_bool(0.6);
    let what = format!("{} follows {} {on}", s.who(m), s.number(i));
    let result = ops::set_following(
        &mut s.board,
        &s.model.members[m].actor,
        &s.model.ideas[i].id,
        on,
        s.now,
    );
    Some(Done::new("follow", what, result).on(&[i]))
}

pub fn report(s: &mut Soak) -> Option<Done> {
    let m = s.member();
    let (target, on) = match s.comment() {
        Some(c) if s.rng.random_bool(0.5) => {
            let target = ContentRef {
                kind: ContentKind::Comment,
                id: s.model.comments[c].id.clone(),
            };
            (target, format!("comment {c}"))
        }
        _ => {
            let i = s.idea()?;
            let target = ContentRef {
                kind: ContentKind::Idea,
                id: s.model.ideas[i].id.clone(),
            };
            (target, s.number(i))
        }
    };
    let reason = if s.rng.random_bool(0.03) {
        String::new()
    } else {
        text(&mut s.rng, 3)
    };
    let what = format!("{} reports {on}", s.who(m));
    let input = NewReport { target, reason };
    let result = ops::report_content(&mut s.board, &s.model.members[m].actor, &input, s.now);
    Some(Done::new("report", what, result))
}

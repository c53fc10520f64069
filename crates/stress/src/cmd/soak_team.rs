//! The soak's team at work (and fans trying what only the team may): comment
//! upkeep, hiding and pinning, reports, status changes one by one and in bulk,
//! merging duplicates and changing roles.

use ideaboard_core::ErrorCode;
use ideaboard_core::model::{
    ContentKind, ContentRef, IdeaStatus, ReportOutcome, Role, StatusUpdate,
};
use ideaboard_core::ops;
use rand::Rng;
use rand::seq::IndexedRandom;

use super::soak_model::allowed_transition;
use super::soak_ops::{Done, Soak, text};

/// Edits, deletes, hides or restores a comment.
pub fn comment_upkeep(s: &mut Soak) -> Option<Done> {
    let c = s.comment()?;
    let author = s.model.comments[c].author;
    let roll = s.rng.random_range(0..10);
    let m = match roll {
        0..4 => author,
        4..8 => s.team_member(),
        _ => s.member(),
    };
    let actor = s.model.members[m].actor.clone();
    let id = s.model.comments[c].id.clone();
    let idea = s.model.comments[c].idea;
    let who = s.who(m);
    let done = match roll {
        0..3 => {
            let body = text(&mut s.rng, 5);
            let result = ops::edit_comment(&mut s.board, &actor, &id, &body, s.now);
            Done::new("edit comment", format!("{who} edits comment {c}"), result)
        }
        3 | 8 => {
            let result = ops::delete_comment(&mut s.board, &actor, &id, s.now);
            if result.is_ok() {
                s.model.comments[c].deleted = true;
            }
            Done::new(
                "delete comment",
                format!("{who} deletes comment {c}"),
                result,
            )
        }
        _ => {
            let hidden = !s.model.comments[c].hidden || s.rng.random_bool(0.1);
            let result = ops::set_comment_hidden(&mut s.board, &actor, &id, hidden, s.now);
            if result.is_ok() {
                s.model.comments[c].hidden = hidden;
            }
            Done::new(
                "hide comment",
                format!("{who} sets comment {c} hidden {hidden}"),
                result,
            )
        }
    };
    Some(done.on(&[idea]))
}

pub fn step(s: &mut Soak) -> Option<Done> {
    match s.rng.random_range(0..100) {
        0..12 => flag(s),
        12..25 => resolve(s),
        25..77 => status(s),
        77..85 => status_bulk(s),
        85..96 => merge(s),
        _ => role(s),
    }
}

/// Hides, restores, pins or unpins an idea.
fn flag(s: &mut Soak) -> Option<Done> {
    let (m, i) = (s.team_member(), s.idea()?);
    let on = s.rng.random_bool(0.5);
    let hide = s.rng.random_bool(0.6);
    let predicted = (!s.model.is_team(m)).then_some(ErrorCode::NotAllowed);
    let (actor, id) = (
        s.model.members[m].actor.clone(),
        s.model.ideas[i].id.clone(),
    );
    let what = format!(
        "member {m} sets #{} {} {on}",
        s.model.ideas[i].number,
        if hide { "hidden" } else { "pinned" }
    );
    let result = if hide {
        ops::set_idea_hidden(&mut s.board, &actor, &id, on, s.now)
    } else {
        ops::set_idea_pinned(&mut s.board, &actor, &id, on, s.now)
    };
    if hide && result.is_ok() {
        s.model.ideas[i].hidden = on;
    }
    Some(
        Done::new("hide or pin idea", what, result)
            .predicted(predicted)
            .on(&[i]),
    )
}

fn resolve(s: &mut Soak) -> Option<Done> {
    let m = s.team_member();
    let target = match s.comment() {
        Some(c) if s.rng.random_bool(0.4) => ContentRef {
            kind: ContentKind::Comment,
            id: s.model.comments[c].id.clone(),
        },
        _ => {
            let i = s.idea()?;
            ContentRef {
                kind: ContentKind::Idea,
                id: s.model.ideas[i].id.clone(),
            }
        }
    };
    let outcome = *[ReportOutcome::Resolved, ReportOutcome::Dismissed].choose(&mut s.rng)?;
    let what = format!(
        "member {m} closes reports on {} {} as {outcome}",
        target.kind, target.id
    );
    let result = ops::resolve_reports(
        &mut s.board,
        &s.model.members[m].actor,
        &target,
        outcome,
        s.now,
    );
    Some(Done::new("resolve reports", what, result))
}

/// A status to move an idea to: mostly one the rules allow, sometimes any.
fn next_status(s: &mut Soak, i: usize) -> IdeaStatus {
    let from = s.model.ideas[i].status;
    let allowed: Vec<IdeaStatus> = IdeaStatus::SETTABLE
        .iter()
        .copied()
        .filter(|&to| allowed_transition(from, to))
        .collect();
    match allowed.choose(&mut s.rng) {
        Some(&to) if s.rng.random_bool(0.85) => to,
        _ => *IdeaStatus::ALL
            .choose(&mut s.rng)
            .unwrap_or(&IdeaStatus::New),
    }
}

fn note(s: &mut Soak) -> Option<String> {
    s.rng.random_bool(0.9).then(|| text(&mut s.rng, 4))
}

fn status(s: &mut Soak) -> Option<Done> {
    let (m, i) = (s.team_member(), s.idea()?);
    let to = next_status(s, i);
    let note = note(s);
    let predicted = s.model.predict_status(m, i, to, note.is_some());
    let update = StatusUpdate {
        idea_id: s.model.ideas[i].id.clone(),
        to,
        note,
    };
    let what = format!(
        "member {m} moves #{} from {} to {to}",
        s.model.ideas[i].number, s.model.ideas[i].status
    );
    let result = ops::change_status(&mut s.board, &s.model.members[m].actor, &update, s.now);
    if result.is_ok() {
        s.model.ideas[i].status = to;
    }
    Some(
        Done::new("status", what, result)
            .predicted(predicted)
            .on(&[i]),
    )
}

/// Several ideas to one status with one note, all or nothing.
fn status_bulk(s: &mut Soak) -> Option<Done> {
    let m = s.team_member();
    let n = s.model.ideas.len();
    let want = n.min(s.rng.random_range(2..5));
    let picked: Vec<usize> = rand::seq::index::sample(&mut s.rng, n, want).into_vec();
    let first = *picked.first()?;
    let to = next_status(s, first);
    let note = note(s);
    let predicted = picked
        .iter()
        .find_map(|&i| s.model.predict_status(m, i, to, note.is_some()));
    let ids: Vec<String> = picked
        .iter()
        .map(|&i| s.model.ideas[i].id.clone())
        .collect();
    let numbers: Vec<String> = picked
        .iter()
        .map(|&i| format!("#{}", s.model.ideas[i].number))
        .collect();
    let what = format!("member {m} moves {} to {to}", numbers.join(" "));
    let result = ops::change_status_bulk(
        &mut s.board,
        &s.model.members[m].actor,
        &ids,
        to,
        note.as_deref(),
        s.now,
    );
    if result.is_ok() {
        for &i in &picked {
            s.model.ideas[i].status = to;
        }
    }
    Some(
        Done::new("status bulk", what, result)
            .predicted(predicted)
            .on(&picked),
    )
}

fn merge(s: &mut Soak) -> Option<Done> {
    let (m, source) = (s.team_member(), s.idea()?);
    let target = if s.rng.random_bool(0.03) {
        source
    } else {
        s.idea()?
    };
    let predicted = s.model.predict_merge(m, source, target);
    let what = format!(
        "member {m} merges #{} into #{}",
        s.model.ideas[source].number, s.model.ideas[target].number
    );
    let (a, b) = (
        s.model.ideas[source].id.clone(),
        s.model.ideas[target].id.clone(),
    );
    let note = note(s);
    let result = ops::merge_ideas(
        &mut s.board,
        &s.model.members[m].actor,
        &a,
        &b,
        note.as_deref(),
        s.now,
    );
    if result.is_ok() {
        s.model.merge(source, target);
    }
    Some(
        Done::new("merge", what, result)
            .predicted(predicted)
            .on(&[source, target]),
    )
}

/// Promotes a fan, or steps a team member down, keeping the team near one in ten
/// (at most 8); the board's first admin stays.
fn role(s: &mut Soak) -> Option<Done> {
    let by = if s.rng.random_bool(0.85) {
        0
    } else {
        s.member()
    };
    let (team, fans): (Vec<usize>, Vec<usize>) =
        (1..s.model.members.len()).partition(|&m| s.model.is_team(m));
    let promote = team.is_empty() || (team.len() < 8 && !fans.is_empty() && s.rng.random_bool(0.5));
    let target = *if promote { &fans } else { &team }.choose(&mut s.rng)?;
    let role = match s.model.members[target].role {
        Role::Fan if s.rng.random_bool(0.1) => Role::Admin,
        Role::Fan => Role::Moderator,
        Role::Moderator if s.rng.random_bool(0.2) => Role::Admin,
        Role::Moderator => Role::Fan,
        Role::Admin => Role::Moderator,
    };
    let predicted = s.model.predict_role(by, target, role);
    let what = format!("member {by} makes member {target} {role}");
    let id = s.model.members[target].id.clone();
    let result = ops::change_role(&mut s.board, &s.model.members[by].actor, &id, role, s.now);
    if result.is_ok() {
        s.model.members[target].role = role;
    }
    Some(Done::new("change role", what, result).predicted(predicted))
}

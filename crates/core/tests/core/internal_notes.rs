//! Internal notes never reach a fan or a guest: not in threads, cards, counts,
//! notifications or any result a fan receives, and not by fetching one by id.

use ideaboard_core::model::{
    CommentKind, IdeaSort, ListQuery, NotificationKind, Priority, Reaction, Role,
};
use ideaboard_core::{Actor, ErrorCode, ops};

use crate::support::{Fixture, assert_refused, comment, post, reply};

const NOTE: &str = "INTERNAL-NOTE-7f3a the supplier cannot do oat milk before Q3";
const NOTE_REPLY: &str = "INTERNAL-REPLY-9c1e agreed, keep it quiet";

struct Notes {
    fx: Fixture,
    note: String,
    note_reply: String,
}

/// The fixture's `fan_idea` with, besides the fan's comment: an internal note by the
/// moderator, an internal reply to it by the admin (who also reacts to the note), an
/// official answer and another fan's public comment.
fn board_with_notes() -> Notes {
    let mut fx = Fixture::new();
    let (b, now, idea) = (&mut fx.board, fx.now, fx.fan_idea.clone());
    let note = post(
        b,
        &fx.moderator,
        &comment(&idea, CommentKind::Internal, NOTE),
        now,
    );
    let note_reply = post(
        b,
        &fx.admin,
        &reply(&idea, &note, CommentKind::Internal, NOTE_REPLY),
        now,
    );
    ops::react(b, &fx.admin.actor, &note, Reaction::Insightful, true, now).unwrap();
    let official = comment(&idea, CommentKind::Official, "We are talking to suppliers.");
    post(b, &fx.moderator, &official, now);
    post(
        b,
        &fx.other_fan,
        &comment(&idea, CommentKind::Public, "Yes please"),
        now,
    );
    Notes {
        fx,
        note,
        note_reply,
    }
}

/// Public comments on `fan_idea` once the notes are there: the fan's, the official
/// answer and the other fan's.
const PUBLIC_COMMENTS: u32 = 3;

fn assert_no_secret(what: &str, json: &str) {
    assert!(
        !json.contains("INTERNAL-"),
        "{what} leaks an internal note: {json}"
    );
}

/// Everything `who` can read about `idea`, as JSON.
fn everything_seen(fx: &Fixture, who: &Actor, idea: &str) -> Vec<(&'static str, String)> {
    let b = &fx.board;
    let mut seen = Vec::new();
    let thread = ops::list_comments(b, who, idea).unwrap();
    assert!(thread.iter().all(|c| c.kind != CommentKind::Internal));
    assert_eq!(thread.len() as u32, PUBLIC_COMMENTS);
    seen.push(("list_comments", json(&thread)));
    let detail = ops::get_idea(b, who, idea, fx.now).unwrap();
    assert_eq!(detail.idea.comment_count, PUBLIC_COMMENTS);
    seen.push(("get_idea", json(&detail)));
    let by_number = ops::get_idea_by_number(b, who, detail.idea.number, fx.now).unwrap();
    seen.push(("get_idea_by_number", json(&by_number)));
    for sort in IdeaSort::ALL {
        let query = ListQuery {
            sort: *sort,
            ..ListQuery::default()
        };
        let page = ops::list_ideas(b, who, &query).unwrap();
        let card = page.items.iter().find(|i| i.id == idea).expect("listed");
        assert_eq!(card.comment_count, PUBLIC_COMMENTS, "{sort} card");
        seen.push(("list_ideas", json(&page)));
    }
    let overview = ops::board_overview(b).unwrap();
    seen.push(("board_overview", json(&overview)));
    if who.member_id().is_some() {
        let notices = ops::list_notifications(b, who, false, 200).unwrap();
        seen.push(("list_notifications", json(&notices)));
        seen.push(("my_points", json(&ops::my_points(b, who, 500).unwrap())));
    }
    seen
}

/// A result as it would cross IPC.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("json")
}

#[test]
fn fans_and_guests_never_see_internal_notes_or_count_them() {
    let n = board_with_notes();
    let fx = &n.fx;
    for who in [&fx.fan.actor, &fx.other_fan.actor, &Actor::guest()] {
        for (what, json) in everything_seen(fx, who, &fx.fan_idea) {
            assert_no_secret(what, &json);
        }
    }
    let overview = ops::board_overview(&fx.board).unwrap();
    assert_eq!(overview.counts.comments, PUBLIC_COMMENTS);
    // The author follows the idea: told of the official answer, of no internal note.
    let told = ops::list_notifications(&fx.board, &fx.fan.actor, false, 200).unwrap();
    let kinds: Vec<_> = told.items.iter().map(|n| n.kind).collect();
    assert_eq!(kinds, [NotificationKind::OfficialAnswer]);

    // The team does see them, so the checks above are not vacuous.
    let team_thread = ops::list_comments(&fx.board, &fx.moderator.actor, &fx.fan_idea).unwrap();
    let team_json = serde_json::to_string(&team_thread).unwrap();
    assert!(team_json.contains(NOTE) && team_json.contains(NOTE_REPLY));
}

#[test]
fn what_a_fan_gets_back_from_their_own_writes_has_no_internal_note() {
    let mut n = board_with_notes();
    let fx = &mut n.fx;
    let (b, fan, now, idea) = (
        &mut fx.board,
        fx.fan.actor.clone(),
        fx.now,
        fx.fan_idea.clone(),
    );
    let mut results = vec![
        serde_json::to_string(&ops::vote(b, &fan, &idea, Priority::Critical, now).unwrap()),
        serde_json::to_string(&ops::set_following(b, &fan, &idea, true, now).unwrap()),
    ];
    let mine = ops::add_comment(
        b,
        &fan,
        &comment(&idea, CommentKind::Public, "Any news?"),
        now,
    );
    results.push(serde_json::to_string(&mine.unwrap()));
    let react = ops::react(b, &fan, &fx.fan_comment, Reaction::Like, true, now);
    results.push(serde_json::to_string(&react.unwrap()));
    for json in results {
        assert_no_secret("a write result", &json.unwrap());
    }
}

#[test]
fn an_internal_note_cannot_be_reached_by_id() {
    let mut n = board_with_notes();
    let fx = &mut n.fx;
    let now = fx.now;
    let (fan, guest) = (fx.fan.actor.clone(), Actor::guest());
    for id in [n.note.clone(), n.note_reply.clone()] {
        let b = &mut fx.board;
        assert_refused(b, ErrorCode::NotFound, |b| {
            ops::edit_comment(b, &fan, &id, "x", now)
        });
        assert_refused(b, ErrorCode::NotFound, |b| {
            ops::react(b, &fan, &id, Reaction::Like, true, now)
        });
        assert_refused(b, ErrorCode::NotFound, |b| {
            ops::delete_comment(b, &fan, &id, now)
        });
        let answer = reply(&fx.fan_idea, &id, CommentKind::Public, "What is this?");
        assert_refused(b, ErrorCode::NotFound, |b| {
            ops::add_comment(b, &fan, &answer, now)
        });
        // A guest is stopped before any lookup, whatever the id.
        assert_refused(b, ErrorCode::NotSignedIn, |b| {
            ops::delete_comment(b, &guest, &id, now)
        });
    }
}

#[test]
fn internal_notes_stay_internal_after_a_merge() {
    let mut n = board_with_notes();
    let fx = &mut n.fx;
    let (source, target) = (fx.fan_idea.clone(), fx.voted_idea.clone());
    ops::merge_ideas(
        &mut fx.board,
        &fx.moderator.actor,
        &source,
        &target,
        None,
        fx.now,
    )
    .unwrap();
    for who in [&fx.fan.actor, &fx.other_fan.actor, &Actor::guest()] {
        let thread = ops::list_comments(&fx.board, who, &target).unwrap();
        assert_eq!(thread.len() as u32, PUBLIC_COMMENTS);
        assert_no_secret("merged thread", &serde_json::to_string(&thread).unwrap());
        let card = ops::get_idea(&fx.board, who, &target, fx.now).unwrap();
        assert_eq!(card.idea.comment_count, PUBLIC_COMMENTS);
    }
    let team = ops::list_comments(&fx.board, &fx.moderator.actor, &target).unwrap();
    assert_eq!(team.len() as u32, PUBLIC_COMMENTS + 2);
}

#[test]
fn a_demoted_moderator_loses_their_notes_and_the_notices_about_them() {
    let mut n = board_with_notes();
    let fx = &mut n.fx;
    let (b, now) = (&mut fx.board, fx.now);
    // The admin's internal reply told the moderator; now they are a fan again.
    let before = ops::list_notifications(b, &fx.moderator.actor, false, 200).unwrap();
    assert!(
        before
            .items
            .iter()
            .any(|i| i.kind == NotificationKind::Reply)
    );
    ops::change_role(b, &fx.admin.actor, &fx.moderator.id, Role::Fan, now).unwrap();
    let second = reply(
        &fx.fan_idea,
        &n.note,
        CommentKind::Internal,
        "INTERNAL-2 still no",
    );
    post(b, &fx.admin, &second, now);

    let demoted = fx.moderator.actor.clone();
    let thread = ops::list_comments(b, &demoted, &fx.fan_idea).unwrap();
    assert_no_secret(
        "thread of a demoted moderator",
        &serde_json::to_string(&thread).unwrap(),
    );
    let notices = ops::list_notifications(b, &demoted, false, 200).unwrap();
    assert!(
        notices
            .items
            .iter()
            .all(|i| i.kind != NotificationKind::Reply),
        "a fan is told of replies they cannot read: {notices:?}"
    );
    assert_eq!(notices.unread as usize, notices.items.len());
}

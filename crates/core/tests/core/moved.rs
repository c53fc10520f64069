//! Writes answer with what they moved (issue 13): the idea's page (or the inbox's
//! rows) as a read right after shows it, the acting member's standing and the
//! board's totals as reads right after say them, and exactly the feed entries the
//! write appended, so the window that made it asks for none of it again.

use ideaboard_core::model::{
    BoardSettings, CommentKind, IdeaStatus, Moved, Priority, Standing, TriageQuery,
};
use ideaboard_core::{Board, ops};

use crate::support::{Fixture, Member, comment, status};

/// The board's newest feed seq.
fn latest(board: &Board) -> i64 {
    ops::latest_change_seq(board).unwrap()
}

/// `moved` says what reads right after the write say, and spans exactly the entries
/// appended after `before`, among them every one `who` may see.
fn assert_moved(board: &Board, who: &Member, moved: &Moved, before: i64) {
    let profile = ops::my_profile(board, &who.actor).unwrap();
    let standing = Standing {
        points: profile.points,
        level: profile.level,
        votes_left: ops::votes_left(board, &who.actor).unwrap(),
    };
    assert_eq!(moved.standing, standing);
    assert_eq!(moved.counts, ops::board_overview(board).unwrap().counts);
    let span = (moved.changes.first, moved.changes.last);
    assert_eq!(span, (before + 1, latest(board)), "the entries appended");
    let seen = ops::changes_since(board, &who.actor, before, ops::CHANGES_LIMIT_MAX).unwrap();
    assert!(!seen.changes.is_empty());
    assert!(seen.changes.iter().all(|c| moved.changes.contains(c.seq)));
}

/// The fixture with a vote budget of 5.
fn budgeted() -> Fixture {
    let mut fx = Fixture::new();
    let settings = BoardSettings {
        vote_budget: Some(5),
        ..ops::board_settings(&fx.board).unwrap()
    };
    ops::update_board_settings(&mut fx.board, &fx.admin.actor, &settings, fx.now).unwrap();
    fx
}

#[test]
fn a_vote_and_its_withdrawal_answer_the_page_the_standing_and_the_totals() {
    let mut fx = budgeted();
    let (b, fan, idea, now) = (&mut fx.board, &fx.other_fan, &fx.spare_idea, fx.now);
    let votes_before = ops::board_overview(b).unwrap().counts.votes;

    let before = latest(b);
    let voted = ops::vote(b, &fan.actor, idea, Priority::Critical, now).unwrap();
    assert_eq!(
        voted.detail,
        ops::get_idea(b, &fan.actor, idea, now).unwrap()
    );
    assert_eq!(voted.detail.idea.my_vote, Some(Priority::Critical));
    assert_eq!(voted.moved.counts.votes, votes_before + 1);
    assert_moved(b, fan, &voted.moved, before);

    let before = latest(b);
    let changed = ops::change_vote_priority(b, &fan.actor, idea, Priority::Important, now);
    assert_moved(b, fan, &changed.unwrap().moved, before);

    let before = latest(b);
    let withdrawn = ops::unvote(b, &fan.actor, idea, now).unwrap();
    assert_eq!(
        withdrawn.detail,
        ops::get_idea(b, &fan.actor, idea, now).unwrap()
    );
    assert_eq!(withdrawn.moved.counts.votes, votes_before);
    let left = voted.moved.standing.votes_left.unwrap();
    assert_eq!(withdrawn.moved.standing.votes_left, Some(left + 1));
    assert!(withdrawn.moved.standing.points < voted.moved.standing.points);
    assert_moved(b, fan, &withdrawn.moved, before);
}

#[test]
fn a_write_that_changes_nothing_reflects_no_entries() {
    let mut fx = Fixture::new();
    let (b, fan, idea, now) = (&mut fx.board, &fx.fan, &fx.voted_idea, fx.now);
    let mine = ops::get_idea(b, &fan.actor, idea, now)
        .unwrap()
        .idea
        .my_vote
        .unwrap();
    let before = latest(b);
    let same = ops::change_vote_priority(b, &fan.actor, idea, mine, now).unwrap();
    assert!(same.moved.changes.is_empty());
    assert_eq!(latest(b), before);
}

#[test]
fn a_comment_answers_itself_and_the_counters_it_moved() {
    let mut fx = Fixture::new();
    let (b, fan, idea, now) = (&mut fx.board, &fx.other_fan, &fx.fan_idea, fx.now);
    let before = latest(b);
    let was = ops::get_idea(b, &fan.actor, idea, now)
        .unwrap()
        .idea
        .comment_count;
    let input = comment(idea, CommentKind::Public, "Yes please, with oat milk");
    let added = ops::add_comment(b, &fan.actor, &input, now).unwrap();
    assert_eq!(
        added.detail,
        ops::get_idea(b, &fan.actor, idea, now).unwrap()
    );
    assert_eq!(added.detail.idea.comment_count, was + 1);
    let thread = ops::list_comments(b, &fan.actor, idea).unwrap();
    assert_eq!(thread.last(), Some(&added.comment));
    assert_moved(b, fan, &added.moved, before);
}

#[test]
fn a_status_change_answers_the_page_with_its_answer() {
    let mut fx = Fixture::new();
    let (b, team, idea, now) = (&mut fx.board, &fx.moderator, &fx.fan_idea, fx.now);
    let before = latest(b);
    let update = status(idea, IdeaStatus::Planned, Some("On the spring menu"));
    let changed = ops::change_status(b, &team.actor, &update, now).unwrap();
    assert_eq!(
        changed.detail,
        ops::get_idea(b, &team.actor, idea, now).unwrap()
    );
    let last = changed.detail.journey.last().unwrap();
    assert_eq!(
        (last.to, last.note.as_deref()),
        (IdeaStatus::Planned, Some("On the spring menu"))
    );
    assert_moved(b, team, &changed.moved, before);
}

#[test]
fn a_bulk_status_change_answers_the_inbox_rows_and_figures() {
    let mut fx = Fixture::new();
    let (b, team, now) = (&mut fx.board, &fx.moderator, fx.now);
    let ids = [fx.fan_idea.clone(), fx.spare_idea.clone()];
    let inbox = |b: &Board| ops::triage_inbox(b, &team.actor, &TriageQuery::default()).unwrap();

    let before = latest(b);
    let review = ops::change_status_bulk(b, &team.actor, &ids, IdeaStatus::UnderReview, None, now);
    let review = review.unwrap();
    let after = inbox(b);
    assert!(review.gone.is_empty());
    let rows: Vec<_> = after
        .items
        .iter()
        .filter(|i| ids.contains(&i.idea.id))
        .collect();
    assert_eq!(rows.len(), 2);
    for row in rows {
        assert!(review.rows.contains(row), "{row:?}");
    }
    assert_eq!(
        (review.total, review.past_threshold),
        (after.total, after.past_threshold)
    );
    assert_moved(b, team, &review.moved, before);

    let before = latest(b);
    let note = Some("Coming in spring");
    let planned = ops::change_status_bulk(b, &team.actor, &ids, IdeaStatus::Planned, note, now);
    let planned = planned.unwrap();
    let after = inbox(b);
    assert!(planned.rows.is_empty());
    assert_eq!(planned.gone, ids);
    assert!(after.items.iter().all(|i| !ids.contains(&i.idea.id)));
    assert_eq!(
        (planned.total, planned.past_threshold),
        (after.total, after.past_threshold)
    );
    assert_moved(b, team, &planned.moved, before);
}
